/**
 * Health seen inside a session, through the built CLI: the status line records a full usage
 * window; a fake claude that runs the StopFailure hook the launch gave it, as Claude Code
 * does, makes the launch say how to go on, or run `-p` once more on the fallback.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import { failingClaudeOnPath } from '../helpers/failing-claude.js';

const BAD_KEY = 'sk-ant-api03-SESSION-BAD-KEY-0001';
const GOOD_KEY = 'sk-ant-api03-SESSION-GOOD-KEY-0002';

let box: Sandbox;
let log: string;
beforeEach(() => {
  box = sandbox({ XDG_STATE_HOME: '', TZ: 'UTC' });
  box.env.XDG_STATE_HOME = join(box.home, '.local', 'state');
  log = failingClaudeOnPath(box);
});
afterEach(() => box.cleanup());

const health = () => JSON.parse(readFileSync(join(box.home, '.local', 'state', 'ccenv', 'health.json'), 'utf8')).profiles;
const runs = () => readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { profile: string; args: string[] });

/** Profiles made with add, the chain written into config.json directly, as an edit by hand would. */
async function profiles(fallback: Record<string, string[]>, bad: string[] = ['--kind', 'api-key']): Promise<void> {
  expect((await ccenv(box, ['add', 'bad', ...bad, ...(bad.includes('api-key') ? ['--secret-stdin'] : [])], { input: BAD_KEY })).exitCode).toBe(0);
  expect((await ccenv(box, ['add', 'good', '--kind', 'api-key', '--secret-stdin'], { input: GOOD_KEY })).exitCode).toBe(0);
  const file = join(box.configDir, 'config.json');
  const config = JSON.parse(readFileSync(file, 'utf8'));
  for (const [name, chain] of Object.entries(fallback)) config.profiles[name].fallback = chain;
  writeFileSync(file, JSON.stringify(config));
}

function noSecrets(...texts: string[]): void {
  for (const text of texts) {
    expect(text).not.toContain(BAD_KEY);
    expect(text).not.toContain(GOOD_KEY);
  }
}

