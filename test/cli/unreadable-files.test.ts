/**
 * Files in the user's tree that ccenv must not read whole or wait on: a `.ccprofile` or a
 * project settings file that is a FIFO, a device, or a link to /proc/self/pagemap (a
 * "regular" file of size 0 that reads gigabytes). Each run has a timeout and a memory
 * limit, so a hang or a runaway read fails the test instead of the machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CCENV, sandbox, type Sandbox } from '../helpers/cli.js';
import { type FakeClaude, fakeClaudeOnPath } from '../helpers/fake-claude.js';

const linux = process.platform === 'linux';
let box: Sandbox;
let fake: FakeClaude;

beforeEach(() => {
  box = sandbox();
  fake = fakeClaudeOnPath(box);
  mkdirSync(box.configDir, { recursive: true });
  writeFileSync(join(box.configDir, 'config.json'), JSON.stringify({ version: 1, profiles: { work: { kind: 'api-key' } } }));
  mkdirSync(join(box.home, 'proj', '.claude'), { recursive: true });
});
afterEach(() => box.cleanup());

const proj = () => join(box.home, 'proj');
const ccprofile = () => join(proj(), '.ccprofile');
const fifo = (path: string) => execFileSync('mkfifo', [path]);

/** `ccenv ARGS` under a 2 GB address-space limit, killed after 10 s. */
async function bounded(args: string[], cwd = proj()) {
  const run = await execa('bash', ['-c', 'ulimit -v 2000000; exec "$@"', 'bash', process.execPath, CCENV, ...args], {
    env: box.env,
    extendEnv: false,
    reject: false,
    cwd,
    input: '',
    timeout: 10_000,
    killSignal: 'SIGKILL',
  });
  expect(run.timedOut, `ccenv ${args.join(' ')} did not return`).toBe(false);
  return { exitCode: run.exitCode, stdout: String(run.stdout), stderr: String(run.stderr) };
}

