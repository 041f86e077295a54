/** doctor on fixture homes, one trap each: found, located, fixed by the targeted fix, no secret printed. */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, ROOT, sandbox, type Sandbox } from '../helpers/cli.js';
import * as trap from '../helpers/traps.js';

interface Finding {
  id: string;
  severity: string;
  what: string;
  where?: { file: string; line?: number; column?: number };
  why?: string;
  fix?: string;
  fixable?: unknown;
}

let box: Sandbox;
let bin: string;

beforeEach(() => {
  box = sandbox();
  bin = trap.fakeClaude(box, 'bin', '2.1.332');
  box.env.PATH = `${bin}:/usr/bin:/bin`;
});
afterEach(() => box.cleanup());

async function doctor(args: string[] = [], env: Record<string, string> = {}, cwd?: string) {
  const run = await ccenv(box, ['doctor', ...args], { env, ...(cwd ? { cwd } : {}) });
  trap.assertNoSecret([run.stdout, run.stderr]);
  return run;
}

async function findings(env: Record<string, string> = {}, cwd?: string): Promise<{ ok: boolean; findings: Finding[]; exitCode: number }> {
  const run = await doctor(['--json'], env, cwd);
  const parsed = JSON.parse(run.stdout) as { ok: boolean; findings: Finding[] };
  return { ...parsed, exitCode: run.exitCode };
}

/** A profile that holds the settings file's key, so that doctor --fix may remove it there. */
async function keepSettingsKey(): Promise<void> {
  expect((await ccenv(box, ['add', 'kept', '--kind', 'api-key', '--secret-stdin'], { input: trap.SETTINGS_KEY })).exitCode).toBe(0);
}

describe('doctor on a clean home', () => {
  it('exits 0 and says all is well', async () => {
    const run = await doctor();
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('all is well');
    expect(run.stdout).toContain('2.1.332');
    expect(run.exitCode).toBe(0);
  });
});

