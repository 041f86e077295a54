/** init on a tangled home: profiles with their secrets in the store, idempotent, settings edited only on a yes. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../src/secrets/file.js';
import { ccenv, ROOT, sandbox, type Sandbox } from '../helpers/cli.js';
import * as trap from '../helpers/traps.js';

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
  box.env.PATH = `${trap.fakeClaude(box, 'bin', '2.1.332')}:/usr/bin:/bin`;
  box.env.SHELL = '/usr/bin/zsh';
});
afterEach(() => box.cleanup());

const GATEWAY_SETTINGS = `{
  "env": {
    "ANTHROPIC_BASE_URL": "https://gateway.example.com/v1",
    "ANTHROPIC_AUTH_TOKEN": "${trap.GATEWAY_TOKEN}"
  },
  "model": "opus"
}
`;

/** The shell the user runs init from: the key and half-set Bedrock its start-up files export. */
const SHELL_ENV = { ANTHROPIC_API_KEY: trap.API_KEY, CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'corp' };

function tangle(): string {
  trap.apiKeyInZshrc(box);
  trap.bedrockHalfSet(box);
  return trap.write(join(box.home, '.claude', 'settings.json'), GATEWAY_SETTINGS);
}

async function init(args: string[], env: Record<string, string> = SHELL_ENV) {
  const run = await ccenv(box, ['init', ...args], { env });
  trap.assertNoSecret([run.stdout, run.stderr]);
  return run;
}

async function profiles(): Promise<Record<string, Record<string, unknown>>> {
  return (JSON.parse(readFileSync(join(box.configDir, 'config.json'), 'utf8')) as { profiles: Record<string, Record<string, unknown>> }).profiles;
}

function store(): FileSecretStore {
  return new FileSecretStore(box.env, () => Promise.reject(new Error('no passphrase prompt in tests')));
}

