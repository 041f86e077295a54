/**
 * Claude Code's own processes (background service, sessions, relaunches) start through
 * bin/ccenv-wrap, which a launch records: here the wrapper is run as Claude Code runs
 * it, `WRAPPER CLAUDE ARGS...`, with the environment the launch gave claude, against a
 * fake claude that records what it got.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, ROOT, sandbox, type Sandbox } from '../helpers/cli.js';
import { type FakeClaude, fakeClaudeOnPath } from '../helpers/fake-claude.js';

const KEY = 'sk-ant-api03-WRAPPER-TEST-SECRET-91c2';
const WRAPPER = join(ROOT, 'bin', 'ccenv-wrap');
let box: Sandbox;
let fake: FakeClaude;

beforeEach(() => {
  box = sandbox();
  fake = fakeClaudeOnPath(box);
});
afterEach(() => box.cleanup());

async function add(name: string, key = KEY): Promise<void> {
  const run = await ccenv(box, ['add', name, '--kind', 'api-key', '--secret-stdin'], { input: key });
  expect(run.exitCode, run.stderr).toBe(0);
}

/** The environment claude got from `ccenv @NAME`, as its own processes inherit it. */
async function launchedEnv(name: string, env: Record<string, string> = {}): Promise<Record<string, string>> {
  const run = await ccenv(box, [`@${name}`, '-p', 'hi'], { env });
  expect(run.exitCode, run.stderr).toBe(0);
  return fake.env();
}

/**
 * Runs the wrapper as Claude Code does. The file backend's passphrase is not passed to
 * claude (it is ccenv's own); a user of that backend gives it the same way to the service.
 */
async function wrap(env: Record<string, string>, args: string[]) {
  const claude = join(fake.bin, 'claude');
  const run = await execa(env.CLAUDE_CODE_PROCESS_WRAPPER ?? WRAPPER, [claude, ...args], {
    env: { ...env, CCENV_FILE_PASSPHRASE: box.env.CCENV_FILE_PASSPHRASE! },
    extendEnv: false,
    reject: false,
    cwd: box.home,
  });
  return { exitCode: run.exitCode, signal: run.signal, stderr: String(run.stderr) };
}