describe('-p with a fallback', () => {
  it('a run whose credential was rejected is run once more on the fallback; stdout has only that answer', async () => {
    await profiles({ bad: ['good'] });
    const run = await ccenv(box, ['@bad', '-p', 'hi'], { env: { FAKE_FAIL_FOR: 'bad' } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toBe('answer from good');
    expect(run.stderr).toContain('ccenv: bad was rejected (Claude Code: authentication_failed); running it once more on good');
    expect(runs().map((r) => [r.profile, r.args.slice(-2)])).toEqual([['bad', ['-p', 'hi']], ['good', ['-p', 'hi']]]);
    expect(health()).toMatchObject({ bad: { status: 'rejected', source: 'hook', sessionId: 'S1' } });
    noSecrets(run.stderr, JSON.stringify(health()));
  });

  it("keeps what the hook saw (the conversation's last words) in a directory only you can read", async () => {
    await profiles({ bad: ['good'] });
    const run = await ccenv(box, ['@bad', '-p', 'hi'], { env: { FAKE_FAIL_FOR: 'bad' } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(statSync(join(box.home, '.local', 'state', 'ccenv', 'sessions')).mode & 0o777).toBe(0o700);
  });

  it('once only: a fallback that fails too gives its own output and status', async () => {
    await profiles({ bad: ['good'], good: ['bad'] });
    const run = await ccenv(box, ['@bad', '-p', 'hi'], { env: { FAKE_FAIL_FOR: 'bad' } });
    expect(run.stdout).toBe('answer from good');
    const again = await ccenv(box, ['@good', '-p', 'hi'], { env: { FAKE_FAIL_FOR: 'good' } });
    // bad is recorded as rejected: good has no fallback that works, and passes its own answer on.
    expect(again).toMatchObject({ exitCode: 1, stdout: 'Failed to authenticate. API Error: 401' });
    expect(again.stderr).toContain('no fallback of good works now');
  });

  it.each([
    ['--no-fallback', ['--no-fallback', '@bad', '-p', 'hi'], {}],
    ['CCENV_NO_FALLBACK=1', ['@bad', '-p', 'hi'], { CCENV_NO_FALLBACK: '1' }],
  ])('%s: a failed run is not run again on the fallback', async (_, argv, env) => {
    await profiles({ bad: ['good'] });
    const run = await ccenv(box, argv, { env: { FAKE_FAIL_FOR: 'bad', ...env } });
    expect(run).toMatchObject({ exitCode: 1, stdout: 'Failed to authenticate. API Error: 401' });
    expect(runs().map((r) => r.profile)).toEqual(['bad']);
  });

  it('a run whose conversation had run tools is not run again: they would run twice', async () => {
    await profiles({ bad: ['good'] });
    const run = await ccenv(box, ['@bad', '-p', 'hi'], { env: { FAKE_FAIL_FOR: 'bad', FAKE_TOOLS: '1' } });
    expect(run).toMatchObject({ exitCode: 1, stdout: 'Failed to authenticate. API Error: 401' });
    expect(run.stderr).toContain('not run again on good: tools had run in that conversation');
    expect(runs()).toHaveLength(1);
  });

  it('the prompt piped to the failed run goes to the fallback too', async () => {
    await profiles({ bad: ['good'] });
    const run = await ccenv(box, ['@bad', '-p', 'hi'], { env: { FAKE_FAIL_FOR: 'bad', FAKE_ECHO_STDIN: '1' }, input: 'the piped part' });
    expect(run.stdout).toBe('answer from good, given: the piped part');
  });

  it('a run that succeeds is passed on as it is; a profile no chain names gets no hook', async () => {
    await profiles({ bad: ['good'] });
    expect(await ccenv(box, ['@bad', '-p', 'hi'])).toMatchObject({ exitCode: 0, stdout: 'answer from bad', stderr: '' });
    await ccenv(box, ['add', 'lone', '--kind', 'api-key', '--secret-stdin'], { input: GOOD_KEY });
    await ccenv(box, ['@lone', '-p', 'hi']);
    expect(runs().at(-1)).toEqual({ profile: 'lone', args: ['-p', 'hi'] });
  });
});

/**
 * The chain is the one of the profile named: when the launch already went to one of its
 * fallbacks (the named profile known to fail), what follows that fallback in the named
 * chain is what may run next, never the fallback's own chain.
 */
describe('the chain of the profile named, not of the fallback launched', () => {
  const THIRD_KEY = 'sk-ant-api03-SESSION-THIRD-KEY-0003';
  async function threeProfiles(fallback: Record<string, string[]>): Promise<void> {
    expect((await ccenv(box, ['add', 'mid', '--kind', 'api-key', '--secret-stdin'], { input: THIRD_KEY })).exitCode).toBe(0);
    await profiles(fallback);
    // bad is known to be rejected: a launch of bad goes to its first fallback, mid.
    mkdirSync(join(box.home, '.local', 'state', 'ccenv'), { recursive: true });
    writeFileSync(
      join(box.home, '.local', 'state', 'ccenv', 'health.json'),
      JSON.stringify({ version: 1, profiles: { bad: { status: 'rejected', detail: 'HTTP 401', seenAt: Date.now(), source: 'check' } } }),
    );
  }

  it("-p: a fallback that fails is not run again on its own fallback, which the named chain leaves out", async () => {
    await threeProfiles({ bad: ['mid'], mid: ['good'] });
    const run = await ccenv(box, ['@bad', '-p', 'hi'], { env: { FAKE_FAIL_FOR: 'mid' } });
    expect(runs().map((r) => r.profile)).toEqual(['mid']);
    expect(run).toMatchObject({ exitCode: 1, stdout: 'Failed to authenticate. API Error: 401' });
    expect(run.stderr).not.toContain('good');
    expect(run.stderr).toContain('no fallback of bad works now');
  });

  it('-p: a fallback that fails is run again once on the next profile of the named chain', async () => {
    await threeProfiles({ bad: ['mid', 'good'] });
    const run = await ccenv(box, ['@bad', '-p', 'hi'], { env: { FAKE_FAIL_FOR: 'mid' } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toBe('answer from good');
    expect(runs().map((r) => r.profile)).toEqual(['mid', 'good']);
    expect(run.stderr).toContain('running it once more on good');
  });

  it("a session: no offer of the fallback's own fallback", async () => {
    await threeProfiles({ bad: ['mid'], mid: ['good'] });
    const run = await ccenv(box, ['@bad'], { env: { FAKE_FAIL_FOR: 'mid', FAKE_EXIT: '0' } });
    expect(run.stderr).toContain('ccenv: during this session, mid was rejected');
    expect(run.stderr).not.toContain('@good');
    expect(run.stderr).not.toContain('continue it on good');
  });

  it('a session: the next profile of the named chain is offered', async () => {
    await threeProfiles({ bad: ['mid', 'good'] });
    const run = await ccenv(box, ['@bad'], { env: { FAKE_FAIL_FOR: 'mid', FAKE_EXIT: '0' } });
    expect(run.stderr).toContain('ccenv: to continue it on good');
  });
});

describe('a session whose credential failed', () => {
  it('says what happened and the commands to resume it on the fallback, copying the conversation to its Claude directory', async () => {
    const dir = join(box.home, 'accounts', 'bad');
    await profiles({ bad: ['good'] }, ['--kind', 'subscription', '--config-dir', dir]);
    const run = await ccenv(box, ['@bad'], { env: { FAKE_FAIL_FOR: 'bad', FAKE_EXIT: '0' } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toBe('Failed to authenticate. API Error: 401');
    expect(run.stderr).toContain('ccenv: during this session, bad was rejected (Claude Code: authentication_failed)');
    const target = join(box.home, '.claude', 'projects', '-w');
    expect(run.stderr).toContain(
      `ccenv: to continue it on good; billing changes to API billing: mkdir -p ${target} && cp -n ${dir}/projects/-w/S1.jsonl ${target}/ && ccenv run @good -- --resume S1`,
    );
    expect(runs()).toHaveLength(1);
    noSecrets(run.stderr);
  });

  it('no failure: nothing said', async () => {
    await profiles({ bad: ['good'] });
    expect(await ccenv(box, ['@bad'])).toMatchObject({ exitCode: 0, stderr: '' });
  });
});

describe('ccenv health-hook, as Claude Code runs it', () => {
  const input = JSON.stringify({ session_id: 'S3', transcript_path: '/t/S3.jsonl', hook_event_name: 'StopFailure', error: 'rate_limit' });
  it('records the failure for the launched profile at once, and prints nothing', async () => {
    const run = await ccenv(box, ['health-hook'], { env: { CCENV_ACTIVE: 'max', CCENV_LAUNCH_ID: 'L3' }, input });
    expect(run).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    expect(health()).toEqual({ max: { status: 'limited', detail: 'Claude Code: rate_limit', seenAt: expect.any(Number), until: expect.any(Number), source: 'hook', launch: 'L3', sessionId: 'S3', transcript: '/t/S3.jsonl' } });
  });
  it.each([
    ['outside a launch', {}, input],
    ['another event', { CCENV_ACTIVE: 'max' }, '{"hook_event_name":"Stop"}'],
    ['an error that is not the credential', { CCENV_ACTIVE: 'max' }, input.replace('rate_limit', 'model_not_found')],
    ['garbage', { CCENV_ACTIVE: 'max' }, '{{{'],
  ])('%s: nothing recorded, exit 0', async (_, env, text) => {
    expect(await ccenv(box, ['health-hook'], { env, input: text })).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    expect(existsSync(join(box.home, '.local', 'state', 'ccenv', 'health.json'))).toBe(false);
  });
});

/** Five hours from when the tests run, in epoch seconds as Claude Code gives it: always ahead. */
const FIVE_HOUR_RESET = Math.floor(Date.now() / 1000) + 5 * 3600;

describe('ccenv statusline with the JSON Claude Code pipes in', () => {
  const usage = (five: number, seven: number) =>
    JSON.stringify({ session_id: 'S2', transcript_path: '/h/.claude/projects/-w/S2.jsonl', rate_limits: { five_hour: { used_percentage: five, resets_at: FIVE_HOUR_RESET }, seven_day: { used_percentage: seven, resets_at: FIVE_HOUR_RESET + 255_600 } } });

  it('shows the usage; at 100% records the profile limited until the reset; below, clears it', async () => {
    await ccenv(box, ['add', 'max', '--kind', 'subscription']);
    const env = { CCENV_ACTIVE: 'max', CCENV_LAUNCH_ID: 'L9' };
    const full = await ccenv(box, ['statusline'], { env, input: usage(100, 42) });
    expect(full).toMatchObject({ exitCode: 0, stdout: 'max (subscription) · 5h 100% · 7d 42%', stderr: '' });
    expect(health()).toEqual({
      max: { status: 'limited', detail: '5h limit at 100%', seenAt: expect.any(Number), until: FIVE_HOUR_RESET * 1000, source: 'statusline', launch: 'L9', sessionId: 'S2', transcript: '/h/.claude/projects/-w/S2.jsonl' },
    });
    expect(JSON.parse((await ccenv(box, ['statusline', '--json'], { env, input: usage(100, 42) })).stdout)).toEqual({ profile: 'max', kind: 'subscription', usage: { '5h': 100, '7d': 42 } });
    expect((await ccenv(box, ['statusline'], { env, input: usage(3, 42) })).stdout).toBe('max (subscription) · 5h 3% · 7d 42%');
    expect(health()).toEqual({});
  });

  it('nothing piped in: the name alone, nothing recorded', async () => {
    expect(await ccenv(box, ['statusline'], { env: { CCENV_ACTIVE: 'x' } })).toMatchObject({ exitCode: 0, stdout: 'x' });
    expect(existsSync(join(box.home, '.local', 'state', 'ccenv', 'health.json'))).toBe(false);
  });
});