describe('ccenv init', () => {
  it('without --yes and without a terminal: proposes, creates nothing', async () => {
    const settings = tangle();
    const run = await init([]);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain('new profile api-key');
    expect(run.stderr).toContain('new profile gateway');
    expect(run.stderr).toContain('new profile bedrock');
    expect(run.stderr).toContain('run again with --yes');
    expect(() => readFileSync(join(box.configDir, 'config.json'))).toThrow();
    expect(readFileSync(settings, 'utf8')).toBe(GATEWAY_SETTINGS);
  });

  it('--yes turns the tangle into profiles, secrets in the store, a default, the hook line', async () => {
    const settings = tangle();
    const run = await init(['--yes']);
    expect(run.exitCode).toBe(0);
    const all = await profiles();
    expect(all['api-key']).toMatchObject({ kind: 'api-key', hasSecret: true });
    expect(all.gateway).toMatchObject({ kind: 'gateway', baseUrl: 'https://gateway.example.com/v1', hasSecret: true });
    // The region Claude Code was missing comes from ~/.aws/config for the AWS profile in use.
    expect(all.bedrock).toMatchObject({ kind: 'bedrock', region: 'eu-west-1', awsProfile: 'corp' });
    expect(await store().get('api-key')).toBe(trap.API_KEY);
    expect(await store().get('gateway')).toBe(trap.GATEWAY_TOKEN);
    const config = JSON.parse(readFileSync(join(box.configDir, 'config.json'), 'utf8')) as { default?: string };
    expect(config.default).toBe('gateway'); // the settings env block is what claude uses today
    expect(run.stderr).toContain(`shell integration: add to ~/.zshrc (after compinit): source ${join(ROOT, 'shell', 'ccenv.zsh')}`);
    expect(run.stderr).toContain('~/.zshrc:3  ANTHROPIC_API_KEY');
    expect(run.stderr).toContain('~/.bashrc:2  CLAUDE_CODE_USE_BEDROCK');
    expect(run.stderr).toContain('~/.bashrc:3  AWS_PROFILE (part of the Bedrock setup; keep it if other tools need it)');
    // --yes alone never edits a settings file, nor a start-up file.
    expect(readFileSync(settings, 'utf8')).toBe(GATEWAY_SETTINGS);
    expect(run.stderr).toContain('remove with: ccenv init --remove-from-settings');
    expect(readdirSync(join(box.home, '.claude'))).toEqual(['settings.json']);
  });

  it('is idempotent: a second run creates nothing and says what exists', async () => {
    tangle();
    await init(['--yes']);
    const first = await profiles();
    const run = await init(['--yes', '--json']);
    const out = JSON.parse(run.stdout) as { created: unknown[]; existing: { name: string }[] };
    expect(out.created).toEqual([]);
    expect(out.existing.map((e) => e.name).sort()).toEqual(['api-key', 'bedrock', 'gateway']);
    expect(await profiles()).toEqual(first);
  });

  it('a different key of the same kind is a new profile with a new name, not a duplicate', async () => {
    await init(['--yes'], { ANTHROPIC_API_KEY: trap.API_KEY });
    await init(['--yes'], { ANTHROPIC_API_KEY: trap.SETTINGS_KEY });
    await init(['--yes'], { ANTHROPIC_API_KEY: trap.SETTINGS_KEY });
    expect(Object.keys(await profiles()).sort()).toEqual(['api-key', 'api-key-2']);
    expect(await store().get('api-key-2')).toBe(trap.SETTINGS_KEY);
  });

  it('the same key in the shell and in a settings file is one profile', async () => {
    trap.write(join(box.home, '.claude', 'settings.json'), `{"env": {"ANTHROPIC_API_KEY": "${trap.API_KEY}"}}`);
    const run = await init(['--yes', '--json'], { ANTHROPIC_API_KEY: trap.API_KEY });
    const out = JSON.parse(run.stdout) as { created: { name: string; from: string[] }[] };
    expect(out.created).toHaveLength(1);
    expect(out.created[0]!.from).toHaveLength(2);
  });

  it('--remove-from-settings takes the imported variables out, after a backup', async () => {
    const settings = tangle();
    const run = await init(['--yes', '--remove-from-settings']);
    expect(run.exitCode).toBe(0);
    // No empty "env": {} left behind, and one line for the file, not one per variable.
    expect(JSON.parse(readFileSync(settings, 'utf8'))).toEqual({ model: 'opus' });
    expect(run.stderr.split('\n').filter((l) => l.includes('removed ANTHROPIC'))).toHaveLength(1);
    const backup = readdirSync(join(box.dataDir, 'backups')).find((f) => f.startsWith('~%2F.claude%2Fsettings.json.ccenv-backup-'))!;
    expect(readFileSync(join(box.dataDir, 'backups', backup), 'utf8')).toBe(GATEWAY_SETTINGS);
    // Start-up files stay as they were.
    expect(readFileSync(join(box.home, '.zshrc'), 'utf8')).toContain('ANTHROPIC_API_KEY');
  });

  it('--remove-from-settings takes out the credential, says so first, and leaves the model every launch uses', async () => {
    const settings = trap.write(join(box.home, '.claude', 'settings.json'), `{"env": {"ANTHROPIC_API_KEY": "${trap.SETTINGS_KEY}", "ANTHROPIC_MODEL": "opus"}}\n`);
    const run = await init(['--yes', '--remove-from-settings'], {});
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(settings, 'utf8'))).toEqual({ env: { ANTHROPIC_MODEL: 'opus' } });
    const lines = run.stderr.split('\n');
    const plan = lines.findIndex((l) => l.includes('ANTHROPIC_API_KEY goes to profile api-key'));
    const done = lines.findIndex((l) => l.includes('removed ANTHROPIC_API_KEY'));
    expect(plan).toBeGreaterThanOrEqual(0);
    expect(done).toBeGreaterThan(plan);
    expect(lines[plan]).toContain('ANTHROPIC_MODEL stays');
    expect(lines[done]).not.toContain('ANTHROPIC_MODEL');
  });

  it.each([
    ['source /path/to/ccenv/shell/ccenv.bash', false],
    ['. "$HOME/ccenv/shell/ccenv.bash"', false],
    ['eval "$(ccenv hook bash)"', true],
  ])('a hook already in ~/.bashrc (%s) is said to be installed, not to be added', async (line, slow) => {
    trap.write(join(box.home, '.bashrc'), `# bash\n${line}\n`);
    const run = await init([], { SHELL: '/bin/bash' });
    expect(run.stderr).toContain('shell integration: installed in ~/.bashrc:2');
    expect(run.stderr).toContain('open a new shell');
    expect(run.stderr).not.toContain('add to ~/.bashrc');
    expect(run.stderr.includes('faster')).toBe(slow);
  });

  it('on a clean machine: says there is nothing to import and what to do next', async () => {
    const run = await init([], {});
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain('found: no credentials to import');
    expect(run.stderr).toMatch(/^next: .*\n +or add a profile: .*ccenv add NAME --kind KIND/m);
    expect(run.stderr).toContain('ccenv @subscription auth login');
    expect(run.stderr).toContain('ccenv doctor');
  });

  it('paths under the home directory are shown as ~/..., everywhere in its output', async () => {
    trap.write(join(box.home, '.claude', 'settings.json'), `{"env": {"ANTHROPIC_AUTH_TOKEN": "${trap.GATEWAY_TOKEN}"}}\n`);
    const run = await init(['--yes']);
    expect(run.stderr).toContain('skipped: ANTHROPIC_AUTH_TOKEN in ~/.claude/settings.json');
    expect(run.stderr).not.toContain(box.home);
  });

  it('a subscription login keeps the built-in profile as the default', async () => {
    trap.credentials(box, trap.login(Date.now() + 3_600_000));
    const run = await init(['--yes', '--json'], { ANTHROPIC_API_KEY: trap.API_KEY });
    const out = JSON.parse(run.stdout) as { login: { plan: string }; default: string | null };
    expect(out.login.plan).toBe('max');
    expect(out.default).toBeNull();
    expect(run.stderr).toContain('default: the built-in subscription profile');
  });
});