describe('each trap, found with file:line and its fix', () => {
  it('an API key exported in ~/.zshrc', async () => {
    const { file, line } = trap.apiKeyInZshrc(box);
    const run = await doctor();
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`~/.zshrc:${line}`);
    expect(run.stdout).toContain(`delete line ${line} of ~/.zshrc`);
    const { findings: all } = await findings();
    const f = all.find((x) => x.id === 'rc.credential')!;
    expect(f.where).toEqual({ file, line });
    expect(f.fixable).toBeUndefined(); // start-up files are never edited
  });

  it('a key init already imported: kept as profile X, safe to delete, in the shell and in ~/.zshrc', async () => {
    trap.apiKeyInZshrc(box);
    const env = { ANTHROPIC_API_KEY: trap.API_KEY };
    const before = (await findings(env)).findings;
    expect(before.find((x) => x.id === 'rc.credential')?.fix).toContain('import it as a profile first: ccenv init');
    expect((await ccenv(box, ['init', '--yes'], { env })).exitCode).toBe(0);
    const after = (await findings(env)).findings;
    for (const id of ['rc.credential', 'env.credential']) {
      const f = after.find((x) => x.id === id)!;
      expect(f.fix).toContain('it is kept as profile api-key: safe to delete');
      expect(f.fix).not.toContain('ccenv init');
    }
  });

  it('a key in ~/.zshrc other than the one in this shell: "safe to delete" follows the line\'s own value', async () => {
    trap.write(join(box.home, '.zshrc'), `export ANTHROPIC_API_KEY=${trap.SETTINGS_KEY}\n`);
    expect((await ccenv(box, ['add', 'api-key', '--kind', 'api-key', '--secret-stdin'], { input: trap.API_KEY })).exitCode).toBe(0);
    const env = { ANTHROPIC_API_KEY: trap.API_KEY };
    const before = (await findings(env)).findings;
    const shell = before.find((x) => x.id === 'env.credential')!;
    const line = before.find((x) => x.id === 'rc.credential')!;
    expect(shell.fix).toContain('kept as profile api-key');
    expect(shell.fix).not.toContain('safe to delete');
    expect(shell.fix).toContain('~/.zshrc:1');
    expect(line.fix).not.toContain('safe to delete');
    expect(line.fix).toMatch(/^to keep it, import it as a profile first: ccenv init; then delete line 1/);
    expect((await ccenv(box, ['init', '--yes'], { env })).exitCode).toBe(0);
    const after = (await findings(env)).findings;
    expect(after.find((x) => x.id === 'rc.credential')!.fix).toContain('it is kept as profile api-key-2: safe to delete');
  });

  it('a key the shell computes in ~/.zshrc: doctor cannot tell, and never says to delete it', async () => {
    trap.write(join(box.home, '.zshrc'), 'export ANTHROPIC_API_KEY="$(op read op://vault/claude/key)"\n');
    const f = (await findings()).findings.find((x) => x.id === 'rc.credential')!;
    expect(f.fix).toContain('cannot read its value');
    expect(f.fix).not.toMatch(/^delete/);
    expect(f.fix).not.toContain('safe to delete');
  });

  it('the same key exported from a file .zshrc sources', async () => {
    trap.write(join(box.home, '.zshrc'), 'source ~/.config/secrets.sh\n');
    trap.write(join(box.home, '.config', 'secrets.sh'), `\n\nexport ANTHROPIC_API_KEY=${trap.API_KEY}\n`);
    const { findings: all } = await findings();
    expect(all.find((x) => x.id === 'rc.credential')?.where).toEqual({ file: join(box.home, '.config', 'secrets.sh'), line: 3 });
  });

  it('a fish config setting a token with set -gx', async () => {
    trap.write(join(box.home, '.config', 'fish', 'config.fish'), `set -gx ANTHROPIC_AUTH_TOKEN ${trap.GATEWAY_TOKEN}\n`);
    const { findings: all } = await findings();
    expect(all.find((x) => x.id === 'rc.credential')?.where?.line).toBe(1);
  });

  it('the key set in the current environment', async () => {
    trap.apiKeyInZshrc(box);
    const { findings: all } = await findings({ ANTHROPIC_API_KEY: trap.API_KEY });
    const f = all.find((x) => x.id === 'env.credential')!;
    expect(f.what).toContain('ANTHROPIC_API_KEY');
    expect(f.fix).toContain('~/.zshrc:3');
  });

  it('a settings env block', async () => {
    const { file, line } = trap.settingsEnvBlock(box);
    const run = await doctor();
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`~/.claude/settings.json:${line}`);
    const { findings: all } = await findings();
    const f = all.find((x) => x.id === 'settings.env-credential')!;
    expect(f.where).toMatchObject({ file, line });
    expect(f.fixable).toBeUndefined();
    await keepSettingsKey();
    const kept = (await findings()).findings.find((x) => x.id === 'settings.env-credential')!;
    expect(kept.fixable).toEqual({ kind: 'remove-env-variable', file, variable: 'ANTHROPIC_API_KEY' });
  });

  it('a settings env block in a file with a byte-order mark (claude applies it), and --fix keeps the mark', async () => {
    const { file, line } = trap.settingsEnvBlock(box);
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(file)]));
    const f = (await findings()).findings.find((x) => x.id === 'settings.env-credential')!;
    expect(f.where).toMatchObject({ file, line });
    await keepSettingsKey();
    const run = await doctor(['--fix']);
    expect(run.stdout + run.stderr).toContain('removed ANTHROPIC_API_KEY');
    const after = readFileSync(file);
    expect([...after.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(after.toString('utf8')).not.toContain('ANTHROPIC_API_KEY');
  });

  it("a project's proxy or TLS choice in its env block: a warning, and the user's own settings keep theirs", async () => {
    const project = join(box.home, 'project');
    trap.write(
      join(project, '.claude', 'settings.json'),
      '{\n  "env": {\n    "HTTPS_PROXY": "http://bob:pw-in-proxy-url@127.0.0.1:9",\n    "NODE_TLS_REJECT_UNAUTHORIZED": "0",\n    "http_proxy": "bob:pw-in-bare-proxy@127.0.0.1:9"\n  }\n}\n',
    );
    trap.write(join(box.home, '.claude', 'settings.json'), '{\n  "env": {\n    "HTTPS_PROXY": "http://corp.example:3128"\n  }\n}\n');
    const all = (await findings({}, project)).findings.filter((x) => x.id === 'settings.env-traffic');
    expect(all.map((f) => [f.where?.line, f.severity])).toEqual([
      [3, 'warning'],
      [4, 'warning'],
      [5, 'warning'],
    ]);
    expect(all[0]!.what).toContain('HTTPS_PROXY is set in the env block of project settings ~/project/.claude/settings.json:3:5 ("http://127.0.0.1:9")');
    expect(all[2]!.what).toContain('http_proxy is set in the env block of project settings ~/project/.claude/settings.json:5:5 ("127.0.0.1:9")');
    const shown = (await doctor([], {}, project)).stdout;
    expect(shown).not.toContain('pw-in-proxy-url');
    expect(shown).not.toContain('pw-in-bare-proxy');
  });

  it('a settings file with a trailing comma, with line and column', async () => {
    const project = join(box.home, 'project');
    mkdirSync(project);
    const { file, line, column } = trap.trailingCommaSettings(box, project);
    const run = await doctor([], {}, project);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`~/project/.claude/settings.json:${line}:${column}`);
    expect(run.stdout).toContain(`delete the comma at line ${line}, column ${column}`);
    const { findings: all } = await findings({}, project);
    const f = all.find((x) => x.id === 'settings.trailing-comma')!;
    expect(f.where).toEqual({ file, line, column });
    expect(f.fixable).toBeUndefined();
    // Its env block is not reported: claude ignores the whole file.
    expect(all.some((x) => x.id === 'settings.env-credential')).toBe(false);
  });

  it('several trailing commas: every one, in one finding, with line:column', async () => {
    const file = trap.write(join(box.home, '.claude', 'settings.json'), '{\n  "permissions": {\n    "allow": ["Bash(ls:*)",],\n  },\n  "model": "opus",\n}\n');
    const { findings: all } = await findings();
    const f = all.filter((x) => x.id === 'settings.trailing-comma');
    expect(f).toHaveLength(1);
    expect(f[0]!.where).toEqual({ file, line: 3, column: 27 });
    expect(f[0]!.what).toContain('3 trailing commas make user settings invalid JSON: at 3:27, 3:29, 5:18');
    expect(f[0]!.fix).toContain('delete the commas at 3:27, 3:29 and 5:18 of ~/.claude/settings.json');
  });

  it('other JSON errors are each named, with line:column', async () => {
    trap.write(join(box.home, '.claude', 'settings.json'), '{\n  "model": "opus"\n  "env": {},\n}\n');
    const f = (await findings()).findings.find((x) => x.id === 'settings.invalid-json')!;
    expect(f.what).toContain('invalid JSON: missing comma at 3:3, trailing comma at 3:12');
  });

  it('apiKeyHelper and forceLoginMethod', async () => {
    trap.write(join(box.home, '.claude', 'settings.json'), '{\n  "forceLoginMethod": "console",\n  "apiKeyHelper": "~/bin/key.sh"\n}\n');
    const { findings: all } = await findings();
    expect(all.find((x) => x.id === 'settings.api-key-helper')?.where?.line).toBe(3);
    expect(all.find((x) => x.id === 'settings.force-login-method')).toMatchObject({ severity: 'warning', where: { line: 2 } });
  });

  it("the ant CLI's active_config and a broken ~/.claude.json", async () => {
    trap.write(join(box.home, '.config', 'anthropic', 'active_config'), 'work\n');
    trap.write(join(box.home, '.claude.json'), '{"numStartups": 3,\n "projects": {}\n');
    const { findings: all } = await findings();
    expect(all.find((x) => x.id === 'ant.active-config')?.fix).toContain('~/.config/anthropic/active_config');
    expect(all.find((x) => x.id === 'settings.invalid-json')?.where?.file).toBe(join(box.home, '.claude.json'));
  });

  it('a ~/.claude.json grown past 4 MiB with project history is read, as claude reads it', async () => {
    const projects = Object.fromEntries(Array.from({ length: 6500 }, (_, i) => [`/home/u/p${i}`, { history: 'x'.repeat(1000) }]));
    const text = JSON.stringify({ numStartups: 3, projects, primaryApiKey: 'redacted' });
    expect(text.length).toBeGreaterThan(6_000_000);
    trap.write(join(box.home, '.claude.json'), text);
    const { findings: all } = await findings();
    expect(all.filter((x) => x.where?.file === join(box.home, '.claude.json')).map((x) => x.id)).toEqual(['claude-json.primary-api-key']);
  });

  it('a corrupt .credentials.json: the fix names that file, never all of ~/.claude', async () => {
    const file = trap.credentials(box, '{"claudeAiOauth": {"accessTok');
    const run = await doctor();
    expect(run.exitCode).toBe(1);
    const { findings: all } = await findings();
    const f = all.find((x) => x.id === 'login.malformed')!;
    expect(f.where).toEqual({ file });
    expect(f.fix).toContain('ccenv @subscription auth logout');
    expect(f.fix).toContain('then ccenv @subscription auth login');
    expect(f.fix).not.toMatch(/(^|[^@\w])claude auth/);
    expect(f.fix).toContain('~/.claude/.credentials.json');
    expect(run.stdout).not.toMatch(/rm -rf|delete ~\/\.claude[^/]/);
  });

  it("a profile's own login directory: the fix goes through ccenv with that profile, never a bare claude", async () => {
    const dir = join(box.home, 'second');
    expect((await ccenv(box, ['add', 'second', '--kind', 'subscription', '--config-dir', dir])).exitCode).toBe(0);
    const { findings: all } = await findings({ ANTHROPIC_AUTH_TOKEN: 'leftover-token' });
    const fixes = all.filter((x) => x.fix?.includes('auth login')).map((x) => x.fix!);
    expect(fixes.length).toBeGreaterThan(0);
    for (const fix of fixes) {
      expect(fix).toContain('ccenv @second auth login');
      expect(fix).not.toMatch(/CLAUDE_CONFIG_DIR=|(^|[^@\w])claude auth/);
    }
  });

  it('AWS credential variables in the shell and the start-up files: a warning each, with where', async () => {
    trap.write(join(box.home, '.bashrc'), '# bash\nexport AWS_ACCESS_KEY_ID=AKIASHELLKEY00000001\nexport AWS_SECRET_ACCESS_KEY=shell-aws-secret\n');
    const { findings: all, exitCode } = await findings({ AWS_PROFILE: 'corp', AWS_ACCESS_KEY_ID: 'AKIASHELLKEY00000001' });
    const aws = all.filter((x) => x.id === 'env.aws' || x.id === 'rc.aws');
    expect(aws.map((x) => [x.id, x.severity, x.what.split(' ')[0]])).toEqual([
      ['env.aws', 'warning', 'AWS_ACCESS_KEY_ID'],
      ['env.aws', 'warning', 'AWS_PROFILE'],
      ['rc.aws', 'warning', 'AWS_ACCESS_KEY_ID'],
      ['rc.aws', 'warning', 'AWS_SECRET_ACCESS_KEY'],
    ]);
    expect(aws[0]!.fix).toContain('~/.bashrc:2');
    expect(JSON.stringify(aws)).not.toContain('shell-aws-secret');
    expect(exitCode).toBe(0);
  });

  it('a .credentials.json of mode 0644', async () => {
    const file = trap.credentials(box, trap.login(Date.now() + 3_600_000), 0o644);
    const { findings: all, exitCode } = await findings();
    expect(exitCode).toBe(1);
    const f = all.find((x) => x.id === 'login.mode')!;
    expect(f.what).toContain('0644');
    expect(f.fix).toBe('chmod 600 ~/.claude/.credentials.json');
    expect(f.fixable).toEqual({ kind: 'chmod', file, mode: 0o600 });
  });

  it('an expired login that cannot be renewed; one that can is fine', async () => {
    trap.credentials(box, trap.login(Date.now() - 86_400_000, false));
    const expired = await findings();
    expect(expired.findings.find((x) => x.id === 'login.expired')?.fix).toContain('run ccenv @subscription auth login');
    expect(expired.exitCode).toBe(1);
    trap.credentials(box, trap.login(Date.now() - 86_400_000, true));
    const renewable = await findings();
    expect(renewable.findings.some((x) => x.id === 'login.expired')).toBe(false);
    expect(renewable.exitCode).toBe(0);
  });

  it('two claude binaries on PATH: both, their versions, which wins; a warning only', async () => {
    const second = trap.fakeClaude(box, 'other-bin', '2.0.1');
    const run = await doctor([], { PATH: `${second}:${bin}:/usr/bin:/bin` });
    expect(run.stdout).toMatch(/warning +2 claude binaries on PATH; the first wins: ~\/other-bin\/claude \(2\.0\.1 \(Claude Code\)\); ~\/bin\/claude \(2\.1\.332/);
    expect(run.exitCode).toBe(0);
  });

  it("ccenv's own pinned claude, put on PATH by npx, is named as such and not taken for the user's", async () => {
    const own = join(ROOT, 'node_modules', '.bin');
    const { findings: all } = await findings({ PATH: `${own}:${bin}:/usr/bin:/bin` });
    const dev = all.find((x) => x.id === 'claude.ccenv-dev-copy')!;
    expect(dev).toMatchObject({ severity: 'warning' });
    expect(dev.what).toContain(join(own, 'claude'));
    expect(dev.what).toContain('not your claude');
    expect(all.find((x) => x.id === 'claude.one')?.what).toBe('claude: ~/bin/claude (2.1.332 (Claude Code))');
    expect(all.some((x) => x.id === 'claude.several')).toBe(false);
  });

  it("ccenv's own pinned claude alone on PATH is what a launch through npx starts: no problem, and not called a wrapper", async () => {
    const own = join(ROOT, 'node_modules', '.bin');
    const wrapperDir = join(box.home, 'wrap');
    trap.write(join(wrapperDir, 'claude'), '#!/bin/sh\nexec ccenv "$@"\n', 0o755);
    const { findings: all } = await findings({ PATH: `${wrapperDir}:${own}:/usr/bin:/bin` });
    expect(all.find((x) => x.id === 'claude.none')).toBeUndefined();
    expect(all.find((x) => x.id === 'claude.one')?.what).toContain(join(own, 'claude'));
    expect(all.find((x) => x.id === 'claude.ccenv-dev-copy')).toMatchObject({ severity: 'warning' });
    // Only what leads back to ccenv is passed over, each with its reason.
    const none = (await findings({ PATH: `${wrapperDir}:/usr/bin:/bin` })).findings.find((x) => x.id === 'claude.none');
    expect(none).toMatchObject({ severity: 'error', what: 'no claude on PATH (passed over: ~/wrap/claude, a wrapper that runs ccenv)' });
  });

  it('no claude at all', async () => {
    const { findings: all, exitCode } = await findings({ PATH: '/usr/bin:/bin' });
    expect(all.find((x) => x.id === 'claude.none')?.fix).toContain('npm install -g @anthropic-ai/claude-code');
    expect(exitCode).toBe(1);
  });

  it('Bedrock half set in ~/.bashrc and in the environment', async () => {
    const { file, line } = trap.bedrockHalfSet(box);
    const fromRc = await findings();
    expect(fromRc.findings.find((x) => x.id === 'rc.provider-incomplete')).toMatchObject({ where: { file, line } });
    expect(fromRc.findings.find((x) => x.id === 'rc.provider-incomplete')?.what).toContain('AWS_REGION');
    const fromEnv = await findings({ CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'corp' });
    expect(fromEnv.findings.find((x) => x.id === 'env.provider-incomplete')?.what).toContain('AWS_REGION');
  });

  it('Bedrock set up over several lines of ~/.bashrc is complete, and every line of it is listed', async () => {
    const file = trap.write(join(box.home, '.bashrc'), '# bash\nexport CLAUDE_CODE_USE_BEDROCK=1\nexport AWS_REGION=us-east-1\nexport AWS_PROFILE=corp\n');
    const { findings: all } = await findings();
    expect(all.find((x) => x.id === 'rc.provider-incomplete')).toBeUndefined();
    const f = all.find((x) => x.id === 'rc.credential' && x.what.startsWith('CLAUDE_CODE_USE_BEDROCK'))!;
    expect(f.where).toMatchObject({ file, line: 2 });
    expect(f.fix).toContain('~/.bashrc:3 (AWS_REGION), ~/.bashrc:4 (AWS_PROFILE)');
    // AWS_REGION and AWS_PROFILE alone are not traps: no finding of their own.
    expect(all.filter((x) => x.id === 'rc.credential')).toHaveLength(1);
  });
});

