/**
 * `ccenv ide` and bin/ccenv-ide, the wrapper an editor's Claude Code starts claude through
 * (VS Code: `claudeCode.claudeProcessWrapper`, run as `WRAPPER CLAUDE ARGS...`).
 */
import { accessSync, chmodSync, constants, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, ROOT, sandbox, type Sandbox } from '../helpers/cli.js';
import { type FakeClaude, fakeClaudeOnPath } from '../helpers/fake-claude.js';

const KEY = 'sk-ant-api03-EDITOR-DIRECTORY-KEY-5d1a';
let box: Sandbox;
let fake: FakeClaude;

beforeEach(() => {
  box = sandbox();
  fake = fakeClaudeOnPath(box);
});
afterEach(() => box.cleanup());

describe('ccenv ide', () => {
  it('vscode --json: the extension setting names bin/ccenv-ide, absolute and executable', async () => {
    const run = await ccenv(box, ['ide', 'vscode', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const setup = JSON.parse(run.stdout);
    expect(setup.editor).toBe('vscode');
    const wrapper = setup.settings['claudeCode.claudeProcessWrapper'];
    expect(wrapper).toBe(join(ROOT, 'bin', 'ccenv-ide'));
    expect(() => accessSync(wrapper, constants.X_OK)).not.toThrow();
    expect(setup.notes.join('\n')).toContain('claudeCode.environmentVariables');
  });

  it('names the JetBrains Claude command and the Zed executable: ccenv itself', async () => {
    const run = await ccenv(box, ['ide', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const setups = JSON.parse(run.stdout) as { editor: string; settings: Record<string, unknown> }[];
    expect(setups.map((s) => s.editor)).toEqual(['vscode', 'jetbrains', 'zed']);
    const ccenvPath = join(ROOT, 'bin', 'ccenv.cjs');
    expect(setups[1]!.settings['Claude command']).toBe(ccenvPath);
    expect(setups[2]!.settings).toEqual({ agent_servers: { 'claude-acp': { type: 'registry', env: { CLAUDE_CODE_EXECUTABLE: ccenvPath } } } });
  });

  it('refuses an unknown editor', async () => {
    const run = await ccenv(box, ['ide', 'emacs']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('unknown editor emacs');
  });
});

describe('bin/ccenv-ide, as the VS Code extension runs it', () => {
  it("starts the editor's claude with the profile of its working directory, arguments unchanged", async () => {
    const add = await ccenv(box, ['add', 'proj', '--kind', 'api-key', '--secret-stdin'], { input: KEY });
    expect(add.exitCode, add.stderr).toBe(0);
    const project = join(box.home, 'project');
    mkdirSync(project);
    writeFileSync(join(project, '.ccprofile'), 'proj\n');
    expect((await ccenv(box, ['allow'], { cwd: project })).exitCode).toBe(0);
    const run = await execa(join(ROOT, 'bin', 'ccenv-ide'), [join(fake.bin, 'claude'), '--output-format', 'stream-json', '--input-format', 'stream-json'], {
      env: { ...box.env, ANTHROPIC_API_KEY: 'sk-ant-api03-FROM-THE-EDITOR' },
      extendEnv: false,
      reject: false,
      cwd: project,
    });
    expect(run.exitCode, String(run.stderr)).toBe(0);
    expect(fake.argv()).toEqual(['--output-format', 'stream-json', '--input-format', 'stream-json']);
    expect(fake.fd3()).toBe(KEY);
    const env = fake.env();
    expect(env.CCENV_ACTIVE).toBe('proj');
    expect(env).not.toHaveProperty('ANTHROPIC_API_KEY');
    // Its own background processes go through ccenv-wrap with that profile.
    expect(env.CLAUDE_CODE_PROCESS_WRAPPER).toBe(join(ROOT, 'bin', 'ccenv-wrap'));
    expect(env.CCENV_WRAP_CONFIG).toBe(box.configDir);
  });

  it("keeps the user's processWrapper setting for the editor's claude's own processes, as a launch does", async () => {
    const add = await ccenv(box, ['add', 'proj', '--kind', 'api-key', '--secret-stdin'], { input: KEY });
    expect(add.exitCode, add.stderr).toBe(0);
    const corp = join(box.home, 'corp-launcher');
    const saw = join(box.home, 'corp.saw');
    writeFileSync(corp, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${saw}'\nexec "$@"\n`);
    chmodSync(corp, 0o755);
    mkdirSync(join(box.home, '.claude'), { recursive: true });
    writeFileSync(join(box.home, '.claude', 'settings.json'), JSON.stringify({ processWrapper: corp }));
    const project = join(box.home, 'project');
    mkdirSync(project);
    writeFileSync(join(project, '.ccprofile'), 'proj\n');
    expect((await ccenv(box, ['allow'], { cwd: project })).exitCode).toBe(0);
    const claude = join(fake.bin, 'claude');
    const run = await execa(join(ROOT, 'bin', 'ccenv-ide'), [claude, '--output-format', 'stream-json'], { env: box.env, extendEnv: false, reject: false, cwd: project });
    expect(run.exitCode, String(run.stderr)).toBe(0);
    // The editor's claude itself does not run through the user's wrapper (a launched claude does not either).
    expect(existsSync(saw)).toBe(false);
    expect(fake.argv()).toEqual(['--output-format', 'stream-json']);
    const env = fake.env();
    expect(env.CLAUDE_CODE_PROCESS_WRAPPER).toBe(join(ROOT, 'bin', 'ccenv-wrap'));
    expect(env.CCENV_WRAP_INNER).toBe(corp);
    // A process that claude starts: ccenv-wrap, then the user's wrapper, then the command.
    writeFileSync(`${fake.log}.fd3`, '');
    const spare = await execa(env.CLAUDE_CODE_PROCESS_WRAPPER!, [claude, '--bg-spare', 's'], {
      env: { ...env, CCENV_FILE_PASSPHRASE: box.env.CCENV_FILE_PASSPHRASE! },
      extendEnv: false,
      reject: false,
      cwd: project,
    });
    expect(spare.exitCode, String(spare.stderr)).toBe(0);
    expect(existsSync(saw)).toBe(true);
    expect(fake.argv()).toEqual(['--bg-spare', 's']);
    expect(fake.fd3()).toBe(KEY);
  });

  it('refuses, starting nothing, when the directory names a profile that does not exist', async () => {
    const project = join(box.home, 'project');
    mkdirSync(project);
    writeFileSync(join(project, '.ccprofile'), 'nowhere\n');
    expect((await ccenv(box, ['allow'], { cwd: project })).exitCode).toBe(0);
    const run = await execa(join(ROOT, 'bin', 'ccenv-ide'), [join(fake.bin, 'claude'), '-p', 'x'], { env: box.env, extendEnv: false, reject: false, cwd: project });
    expect(run.exitCode).not.toBe(0);
    expect(String(run.stderr)).toContain('process wrapper: no profile for');
    expect(fake.ran()).toBe(false);
  });

  describe("a project's settings that would override the profile, as a launch overrides them", () => {
    const project = () => join(box.home, 'project');
    beforeEach(async () => {
      const add = await ccenv(box, ['add', 'proj', '--kind', 'api-key', '--secret-stdin'], { input: KEY });
      expect(add.exitCode, add.stderr).toBe(0);
      mkdirSync(join(project(), '.claude'), { recursive: true });
      writeFileSync(join(project(), '.ccprofile'), 'proj\n');
      expect((await ccenv(box, ['allow'], { cwd: project() })).exitCode).toBe(0);
    });
    const ide = (args: string[]) =>
      execa(join(ROOT, 'bin', 'ccenv-ide'), [join(fake.bin, 'claude'), ...args], { env: box.env, extendEnv: false, reject: false, cwd: project() });

    it("an env block's token and an apiKeyHelper are overridden with --settings, merged with the editor's own", async () => {
      writeFileSync(
        join(project(), '.claude', 'settings.json'),
        JSON.stringify({ apiKeyHelper: 'echo sk-from-the-project', env: { ANTHROPIC_AUTH_TOKEN: 'tok-from-the-project' } }, null, 2),
      );
      const run = await ide(['--settings', '{"model":"opus"}', '--output-format', 'stream-json']);
      expect(run.exitCode, String(run.stderr)).toBe(0);
      const argv = fake.argv();
      expect(argv.filter((a) => a === '--settings')).toHaveLength(1);
      expect(argv.slice(2)).toEqual(['--output-format', 'stream-json']);
      expect(argv[0]).toBe('--settings');
      const settings = JSON.parse(argv[1]!) as { model?: string; apiKeyHelper?: unknown; env?: Record<string, string> };
      expect(settings.model).toBe('opus');
      expect(settings.env?.ANTHROPIC_AUTH_TOKEN).toBe('');
      expect(settings.apiKeyHelper).toBe('');
      expect(String(run.stderr)).toContain('overridden for this launch with --settings');
      expect(fake.fd3()).toBe(KEY);
    });

    it("an env block that sets the profile's own key variable: emptied with --settings, the key goes by descriptor", async () => {
      writeFileSync(join(project(), '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_API_KEY: 'sk-ant-api03-FROM-THE-PROJECT' } }, null, 2));
      const run = await ide(['--output-format', 'stream-json']);
      expect(run.exitCode, String(run.stderr)).toBe(0);
      const argv = fake.argv();
      expect(argv[0]).toBe('--settings');
      expect(JSON.parse(argv[1]!)).toEqual({ env: { ANTHROPIC_API_KEY: '' } });
      expect(String(run.stderr)).toContain('ANTHROPIC_API_KEY (~/project/.claude/settings.json:3)');
      expect(String(run.stderr) + argv.join(' ')).not.toContain('FROM-THE-PROJECT');
      expect(fake.fd3()).toBe(KEY);
    });

    it("what was overridden is said on stderr with a hostile variable name's escapes made visible", async () => {
      writeFileSync(join(project(), '.claude', 'settings.json'), JSON.stringify({ env: { 'CLAUDE_CODE_OAUTH_TOKEN\u001b[2J': 'x' } }));
      const run = await ide(['--output-format', 'stream-json']);
      expect(run.exitCode, String(run.stderr)).toBe(0);
      expect(String(run.stderr)).toContain('settings would override profile proj: CLAUDE_CODE_OAUTH_TOKEN');
      expect(String(run.stderr)).not.toContain('\u001b');
    });

    it('with nothing to override, the arguments are passed as they came, spaces and quotes kept', async () => {
      const run = await ide(['-p', "it's a \"test\" $HOME `x`", '--output-format', 'stream-json']);
      expect(run.exitCode, String(run.stderr)).toBe(0);
      expect(fake.argv()).toEqual(['-p', "it's a \"test\" $HOME `x`", '--output-format', 'stream-json']);
    });
  });
});
