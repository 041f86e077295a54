/**
 * The launch as a user runs it, against a fake claude on PATH that records what it got:
 * exit codes, signal deaths, signal forwarding, the terminal's streams, the secret on fd 3.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, CCENV, sandbox, type Sandbox } from '../helpers/cli.js';
import { fakeClaude, type FakeClaude, fakeClaudeOnPath } from '../helpers/fake-claude.js';

const KEY = 'sk-ant-api03-LAUNCH-TEST-SECRET-7f3e';
let box: Sandbox;
let fake: FakeClaude;

beforeEach(() => {
  box = sandbox();
  fake = fakeClaudeOnPath(box);
});
afterEach(() => box.cleanup());

async function addApiKey(name = 'work'): Promise<void> {
  const run = await ccenv(box, ['add', name, '--kind', 'api-key', '--secret-stdin'], { input: KEY });
  expect(run.exitCode, run.stderr).toBe(0);
}

/** Starts ccenv in its own process group, as a terminal would, and waits for how it ends. */
function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CCENV, ...args], { env: { ...box.env, ...env }, cwd: box.home, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal, stderr })),
  );
  return { child, ended };
}

/** The TCP ports a process listens on, from /proc (Linux). */
function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    const target = (() => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        return '';
      }
    })();
    const m = /^socket:\[(\d+)\]$/.exec(target);
    if (m) inodes.add(m[1]!);
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[3] === '0A' && inodes.has(f[9]!)) ports.push(parseInt(f[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(condition()).toBe(true);
}

describe('ccenv @NAME ARGS runs claude', () => {
  it('passes the arguments unchanged and the API key on descriptor 3 only', async () => {
    await addApiKey();
    const run = await ccenv(box, ['@work', '-p', 'fix it', '--resume', '--', 'list'], {
      env: { ANTHROPIC_API_KEY: 'junk', CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_USE_POWERSHELL_TOOL: '1' },
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(fake.argv()).toEqual(['-p', 'fix it', '--resume', '--', 'list']);
    expect(fake.fd3()).toBe(KEY);
    const env = fake.env();
    expect(env.CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR).toBe('3');
    expect(env.CCENV_ACTIVE).toBe('work');
    expect(env.CLAUDE_CODE_USE_POWERSHELL_TOOL).toBe('1');
    expect(env).not.toHaveProperty('ANTHROPIC_API_KEY');
    expect(env).not.toHaveProperty('CLAUDE_CODE_USE_BEDROCK');
    expect(Object.values(env).join('\n')).not.toContain(KEY);
    expect(run.stderr).toBe('ccenv: ignored from your environment for profile work: ANTHROPIC_API_KEY, CLAUDE_CODE_USE_BEDROCK');
    expect(run.stdout).not.toContain(KEY);
  });

  it('CCENV_QUIET=1 quiets the line about ignored variables; errors still speak', async () => {
    await addApiKey();
    const run = await ccenv(box, ['@work', '-p', 'x'], { env: { ANTHROPIC_API_KEY: 'junk', CCENV_QUIET: '1' } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(fake.env()).not.toHaveProperty('ANTHROPIC_API_KEY');
    const missing = await ccenv(box, ['@nobody', '-p', 'x'], { env: { CCENV_QUIET: '1' } });
    expect(missing.exitCode).not.toBe(0);
    expect(missing.stderr).toContain('nobody');
  });

  it("keeps ccenv's own variables that are not meant for children from claude", async () => {
    await addApiKey();
    const run = await ccenv(box, ['@work', '-p', 'x'], { env: { CCENV_PROFILE: 'work', CCENV_QUIET: '1', CCENV_ALLOW_REVEAL: '1', CCENV_SOMETHING_NEW: 'x' } });
    expect(run.exitCode, run.stderr).toBe(0);
    const env = fake.env();
    for (const gone of ['CCENV_FILE_PASSPHRASE', 'CCENV_ALLOW_REVEAL', 'CCENV_SOMETHING_NEW']) expect(env).not.toHaveProperty(gone);
    expect(env).toMatchObject({ CCENV_ACTIVE: 'work', CCENV_PROFILE: 'work', CCENV_QUIET: '1', CCENV_BACKEND: 'file' });
    expect(run.stderr).not.toContain('CCENV_');
  });

  const hasExecve = typeof (process as { execve?: unknown }).execve === 'function';
  it(`exec ${hasExecve ? 'becomes the command (this Node has process.execve): no ccenv waits beside it' : 'runs the command as its child and waits (this Node has no process.execve)'}`, async () => {
    await addApiKey();
    const { child, ended } = start(['exec', '@work', '--', 'sh', '-c', 'echo "$PPID $$" > "$FAKE_LOG.pids"; exit 3']);
    const result = await ended;
    expect(result.code, result.stderr).toBe(3);
    const [parent, self] = readFileSync(`${fake.log}.pids`, 'utf8').trim().split(' ').map(Number);
    if (hasExecve) {
      // The command is the process that was started as ccenv: its parent is the test, not a waiting ccenv.
      expect(self).toBe(child.pid);
      expect(parent).toBe(process.pid);
    } else {
      // Spawned by the ccenv that was started, which waited for it.
      expect(parent).toBe(child.pid);
      expect(self).not.toBe(child.pid);
    }
  });

  it('passes NODE_EXTRA_CA_CERTS on to claude and to exec unchanged', async () => {
    await addApiKey();
    const certs = join(box.home, 'corporate ca.pem');
    writeFileSync(certs, '');
    const run = await ccenv(box, ['@work', '-p', 'x'], { env: { NODE_EXTRA_CA_CERTS: certs } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(fake.env().NODE_EXTRA_CA_CERTS).toBe(certs);
    const exec = await ccenv(box, ['exec', '@work', '--', 'sh', '-c', 'printf %s "$NODE_EXTRA_CA_CERTS"'], { env: { NODE_EXTRA_CA_CERTS: certs } });
    expect(exec.exitCode, exec.stderr).toBe(0);
    expect(exec.stdout).toBe(certs);
  });

  it("puts back the NODE_EXTRA_CA_CERTS the shell's cc function handed over: for claude and exec, not ccenv's stand-in name", async () => {
    await addApiKey();
    const certs = join(box.home, 'corporate ca.pem');
    writeFileSync(certs, '');
    // What cc gives ccenv's Node: the variable emptied, its value under the stand-in name.
    const handed = { NODE_EXTRA_CA_CERTS: '', CCENV_NODE_EXTRA_CA_CERTS: certs };
    const run = await ccenv(box, ['@work', '-p', 'x'], { env: handed });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(fake.env().NODE_EXTRA_CA_CERTS).toBe(certs);
    expect(fake.env()).not.toHaveProperty('CCENV_NODE_EXTRA_CA_CERTS');
    const show = 'printf %s "$NODE_EXTRA_CA_CERTS|${CCENV_NODE_EXTRA_CA_CERTS-none}"';
    const exec = await ccenv(box, ['exec', '@work', '--', 'sh', '-c', show], { env: handed });
    expect(exec.exitCode, exec.stderr).toBe(0);
    expect(exec.stdout).toBe(`${certs}|none`);
    // A value set in the variable itself stands.
    const both = await ccenv(box, ['exec', '@work', '--', 'sh', '-c', show], { env: { NODE_EXTRA_CA_CERTS: certs, CCENV_NODE_EXTRA_CA_CERTS: '/elsewhere.pem' } });
    expect(both.stdout).toBe(`${certs}|none`);
  });

  it('sends reserved words after -- and through run', async () => {
    expect((await ccenv(box, ['--', 'list'])).exitCode).toBe(0);
    expect(fake.argv()).toEqual(['list']);
    expect((await ccenv(box, ['run', '--', 'auth', 'status'])).exitCode).toBe(0);
    expect(fake.argv()).toEqual(['auth', 'status']);
    expect(fake.env().CCENV_ACTIVE).toBe('subscription');
  });

  it.each([0, 1, 2, 42, 127, 128, 200, 255])('exits with the child status %i', async (code) => {
    const run = await ccenv(box, ['-p', 'x'], { env: { FAKE_EXIT: String(code) } });
    expect(run.exitCode).toBe(code);
  });

  it.each(['TERM', 'KILL', 'INT', 'HUP', 'USR2'])('dies by SIG%s when the child does', async (name) => {
    const { ended } = start(['-p', 'x'], { FAKE_SIGNAL: name });
    const end = await ended;
    expect(end, end.stderr).toMatchObject({ signal: `SIG${name}` });
    expect(end.code).toBeNull();
  });

  it.each([
    ['USR1', 138],
    ['PIPE', 141],
  ])('exits 128+n when the child dies by SIG%s, which Node cannot die by', async (name, code) => {
    const { ended } = start(['-p', 'x'], { FAKE_SIGNAL: name });
    expect(await ended).toMatchObject({ code, signal: null, stderr: '' });
  });

  // Dying by one of these would dump ccenv's own core, with the secret it read inside.
  it.each([
    ['QUIT', 131],
    ['ABRT', 134],
    ['SEGV', 139],
    ['BUS', 135],
  ])('exits 128+n, dumping no core, when the child dies by SIG%s', async (name, code) => {
    const { ended } = start(['-p', 'x'], { FAKE_SIGNAL: name });
    expect(await ended).toMatchObject({ code, signal: null, stderr: '' });
  });

  it('passes the terminal streams through', async () => {
    const run = await ccenv(box, ['-p', 'x'], { input: 'hello through stdin\n', env: { FAKE_CAT: '1' } });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('hello through stdin');
  });

  it('Ctrl-C reaches the child and ccenv outlives it', async () => {
    const { child, ended } = start(['-p', 'x'], { FAKE_TRAP: '1', FAKE_TRAP_EXIT: '7' });
    await until(fake.ready);
    process.kill(-child.pid!, 'SIGINT'); // the terminal signals the whole foreground group
    const end = await ended;
    expect(fake.signals()).toEqual(['INT']);
    expect(end).toMatchObject({ code: 7, signal: null });
  });

  it.each(['SIGTERM', 'SIGHUP'] as const)('forwards %s sent to ccenv alone', async (signal) => {
    const { child, ended } = start(['-p', 'x'], { FAKE_TRAP: '1', FAKE_TRAP_EXIT: '3' });
    await until(fake.ready);
    process.kill(child.pid!, signal);
    const end = await ended;
    expect(fake.signals()).toEqual([signal.slice(3)]);
    expect(end).toMatchObject({ code: 3, signal: null });
  });

  it('SIGUSR1 to the waiting ccenv opens no inspector and harms neither it nor claude', async () => {
    await addApiKey();
    const { child, ended } = start(['@work', '-p', 'x'], { FAKE_TRAP: '1', FAKE_TRAP_EXIT: '5' });
    await until(fake.ready);
    process.kill(child.pid!, 'SIGUSR1');
    // Node opens its inspector within a few milliseconds of the signal when nothing stops it.
    await new Promise((r) => setTimeout(r, 600));
    expect(listeningPorts(child.pid!)).not.toContain(9229);
    process.kill(child.pid!, 'SIGTERM');
    const end = await ended;
    expect(end.stderr).not.toContain('Debugger listening');
    expect(fake.signals()).toEqual(['TERM']);
    expect(end).toMatchObject({ code: 5, signal: null });
  });

  it('a nested launch: the inner profile wins', async () => {
    await addApiKey('inner');
    const run = await ccenv(box, ['@inner', '-p', 'x'], { env: { CCENV_ACTIVE: 'outer', CLAUDE_CODE_OAUTH_TOKEN: 'outer-token' } });
    expect(run.exitCode).toBe(0);
    expect(fake.env().CCENV_ACTIVE).toBe('inner');
    expect(fake.env()).not.toHaveProperty('CLAUDE_CODE_OAUTH_TOKEN');
    expect(fake.fd3()).toBe(KEY);
  });

  it('overrides a settings file that sets another key, and says so', async () => {
    await addApiKey();
    mkdirSync(join(box.home, '.claude'));
    writeFileSync(join(box.home, '.claude', 'settings.json'), '{\n  "env": {"ANTHROPIC_API_KEY": "sk-from-settings"}\n}\n');
    mkdirSync(join(box.home, 'proj'));
    const said = 'ccenv: settings would override profile work: ANTHROPIC_API_KEY (~/.claude/settings.json:2); overridden for this launch with --settings';
    // in $HOME the project settings file is the user's: the same file, read and named once
    for (const cwd of [join(box.home, 'proj'), box.home]) {
      const run = await ccenv(box, ['@work', '-p', 'x'], { cwd });
      expect(run.exitCode, run.stderr).toBe(0);
      expect(fake.argv()).toEqual(['--settings', '{"env":{"ANTHROPIC_API_KEY":""}}', '-p', 'x']);
      expect(run.stderr, cwd).toBe(said);
    }
  });

  it('stops when managed settings set a credential', async () => {
    const managed = join(box.home, 'managed');
    mkdirSync(managed);
    writeFileSync(join(managed, 'managed-settings.json'), '{"env": {"ANTHROPIC_API_KEY": "corp"}}');
    const run = await ccenv(box, ['-p', 'x'], { env: { CCENV_MANAGED_SETTINGS_DIR: managed } });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('managed settings');
    expect(fake.ran()).toBe(false);
  });
});

describe('a typo or a misplaced profile name never reaches claude', () => {
  it.each([
    [['staus'], 2, /^ccenv: staus is not a command; did you mean status\?\nccenv: to send it to claude as a prompt: ccenv -- staus$/],
    [['shwo', 'work'], 2, /did you mean show\?/],
    [['config'], 2, /^ccenv: config is not a command; did you mean show or edit\?\nccenv: to send it to claude as a prompt: ccenv -- config$/],
    [['confg'], 2, /^ccenv: confg is not a command; did you mean show or edit\?\n/],
    [['settings'], 2, /^ccenv: settings is not a command; did you mean show or edit\?\n/],
    [['profiles'], 2, /^ccenv: profiles is not a command; did you mean list or show\?\n/],
    [['profile', 'list'], 2, /^ccenv: profile is not a command; did you mean list or show\?\n/],
    [['whoami'], 2, /^ccenv: whoami is not a command; did you mean status\?\n/],
    [['imoprt'], 2, /^ccenv: imoprt is not a command; did you mean import\?\n/],
    [['help'], 0, /^$/],
    [['-h'], 0, /^$/],
  ])('ccenv %j starts no claude', async (args, code, stderr) => {
    const run = await ccenv(box, args);
    expect(run.exitCode, run.stderr).toBe(code);
    expect(run.stderr).toMatch(stderr);
    if (code === 0) expect(run.stdout).toContain('Usage: ccenv');
    expect(fake.ran()).toBe(false);
  });

  it("ccenv version is ccenv's version, and only asks claude for its own", async () => {
    const run = await ccenv(box, ['version']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ccenv \d+\.\d+\.\d+\nclaude 9\.9\.9 \(Fake Claude\) at /);
    expect(fake.argv()).toEqual(['--version']);
  });

  it.each([
    [['gw', '-p', 'hi'], 'gw is a profile, not a prompt; did you mean: ccenv @gw -p hi'],
    [['run', 'gw'], 'gw is a profile, not a prompt; did you mean: ccenv run @gw'],
    [['-p', 'hi', '@gw'], '@gw names a profile but is not the first word; did you mean: ccenv @gw -p hi'],
    [['@work', '-p', 'hi', '@gw'], '@gw comes after @work: a launch takes one profile, named first'],
    // "work" is also two edits from the verb "hook": the profile is what was meant.
    [['work', '-p', 'hi'], 'work is a profile, not a prompt; did you mean: ccenv @work -p hi'],
    [['run', 'work'], 'work is a profile, not a prompt; did you mean: ccenv run @work'],
    [['exec', 'work', '--', 'env'], 'work is a profile, not a command; did you mean: ccenv exec @work -- env'],
  ])('ccenv %j stops and says what was meant', async (args, message) => {
    await addApiKey('gw');
    await addApiKey('work');
    const run = await ccenv(box, args);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(`ccenv: ${message}`);
    expect(fake.ran()).toBe(false);
  });

  it.each([
    [['--', 'staus'], ['staus']],
    [['--', 'gw', '-p', 'hi'], ['gw', '-p', 'hi']],
    [['--', '@gw'], ['@gw']],
    [['-p', 'ask @gw'], ['-p', 'ask @gw']],
    [['-p', 'hi', '--', '@gw'], ['-p', 'hi', '--', '@gw']],
    [['run', '--', 'gw'], ['gw']],
    [['--', 'config'], ['config']],
    [['fix', 'the', 'build'], ['fix', 'the', 'build']],
  ])('ccenv %j still sends %j', async (args, sent) => {
    await addApiKey('gw');
    const run = await ccenv(box, args);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(fake.argv()).toEqual(sent);
  });
});

describe("cc's words (ccenv run --cc NAME --) never become a prompt by mistake", () => {
  const cc = (...words: string[]) => ['run', '--cc', 'cc', '--', ...words];
  it.each([
    [cc('mpc', 'list'), 'mpc is not a command; did you mean cc mcp?', 'to send it to claude as a prompt: cc -- mpc'],
    [cc('doctr'), 'doctr is not a command; did you mean cc doctor or ccenv doctor?', 'to send it to claude as a prompt: cc -- doctr'],
    [cc('list'), "list is ccenv's command, not claude's; did you mean ccenv list?", 'to send it to claude as a prompt: cc -- list'],
    [cc('staus'), 'staus is not a command; did you mean ccenv status?', 'to send it to claude as a prompt: cc -- staus'],
    [cc('profiles'), 'profiles is not a command; did you mean ccenv list or ccenv show?', 'to send it to claude as a prompt: cc -- profiles'],
    [cc('gw', '-p', 'hi'), 'gw is a profile, not a prompt; did you mean: cc @gw -p hi', 'to pass the words on unchanged: cc -- gw -p hi'],
    [cc('-p', 'hi', '@gw'), '@gw names a profile but is not the first word; did you mean: cc @gw -p hi', 'to pass the words on unchanged: cc -p hi -- @gw'],
    [['run', '--cc', 'ccx', '--', 'mpc'], 'mpc is not a command; did you mean ccx mcp?', 'to send it to claude as a prompt: ccx -- mpc'],
  ])('ccenv %j stops', async (args, message, hint) => {
    await addApiKey('gw');
    const run = await ccenv(box, args);
    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stderr).toBe(`ccenv: ${message}\nccenv: ${hint}`);
    expect(fake.ran()).toBe(false);
  });

  it.each([
    [cc('doctor'), ['doctor']],
    [cc('mcp', 'list'), ['mcp', 'list']],
    [cc('import'), ['import']],
    [cc('--help'), ['--help']],
    [cc('-p', 'fix it'), ['-p', 'fix it']],
    [cc('--resume'), ['--resume']],
    [cc(), []],
    [cc('fix', 'the', 'build'), ['fix', 'the', 'build']],
    [cc('--', 'list'), ['--', 'list']],
    [cc('--', 'gw', '@gw'), ['--', 'gw', '@gw']],
  ])('ccenv %j sends %j', async (args, sent) => {
    await addApiKey('gw');
    const run = await ccenv(box, args);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(fake.argv()).toEqual(sent);
  });
});

describe('a secret read after claude is started', () => {
  it('missing from the store: claude is ended before it reads its descriptor, and the error is as before', async () => {
    const config = { version: 1, profiles: { work: { kind: 'api-key', hasSecret: true } } };
    mkdirSync(box.configDir, { recursive: true });
    writeFileSync(join(box.configDir, 'config.json'), JSON.stringify(config));
    const run = await ccenv(box, ['@work']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/profile work has no API key .* in encrypted file/);
    expect(run.stderr).toContain('ccenv edit work --secret-stdin');
    expect(fake.wentOn()).toBe(false);
    expect(fake.fd3() ?? '').toBe('');
  });

  it('missing from the store, for exec (a variable, read first): the command is not started', async () => {
    const config = { version: 1, profiles: { work: { kind: 'api-key', hasSecret: true } } };
    mkdirSync(box.configDir, { recursive: true });
    writeFileSync(join(box.configDir, 'config.json'), JSON.stringify(config));
    const run = await ccenv(box, ['exec', '@work', '--', 'claude']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/profile work has no API key .* in encrypted file/);
    expect(fake.ran()).toBe(false);
  });
});

describe('claude is not started when', () => {
  it.each([
    ['the profile is unknown', ['@nope'], /no profile named nope/],
    ['@ has no name', ['@'], /@ needs a profile name/],
  ])('%s', async (_what, args, message) => {
    const run = await ccenv(box, args);
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toMatch(message);
    expect(fake.ran()).toBe(false);
  });

  it('the profile is incomplete for its kind', async () => {
    mkdirSync(box.configDir, { recursive: true });
    writeFileSync(join(box.configDir, 'config.json'), JSON.stringify({ version: 1, profiles: { bk: { kind: 'bedrock' } } }));
    const run = await ccenv(box, ['@bk']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/profile bk is incomplete: Amazon Bedrock needs --region/);
    expect(fake.ran()).toBe(false);
  });

  it('no claude is on PATH, and says how to install it', async () => {
    const run = await ccenv(box, ['-p', 'x'], { env: { PATH: '/usr/bin:/bin' } });
    expect(run.exitCode).toBe(127);
    expect(run.stderr).toContain('npm install -g @anthropic-ai/claude-code');
  });
});

describe('which claude', () => {
  it('passes over a wrapper on PATH that leads back to ccenv', async () => {
    const wrappers = join(box.home, 'wrappers');
    mkdirSync(wrappers);
    writeFileSync(join(wrappers, 'claude'), '#!/bin/sh\nexec ccenv run "$@"\n');
    chmodSync(join(wrappers, 'claude'), 0o755);
    const run = await ccenv(box, ['-p', 'x'], { env: { PATH: `${wrappers}:${box.env.PATH}` } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(fake.ran()).toBe(true);
  });

  it("runs the profile's own --claude", async () => {
    const other = fakeClaude(join(box.home, 'other'), 'my-claude');
    const run0 = await ccenv(box, ['add', 'own', '--kind', 'subscription', '--claude', join(other.bin, 'my-claude')]);
    expect(run0.exitCode, run0.stderr).toBe(0);
    const run = await ccenv(box, ['@own', '-p', 'x'], { env: { FAKE_LOG: other.log } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(other.argv()).toEqual(['-p', 'x']);
  });
});

describe('ccenv exec', () => {
  it('runs any command with the secret as an ordinary variable', async () => {
    await addApiKey();
    const run = await ccenv(box, ['exec', '@work', '--', 'sh', '-c', 'printf "%s|%s|%s" "$ANTHROPIC_API_KEY" "$CCENV_ACTIVE" "$CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR"; exit 9'], {
      env: { ANTHROPIC_AUTH_TOKEN: 'junk' },
    });
    expect(run.exitCode).toBe(9);
    expect(run.stdout).toBe(`${KEY}|work|`);
  });

  it('needs a command', async () => {
    const run = await ccenv(box, ['exec', '@subscription']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('exec needs a command');
  });

  it('reports a command that does not exist', async () => {
    const run = await ccenv(box, ['exec', '--', 'no-such-command-xyz']);
    expect(run.exitCode).toBe(127);
    expect(run.stderr).toContain('cannot run no-such-command-xyz: not found');
  });
});