describe('ccenv init and keys in shell start-up files', () => {
  const zshrc = (text: string) => trap.write(join(box.home, '.zshrc'), text);
  /** The lines init says to delete, one "file:line  VARIABLE ..." each. */
  const toDelete = (stderr: string) => {
    const at = stderr.indexOf('delete these lines');
    if (at < 0) return [];
    return stderr.slice(at).split('\n').slice(1).filter((l) => l.startsWith('  '));
  };

  it('a key in ~/.zshrc other than the shell\'s: both become profiles, and each line is safe to delete only then', async () => {
    zshrc(`export ANTHROPIC_API_KEY=${trap.SETTINGS_KEY}\n`);
    const proposed = await init([], { ANTHROPIC_API_KEY: trap.API_KEY });
    expect(proposed.stderr).toContain('new profile api-key');
    expect(proposed.stderr).toContain('new profile api-key-2');
    // Nothing is imported yet: no line may be deleted.
    expect(toDelete(proposed.stderr)).toEqual([]);
    expect(proposed.stderr).toMatch(/~\/\.zshrc:1 +ANTHROPIC_API_KEY=sk-ant-api03-…xwvu .*in no profile/);

    const run = await init(['--yes'], { ANTHROPIC_API_KEY: trap.API_KEY });
    expect(run.exitCode).toBe(0);
    expect(Object.keys(await profiles()).sort()).toEqual(['api-key', 'api-key-2']);
    expect(await store().get('api-key')).toBe(trap.API_KEY);
    expect(await store().get('api-key-2')).toBe(trap.SETTINGS_KEY);
    expect(toDelete(run.stderr)).toEqual([expect.stringMatching(/^ +~\/\.zshrc:1 +ANTHROPIC_API_KEY=sk-ant-api03-….*: kept as profile api-key-2/)]);
  });

  it('a key only in ~/.bashrc (not in this shell) is imported from the line', async () => {
    trap.write(join(box.home, '.bashrc'), `# bash\nexport ANTHROPIC_API_KEY='${trap.SETTINGS_KEY}'\n`);
    const run = await init(['--yes'], {});
    expect(run.stderr).not.toContain('no credentials to import');
    expect(run.stderr).toMatch(/found: .*from ~\/\.bashrc:2: new profile api-key/);
    expect(await store().get('api-key')).toBe(trap.SETTINGS_KEY);
    expect(toDelete(run.stderr)).toEqual([expect.stringMatching(/^ +~\/\.bashrc:2 +ANTHROPIC_API_KEY=sk-ant-api03-….*: kept as profile api-key/)]);
    // Twice is once: the second run finds the profile that holds it.
    const again = await init(['--yes', '--json'], {});
    expect((JSON.parse(again.stdout) as { created: unknown[] }).created).toEqual([]);
    expect(again.stderr).toContain('already profile api-key');
  });

  it('the shell\'s key set by ~/.zshrc is one profile, from both', async () => {
    trap.apiKeyInZshrc(box);
    const run = await init(['--yes', '--json'], { ANTHROPIC_API_KEY: trap.API_KEY });
    const out = JSON.parse(run.stdout) as { created: { name: string; from: string[] }[] };
    expect(out.created.map((c) => c.name)).toEqual(['api-key']);
    expect(toDelete(run.stderr)).toEqual([expect.stringMatching(/~\/\.zshrc:3 +ANTHROPIC_API_KEY=sk-ant-api03-….*: kept as profile api-key/)]);
  });

  it('a key a profile already holds under another name: the line is safe to delete, and says which profile', async () => {
    expect((await ccenv(box, ['add', 'work', '--kind', 'api-key', '--secret-stdin'], { input: trap.SETTINGS_KEY })).exitCode).toBe(0);
    zshrc(`export ANTHROPIC_API_KEY="${trap.SETTINGS_KEY}"\n`);
    const run = await init(['--yes'], {});
    expect(Object.keys(await profiles())).toEqual(['work']);
    expect(run.stderr).toContain('already profile work');
    expect(toDelete(run.stderr)).toEqual([expect.stringMatching(/~\/\.zshrc:1 +ANTHROPIC_API_KEY=sk-ant-api03-….*: kept as profile work/)]);
  });

  it.each([
    ['export ANTHROPIC_API_KEY=$(op read op://vault/claude/key)'],
    ['export ANTHROPIC_API_KEY="$WORK_KEY"'],
    ['export ANTHROPIC_API_KEY=`cat ~/.key`'],
  ])('a value the shell computes (%s) is not read, and its line is kept', async (line) => {
    zshrc(`${line}\n`);
    const run = await init(['--yes'], {});
    expect(toDelete(run.stderr)).toEqual([]);
    expect(run.stderr).toMatch(/~\/\.zshrc:1 +ANTHROPIC_API_KEY: .*could not read its value.*keep the line/);
    expect(() => readFileSync(join(box.configDir, 'config.json'))).toThrow();
  });
});

describe('init --help', () => {
  it('names where the backups go wherever the data directory is: $XDG_DATA_HOME, ~/.local/share by default', async () => {
    const run = await ccenv(box, ['init', '--help']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('$XDG_DATA_HOME/ccenv/backups (~/.local/share/ccenv/backups by default;');
    expect(run.stdout).not.toMatch(/backup \(in ~/);
  });
});