describe.runIf(linux)('a .ccprofile that is not a small regular file', () => {
  it('a link to /proc/self/pagemap: the hook scope check refuses it at once', async () => {
    symlinkSync('/proc/self/pagemap', ccprofile());
    const run = await bounded(['hook', 'bash', '--scope', ccprofile()]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('unset CCENV_DIR_PROFILE');
    expect(run.stderr).toMatch(/^ccenv: cannot read ~\/proj\/\.ccprofile \(a link to \/proc\/self\/pagemap\): larger than 4096 bytes\n/);
  });

  it('a FIFO (swapped in after the hook looked): the hook scope check refuses it at once', async () => {
    fifo(ccprofile());
    const run = await bounded(['hook', 'bash', '--scope', ccprofile()]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('unset CCENV_DIR_PROFILE');
    expect(run.stderr).toMatch(/^ccenv: cannot read ~\/proj\/\.ccprofile: not a regular file \(a FIFO\)\n/);
  });

  it('a link to /proc/self/pagemap: a launch stops, naming the file, and claude does not run', async () => {
    symlinkSync('/proc/self/pagemap', ccprofile());
    const run = await bounded(['-p', 'hi']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^ccenv: cannot read ~\/proj\/\.ccprofile \(a link to \/proc\/self\/pagemap\): larger than 4096 bytes\n/);
    expect(fake.ran()).toBe(false);
  });

  // A launch never reads a FIFO or a device: denied, it is ignored with the usual note. A
  // link is denied as the link, so a link to /proc/self/pagemap (another /proc/PID in every
  // process) is denied too.
  const denied = (link: string) =>
    `ccenv: ~/proj/.ccprofile${link} is denied, so it is ignored (to trust it: ccenv allow ~/proj/.ccprofile); using the built-in profile subscription (Claude's own login)`;
  it.each([
    ['a FIFO', (path: string) => fifo(path), 'not a regular file (a FIFO)', ''],
    ['/dev/zero', (path: string) => symlinkSync('/dev/zero', path), 'not a regular file (a character device)', ' (a link to /dev/zero)'],
    ['/proc/self/pagemap', (path: string) => symlinkSync('/proc/self/pagemap', path), 'larger than 4096 bytes', ' (a link to /proc/self/pagemap)'],
  ])('%s: allow refuses it with a clear message; deny blocks it without reading it; a launch returns', async (_what, make, problem, link) => {
    make(ccprofile());
    const allow = await bounded(['allow', ccprofile()]);
    expect(allow.exitCode).toBe(1);
    expect(allow.stderr).toBe(`ccenv: cannot read ~/proj/.ccprofile${link}: ${problem}\nccenv: remove it: rm ~/proj/.ccprofile`);
    const deny = await bounded(['deny', ccprofile()]);
    expect(deny.exitCode, deny.stderr).toBe(0);
    expect(deny.stderr.startsWith(`ccenv: denied ~/proj/.ccprofile${link};`), deny.stderr).toBe(true);
    const launch = await bounded(['-p', 'hi']);
    expect([launch.exitCode, launch.stderr]).toEqual([0, denied(link)]);
  });
});

// A .ccprofile that is there but is no regular file is still the nearest one: it stops
// resolution with a message naming it, never falling through to the one above it.
describe.runIf(process.platform !== 'win32')('a .ccprofile that is not a regular file, below an allowed one', () => {
  const inner = () => join(proj(), 'in');
  beforeEach(async () => {
    writeFileSync(ccprofile(), 'work\n');
    expect((await bounded(['allow', ccprofile()])).exitCode).toBe(0);
    mkdirSync(inner());
  });

  it.each([
    ['a FIFO', (path: string) => fifo(path), 'rm'],
    ['a directory', (path: string) => mkdirSync(path), 'rmdir'],
  ])('%s: status, a launch, the hook scope check and allow all stop, naming it', async (what, make, rm) => {
    make(join(inner(), '.ccprofile'));
    const said = `ccenv: cannot read ~/proj/in/.ccprofile: not a regular file (${what})\nccenv: remove it: ${rm} ~/proj/in/.ccprofile`;
    const status = await bounded(['status'], inner());
    expect([status.exitCode, status.stderr]).toEqual([1, said]);
    const launch = await bounded(['-p', 'hi'], inner());
    expect([launch.exitCode, launch.stderr]).toEqual([1, said]);
    expect(fake.ran()).toBe(false);
    const scope = await bounded(['hook', 'bash', '--scope', join(inner(), '.ccprofile')], inner());
    expect([scope.stdout, scope.stderr]).toEqual(['unset CCENV_DIR_PROFILE', said]);
    for (const args of [['allow'], ['allow', '.'], ['allow', '.ccprofile']]) {
      const allow = await bounded(args, inner());
      expect([allow.exitCode, allow.stderr], args.join(' ')).toEqual([1, said]);
    }
  });
});

describe.runIf(linux)('project settings files that are not regular files', () => {
  it.each([
    ['settings.json is a FIFO', 'settings.json', (path: string) => fifo(path), 'not a regular file (a FIFO)'],
    ['settings.local.json links to /proc/self/pagemap', 'settings.local.json', (path: string) => symlinkSync('/proc/self/pagemap', path), 'larger than 4 MiB'],
  ])('%s: a launch runs claude, doctor reports the file', async (_what, name, make, problem) => {
    make(join(proj(), '.claude', name));
    const launch = await bounded(['-p', 'hi']);
    expect(launch.exitCode, launch.stderr).toBe(0);
    expect(fake.argv()).toEqual(['-p', 'hi']);
    const doctor = await bounded(['doctor']);
    expect(doctor.exitCode).toBe(1);
    expect(doctor.stdout).toContain(`~/proj/.claude/${name} cannot be read: ${problem}`);
  });

  it('a --settings file that is a FIFO: the launch stops, naming it', async () => {
    fifo(join(proj(), 'team-settings.json'));
    const run = await bounded(['-p', 'hi', '--settings', 'team-settings.json']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe('ccenv: cannot read the --settings file team-settings.json: not a regular file (a FIFO)');
    expect(fake.ran()).toBe(false);
  });
});

describe.runIf(linux)('start-up files that are not small regular files', () => {
  it.each([
    ['a sourced FIFO', (path: string) => fifo(path)],
    ['a sourced link to /proc/self/pagemap', (path: string) => symlinkSync('/proc/self/pagemap', path)],
  ])('%s: doctor and init scan the rest and return', async (_what, make) => {
    make(join(box.home, '.ccenv-extra'));
    // ~/.zshrc: the bash that bounded() starts reads ~/.bashrc itself (Debian's, with stdin not a terminal).
    writeFileSync(join(box.home, '.zshrc'), '. ~/.ccenv-extra\nexport ANTHROPIC_API_KEY=sk-ant-api03-RC-LINE-AFTER-THE-FIFO-0000\n');
    const doctor = await bounded(['doctor'], box.home);
    expect(doctor.stdout).toContain('~/.zshrc:2');
    const init = await bounded(['init', '--yes'], box.home);
    expect(init.exitCode, init.stderr).toBe(0);
    expect(init.stdout + init.stderr).not.toContain('RC-LINE-AFTER-THE-FIFO');
  });
});

describe.runIf(linux)("other programs' files in the home that are FIFOs", () => {
  it("~/.claude.json: doctor returns, saying it cannot read it", async () => {
    fifo(join(box.home, '.claude.json'));
    const run = await bounded(['doctor'], box.home);
    expect(run.stdout).toContain('~/.claude.json cannot be read: not a regular file (a FIFO)');
    expect(run.stdout).toContain('look at what it is (ls -l ~/.claude.json)');
    expect(run.stdout).not.toContain('chmod');
  });

  it("the ant CLI's active_config: doctor returns", async () => {
    mkdirSync(join(box.home, '.config', 'anthropic'), { recursive: true });
    fifo(join(box.home, '.config', 'anthropic', 'active_config'));
    const run = await bounded(['doctor'], box.home);
    expect(run.stdout).toContain('~/.config/anthropic/active_config cannot be read: not a regular file (a FIFO)');
  });

  it('~/.aws/config: doctor says it cannot read it rather than "the AWS profile is missing"; init returns', async () => {
    writeFileSync(join(box.configDir, 'config.json'), JSON.stringify({ version: 1, profiles: { aws: { kind: 'bedrock', region: 'us-east-1', awsProfile: 'corp' } } }));
    mkdirSync(join(box.home, '.aws'));
    fifo(join(box.home, '.aws', 'config'));
    const doctor = await bounded(['doctor'], box.home);
    expect(doctor.stdout).toContain('~/.aws/config cannot be read: not a regular file (a FIFO)');
    expect(doctor.stdout).not.toContain('is in neither');
    writeFileSync(join(box.home, '.zshrc'), 'export CLAUDE_CODE_USE_BEDROCK=1\nexport AWS_PROFILE=corp\n');
    const init = await bounded(['init', '--yes'], box.home);
    expect(init.exitCode, init.stderr).toBe(0);
  });
});