describe('a launch records the wrapper', () => {
  it('as an absolute path to ccenv-wrap, with the profile and the config directory', async () => {
    await add('work');
    const env = await launchedEnv('work');
    expect(env.CLAUDE_CODE_PROCESS_WRAPPER).toBe(WRAPPER);
    expect(isAbsolute(env.CLAUDE_CODE_PROCESS_WRAPPER!) && existsSync(env.CLAUDE_CODE_PROCESS_WRAPPER!)).toBe(true);
    expect(env.CCENV_ACTIVE).toBe('work');
    expect(env.CCENV_WRAP_CONFIG).toBe(box.configDir);
    expect(env).not.toHaveProperty('CCENV_WRAP_INNER');
  });

  it('not for ccenv exec, whose command is not claude', async () => {
    await add('work');
    const run = await ccenv(box, ['exec', '@work', '--', join(fake.bin, 'claude')]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(fake.env()).not.toHaveProperty('CLAUDE_CODE_PROCESS_WRAPPER');
  });
});

describe('the wrapper', () => {
  it('reads the secret again and hands it on a fresh descriptor 3, arguments unchanged', async () => {
    await add('work');
    const env = await launchedEnv('work');
    writeFileSync(`${fake.log}.fd3`, '');
    const run = await wrap(env, ['--bg-spare', '/tmp/x.claim.sock']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(fake.argv()).toEqual(['--bg-spare', '/tmp/x.claim.sock']);
    expect(fake.fd3()).toBe(KEY);
    const wrapped = fake.env();
    expect(wrapped.CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR).toBe('3');
    expect(wrapped.CCENV_ACTIVE).toBe('work');
    expect(wrapped.CLAUDE_CODE_PROCESS_WRAPPER).toBe(WRAPPER);
    expect(Object.values(wrapped).join('\n')).not.toContain(KEY);
  });

  it("starts the plan's Node without NODE_EXTRA_CA_CERTS; the command gets it unchanged", async () => {
    await add('work');
    const certs = join(box.home, 'corporate ca.pem');
    writeFileSync(certs, '');
    const env = await launchedEnv('work', { NODE_EXTRA_CA_CERTS: certs });
    expect(env.NODE_EXTRA_CA_CERTS).toBe(certs);
    // A node first on PATH that records the environment it was started with.
    const bin = join(box.home, 'node-bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'node'), `#!/bin/sh\nenv > '${join(box.home, 'node.env')}'\nexec '${process.execPath}' "$@"\n`);
    chmodSync(join(bin, 'node'), 0o755);
    const run = await wrap({ ...env, PATH: `${bin}:${env.PATH}` }, ['--bg-spare', '/tmp/x.claim.sock']);
    expect(run.exitCode, run.stderr).toBe(0);
    const started = readFileSync(join(box.home, 'node.env'), 'utf8').split('\n');
    expect(started).toContain('NODE_EXTRA_CA_CERTS=');
    expect(started).toContain(`CCENV_NODE_EXTRA_CA_CERTS=${certs}`);
    expect(fake.env().NODE_EXTRA_CA_CERTS).toBe(certs);
    expect(fake.env()).not.toHaveProperty('CCENV_NODE_EXTRA_CA_CERTS');
    expect(fake.fd3()).toBe(KEY);
  });

  it('takes the profile from the wrapped process, not from CCENV_PROFILE or the directory', async () => {
    await add('work');
    await add('other', 'sk-ant-api03-OTHER-KEY');
    writeFileSync(join(box.home, '.ccprofile'), 'other\n');
    expect((await ccenv(box, ['allow'])).exitCode).toBe(0);
    const env = await launchedEnv('work');
    const run = await wrap({ ...env, CCENV_PROFILE: 'other' }, ['--bg-spare', 's']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(fake.fd3()).toBe(KEY);
  });

  it('ends with the status of the command', async () => {
    await add('work');
    const env = await launchedEnv('work');
    expect((await wrap({ ...env, FAKE_EXIT: '7' }, ['daemon', 'run'])).exitCode).toBe(7);
  });

  it('ends by the signal that ended the command', async () => {
    await add('work');
    const env = await launchedEnv('work');
    expect((await wrap({ ...env, FAKE_SIGNAL: 'TERM' }, ['daemon', 'run'])).signal).toBe('SIGTERM');
  });

  it('passes SIGTERM on to the command and ends as it does', async () => {
    await add('work');
    const env = await launchedEnv('work');
    const child = spawn(WRAPPER, [join(fake.bin, 'claude'), 'daemon', 'run'], {
      env: { ...env, CCENV_FILE_PASSPHRASE: box.env.CCENV_FILE_PASSPHRASE!, FAKE_TRAP: '1', FAKE_TRAP_EXIT: '3' },
      stdio: 'ignore',
    });
    for (let i = 0; i < 400 && !fake.ready(); i++) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGTERM');
    const code = await new Promise((done) => child.on('exit', (c) => done(c)));
    expect(fake.signals()).toEqual(['TERM']);
    expect(code).toBe(3);
  });

  it("runs the command through the user's own wrapper from the environment", async () => {
    await add('work');
    const corp = join(box.home, 'corp-launcher');
    writeFileSync(corp, `#!/bin/sh\nprintf '%s\\n' "$CLAUDE_CODE_PROCESS_WRAPPER" > "${box.home}/corp.saw"\nexec "$@"\n`);
    chmodSync(corp, 0o755);
    const env = await launchedEnv('work', { CLAUDE_CODE_PROCESS_WRAPPER: corp });
    expect(env.CLAUDE_CODE_PROCESS_WRAPPER).toBe(WRAPPER);
    expect(env.CCENV_WRAP_INNER).toBe(corp);
    const run = await wrap(env, ['--bg-spare', 's']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(existsSync(join(box.home, 'corp.saw'))).toBe(true);
    expect(fake.argv()).toEqual(['--bg-spare', 's']);
    expect(fake.fd3()).toBe(KEY);
  });

  it("keeps the user's processWrapper setting as the inner wrapper", async () => {
    await add('work');
    mkdirSync(join(box.home, '.claude'), { recursive: true });
    writeFileSync(join(box.home, '.claude', 'settings.json'), JSON.stringify({ processWrapper: '/opt/corp/launch' }));
    const env = await launchedEnv('work');
    expect(env.CLAUDE_CODE_PROCESS_WRAPPER).toBe(WRAPPER);
    expect(env.CCENV_WRAP_INNER).toBe('/opt/corp/launch');
  });
});

describe('the wrapper refuses, with a message and a non-zero exit, and starts nothing', () => {
  async function refused(env: Record<string, string>, message: string): Promise<void> {
    writeFileSync(`${fake.log}.argv`, 'not run\n');
    const run = await wrap(env, ['--bg-spare', 's']);
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('nothing was started');
    expect(run.stderr).not.toContain(KEY);
    expect(fake.argv()).toEqual(['not run']);
  }

  it('when the profile was removed since the launch', async () => {
    await add('work');
    const env = await launchedEnv('work');
    expect((await ccenv(box, ['remove', 'work', '--yes'])).exitCode).toBe(0);
    await refused(env, 'profile work, which started this Claude Code, cannot be used');
  });

  it('when the profile was renamed since the launch', async () => {
    await add('work');
    const env = await launchedEnv('work');
    expect((await ccenv(box, ['rename', 'work', 'job'])).exitCode).toBe(0);
    await refused(env, 'profile work, which started this Claude Code, cannot be used');
  });

  it('when no profile is recorded', async () => {
    await add('work');
    const { CCENV_ACTIVE: _, ...env } = await launchedEnv('work');
    await refused(env, 'no profile recorded');
  });

  it('when the secret cannot be read', async () => {
    await add('work');
    const env = await launchedEnv('work');
    writeFileSync(`${fake.log}.argv`, 'not run\n');
    const run = await execa(WRAPPER, [join(fake.bin, 'claude'), '--bg-spare', 's'], { env, extendEnv: false, reject: false, cwd: box.home });
    expect(run.exitCode).not.toBe(0);
    expect(String(run.stderr)).toContain('cannot read the secret of profile work');
    expect(fake.argv()).toEqual(['not run']);
  });
});

describe('ccenv @NAME --bg', () => {
  /** A process standing for Claude Code's background service of ~/.claude, with the given environment. */
  function service(env: Record<string, string>) {
    const child = spawn('sleep', ['60'], { env: { PATH: box.env.PATH!, ...env }, stdio: 'ignore' });
    mkdirSync(join(box.home, '.claude'), { recursive: true });
    writeFileSync(join(box.home, '.claude', 'daemon.status.json'), JSON.stringify({ supervisorPid: child.pid, workers: {} }));
    return child;
  }

  it('refuses while the service of the same Claude directory runs under another profile', async () => {
    await add('work');
    const other = service({ CCENV_ACTIVE: 'home', CLAUDE_CODE_PROCESS_WRAPPER: WRAPPER, CCENV_WRAP_CONFIG: box.configDir });
    try {
      const run = await ccenv(box, ['@work', '--bg', 'task']);
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain(`runs under profile home; a background session of profile work would run with it, so none was started`);
      expect(run.stderr).toContain('claude daemon stop');
      expect(fake.argv()).toEqual(['--version']);
    } finally {
      other.kill();
    }
  });

  it('refuses while a service started without ccenv runs', async () => {
    await add('work');
    const plain = service({ ANTHROPIC_API_KEY: 'sk-ant-api03-SOMEONE-ELSE' });
    try {
      const run = await ccenv(box, ['@work', '--bg', 'task']);
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('was not started through ccenv');
      expect(run.stderr).not.toContain('SOMEONE-ELSE');
    } finally {
      plain.kill();
    }
  });

  it('hands the session over when the service runs under the same profile', async () => {
    await add('work');
    const same = service({ CCENV_ACTIVE: 'work', CLAUDE_CODE_PROCESS_WRAPPER: WRAPPER, CCENV_WRAP_CONFIG: box.configDir });
    try {
      const run = await ccenv(box, ['@work', '--bg', 'task']);
      expect(run.exitCode, run.stderr).toBe(0);
      expect(fake.argv()).toEqual(['--bg', 'task']);
    } finally {
      same.kill();
    }
  });

  it('a launch without --bg says when tasks sent to the background would run under another profile', async () => {
    await add('work');
    const other = service({ CCENV_ACTIVE: 'home', CLAUDE_CODE_PROCESS_WRAPPER: WRAPPER, CCENV_WRAP_CONFIG: box.configDir });
    try {
      const run = await ccenv(box, ['@work', '-p', 'task']);
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.stderr).toContain('runs under profile home: tasks this session sends to the background would run with it');
      expect(fake.argv()).toEqual(['-p', 'task']);
    } finally {
      other.kill();
    }
  });

  it('warns that a claude older than 2.1.208 starts background sessions without the profile', async () => {
    await add('work');
    const run = await ccenv(box, ['@work', '--bg', 'task'], { env: { FAKE_VERSION: '2.1.100' } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('claude 2.1.100 (Fake Claude) starts background sessions without ccenv (CLAUDE_CODE_PROCESS_WRAPPER needs 2.1.208 or later): they will not carry profile work');
    expect(fake.argv()).toEqual(['--bg', 'task']);
  });

  it('asks claude for its version only when --bg is among the arguments', async () => {
    await add('work');
    const run = await ccenv(box, ['@work', '-p', 'task'], { env: { FAKE_VERSION: '2.1.100' } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
  });
});

describe('the wrapper behaves like exec', () => {
  it('becomes the command: the process Claude Code started is the command itself', async () => {
    await add('work');
    const env = await launchedEnv('work');
    const child = spawn(WRAPPER, [join(fake.bin, 'claude'), '--bg-spare', 's'], {
      env: { ...env, CCENV_FILE_PASSPHRASE: box.env.CCENV_FILE_PASSPHRASE! },
      stdio: 'ignore',
    });
    const code = await new Promise((done) => child.on('exit', (c) => done(c)));
    expect(code).toBe(0);
    expect(readFileSync(`${fake.log}.pid`, 'utf8').trim()).toBe(String(child.pid));
    expect(fake.fd3()).toBe(KEY);
  });
});

describe('ccenv status inside a session ccenv started', () => {
  it("shows that the session's background processes are wrapped, and by which profile", async () => {
    await add('work');
    const env = await launchedEnv('work');
    const run = await ccenv(box, ['status'], { env: { ...env, CCENV_FILE_PASSPHRASE: box.env.CCENV_FILE_PASSPHRASE! } });
    expect(run.stdout).toMatch(/^background +wrapped: Claude Code starts its own processes through .*\/bin\/ccenv-wrap with profile work$/m);
    const json = JSON.parse((await ccenv(box, ['status', '--json'], { env: { ...env, CCENV_FILE_PASSPHRASE: box.env.CCENV_FILE_PASSPHRASE! } })).stdout);
    expect(json.background).toEqual({ wrapped: true, wrapper: WRAPPER, service: null });
  });

  it('says so when they are not', async () => {
    await add('work');
    const run = await ccenv(box, ['status'], { env: { CCENV_ACTIVE: 'work' } });
    expect(run.stdout).toMatch(/^background +not wrapped: this session's background processes will not carry the profile$/m);
  });
});