describe('profiles and the secret backend', () => {
  it('a Bedrock profile naming an AWS profile that does not exist, a Vertex file that does not exist', async () => {
    trap.write(join(box.home, '.aws', 'credentials'), '[corp]\naws_access_key_id = AKIAEXAMPLE\n');
    expect((await ccenv(box, ['add', 'b1', '--kind', 'bedrock', '--region', 'us-east-1', '--aws-profile', 'corp'])).exitCode).toBe(0);
    expect((await ccenv(box, ['add', 'b2', '--kind', 'bedrock', '--region', 'us-east-1', '--aws-profile', 'gone'])).exitCode).toBe(0);
    expect((await ccenv(box, ['add', 'v', '--kind', 'vertex', '--region', 'us-east5', '--project-id', 'my-project', '--credentials-file', '~/nope.json'])).exitCode).toBe(0);
    const { findings: all } = await findings();
    const missing = all.filter((x) => x.id === 'profile.aws-profile-missing');
    expect(missing.map((x) => x.what)).toEqual([expect.stringContaining('profile b2: AWS profile gone')]);
    expect(all.find((x) => x.id === 'profile.credentials-file-missing')?.what).toContain('~/nope.json');
    // @NAME checks only that profile. (Not a bare 'b2': the sandbox's random path may hold one.)
    const only = JSON.parse((await doctor(['@b1', '--json'])).stdout) as { findings: Finding[] };
    expect(only.findings.filter((x) => /\bprofile b2\b/.test(x.what))).toEqual([]);
    expect(only.findings.filter((x) => x.id === 'profile.aws-profile-missing')).toEqual([]);
  });

  it("a profile whose secret is gone from the store; a backend that cannot be opened", async () => {
    expect((await ccenv(box, ['add', 'k', '--kind', 'api-key', '--secret-stdin'], { input: trap.API_KEY })).exitCode).toBe(0);
    const ok = await findings();
    expect(ok.findings.find((x) => x.id === 'backend.ok')?.what).toContain('1 secret present');
    const wrong = await findings({ CCENV_FILE_PASSPHRASE: 'another passphrase' });
    expect(wrong.findings.find((x) => x.id === 'backend.unreachable')).toMatchObject({
      severity: 'error',
      what: expect.stringContaining('wrong passphrase'),
      why: 'profile k cannot start',
    });
    expect(wrong.exitCode).toBe(1);
    const elsewhere = await findings({ CCENV_SECRETS_FILE: join(box.home, 'empty.enc') });
    expect(elsewhere.findings.find((x) => x.id === 'backend.secret-missing')?.fix).toContain('ccenv edit k --secret-stdin');
  });

  it('a keychain out of reach is only a warning while no profile has a secret', async () => {
    const run = await findings({ CCENV_BACKEND: 'keychain', DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(box.home, 'no-bus')}` });
    expect(run.findings.find((x) => x.id === 'backend.unreachable')).toMatchObject({
      severity: 'warning',
      what: expect.stringContaining('the session bus that DBUS_SESSION_BUS_ADDRESS names is gone'),
      fix: expect.stringContaining('CCENV_BACKEND=file'),
    });
  });

  it('a subscription profile that is not logged in is a warning naming ccenv login, not ok', async () => {
    expect((await ccenv(box, ['add', 'max', '--kind', 'subscription'])).exitCode).toBe(0);
    const { findings: all } = JSON.parse((await doctor(['@max', '--json'])).stdout) as { findings: Finding[] };
    expect(all.filter((x) => x.id === 'profile.ok')).toEqual([]);
    expect(all.find((x) => x.id === 'profile.not-logged-in')).toMatchObject({ severity: 'warning', what: 'profile max: not logged in', fix: 'ccenv login max' });
    // Logged in (what Claude Code stores): ok again.
    trap.write(join(box.home, '.claude', '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: 'x', refreshToken: 'y' } }));
    const again = JSON.parse((await doctor(['@max', '--json'])).stdout) as { findings: Finding[] };
    expect(again.findings.find((x) => x.id === 'profile.not-logged-in')).toBeUndefined();
    expect(again.findings.find((x) => x.id === 'profile.ok')?.what).toContain('profile max (subscription)');
  });

  it('@NAME that does not exist is an error', async () => {
    const run = await doctor(['@nope']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('no profile named nope');
  });
});

describe('doctor --fix', () => {
  it('changes only what it listed, backs up first, and leaves unparsable files and start-up files alone', async () => {
    const rc = trap.apiKeyInZshrc(box);
    const settings = trap.settingsEnvBlock(box);
    const project = join(box.home, 'project');
    mkdirSync(project);
    const broken = trap.trailingCommaSettings(box, project);
    const creds = trap.credentials(box, trap.login(Date.now() + 3_600_000), 0o644);
    await keepSettingsKey();
    const before = { rc: readFileSync(rc.file, 'utf8'), broken: readFileSync(broken.file, 'utf8'), creds: readFileSync(creds, 'utf8') };

    const run = await doctor(['--fix'], {}, project);
    expect(run.stderr).toContain('fixing 2 things:');
    expect(run.stderr).toContain('- remove ANTHROPIC_API_KEY from the env block of ~/.claude/settings.json');
    expect(run.stderr).toContain('- chmod 600 ~/.claude/.credentials.json');
    // Listed before applied.
    expect(run.stderr.indexOf('- chmod 600')).toBeLessThan(run.stderr.indexOf('done:'));

    expect(readFileSync(settings.file, 'utf8')).toBe(trap.SETTINGS_WITHOUT_ENV_KEY);
    const backups = readdirSync(join(box.dataDir, 'backups')).filter((f) => f.startsWith('~%2F.claude%2Fsettings.json.ccenv-backup-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(box.dataDir, 'backups', backups[0]!), 'utf8')).toBe(trap.SETTINGS_WITH_ENV);
    expect(readdirSync(join(box.home, '.claude')).filter((f) => f.includes('ccenv-backup'))).toEqual([]);
    expect(statSync(creds).mode & 0o777).toBe(0o600);
    expect(readFileSync(creds, 'utf8')).toBe(before.creds);
    expect(readFileSync(rc.file, 'utf8')).toBe(before.rc);
    expect(readFileSync(broken.file, 'utf8')).toBe(before.broken);
    expect(readdirSync(join(project, '.claude'))).toEqual(['settings.json']);
    // What is left: the start-up file line and the trailing comma.
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('~/.zshrc:3');
    expect(run.stdout).toContain('trailing comma');
    expect(run.stdout).not.toContain('readable by others');
  });

  it('--fix --json reports what it did', async () => {
    trap.settingsEnvBlock(box);
    await keepSettingsKey();
    const run = await doctor(['--fix', '--json']);
    const out = JSON.parse(run.stdout) as { ok: boolean; fixed: { applied: boolean; backup?: string }[] };
    expect(out.ok).toBe(true);
    expect(out.fixed).toHaveLength(1);
    expect(out.fixed[0]!.applied).toBe(true);
    expect(readFileSync(out.fixed[0]!.backup!, 'utf8')).toBe(trap.SETTINGS_WITH_ENV);
    expect(run.exitCode).toBe(0);
  });
});
