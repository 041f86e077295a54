/**
 * Fallback chains as a user meets them: saved and refused by add and edit, kept whole by
 * rename and remove, followed by a launch (a fake claude records which secret it got) while
 * the health file says the profile fails, recorded by check against a stand-in, shown by status.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import { CLOCK } from '../helpers/clock.js';
import { fakeClaudeOnPath, type FakeClaude } from '../helpers/fake-claude.js';
import { startStandIn, type StandIn } from '../helpers/stand-in.js';

const MAIN_KEY = 'sk-ant-api03-FALLBACK-main-KEY-0123456789';
const BACKUP_KEY = 'sk-ant-api03-FALLBACK-backup-KEY-9876543210';
const GW_TOKEN = 'gw-FALLBACK-gateway-TOKEN-abcdefabcdef';
const SECRETS = [MAIN_KEY, BACKUP_KEY, GW_TOKEN];

let box: Sandbox;
let fake: FakeClaude;
let api: StandIn;
const healthPath = () => join(box.home, '.local', 'state', 'ccenv', 'health.json');
const later = () => Date.now() + 3_600_000;

function writeHealth(profiles: Record<string, object>): void {
  mkdirSync(join(box.home, '.local', 'state', 'ccenv'), { recursive: true });
  writeFileSync(healthPath(), JSON.stringify({ version: 1, profiles }));
}
const limited = (until = later()) => ({ status: 'limited', detail: 'HTTP 429', seenAt: Date.now(), until, source: 'check' });
const rejected = () => ({ status: 'rejected', detail: 'HTTP 401', seenAt: Date.now(), source: 'check' });

function noSecretIn(...texts: string[]): void {
  for (const text of texts) for (const secret of SECRETS) expect(text).not.toContain(secret);
}

async function ok(args: string[], input?: string) {
  const run = await ccenv(box, args, input === undefined ? {} : { input });
  expect(run.exitCode, run.stderr).toBe(0);
  return run;
}

beforeAll(async () => {
  api = await startStandIn();
  box = sandbox();
  fake = fakeClaudeOnPath(box);
  await ok(['add', 'main', '--kind', 'api-key', '--base-url', `${api.url}/status/429`, '--secret-stdin'], MAIN_KEY);
  await ok(['add', 'backup', '--kind', 'api-key', '--base-url', api.url, '--secret-stdin'], BACKUP_KEY);
  await ok(['add', 'gw', '--kind', 'gateway', '--base-url', `${api.url}/status/401`, '--secret-stdin'], GW_TOKEN);
  await ok(['edit', 'main', '--fallback', 'gw', '--fallback', 'backup']);
}, 120_000);
afterAll(async () => {
  await api?.close();
  box?.cleanup();
});
beforeEach(() => {
  writeHealth({});
  api.clear();
});

const config = () => JSON.parse(readFileSync(join(box.configDir, 'config.json'), 'utf8'));

describe('a fallback chain is saved only when it makes sense', () => {
  it.each([
    ['an unknown name', ['edit', 'backup', '--fallback', 'nope'], 'profile backup: --fallback nope: no profile named nope'],
    ['itself', ['edit', 'backup', '--fallback', 'backup'], 'profile backup: --fallback backup: a profile cannot fall back to itself'],
    ['a cycle through a chain', ['edit', 'gw', '--fallback', 'main'], 'profile gw: --fallback main: main already falls back to gw (gw -> main -> gw), which would make a cycle'],
    ['an unknown name on add', ['add', 'x', '--kind', 'subscription', '--fallback', 'mian'], 'profile x: --fallback mian: no profile named mian; did you mean main?'],
  ])('refuses %s, and changes nothing', async (_, args, message) => {
    const before = config();
    const run = await ccenv(box, args);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(`ccenv: ${message}`);
    expect(config()).toEqual(before);
  });

  it('keeps the order given, and --unset fallback removes the chain', async () => {
    expect(config().profiles.main.fallback).toEqual(['gw', 'backup']);
    await ok(['add', 'spare', '--kind', 'subscription', '--fallback', 'backup']);
    expect((await ok(['show', 'spare'])).stdout).toMatch(/^fallback {8}backup$/m);
    await ok(['edit', 'spare', '--unset', 'fallback']);
    expect(config().profiles.spare).toEqual({ kind: 'subscription' });
    await ok(['remove', 'spare', '--yes']);
  });
});

describe('rename and remove keep chains whole', () => {
  it('rename updates the chains that name the profile, and says so', async () => {
    await ok(['add', 'extra', '--kind', 'subscription']);
    await ok(['edit', 'backup', '--fallback', 'extra']);
    const renamed = await ok(['rename', 'extra', 'extra2']);
    expect(renamed.stderr).toBe('ccenv: renamed extra to extra2, also in the fallbacks of backup');
    expect(config().profiles.backup.fallback).toEqual(['extra2']);

    const refused = await ccenv(box, ['remove', 'extra2']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('remove extra2; backup names it as a fallback, and will no longer fall back to it: confirm with --yes');
    expect(config().profiles).toHaveProperty('extra2');

    const removed = await ok(['remove', 'extra2', '--yes']);
    expect(removed.stderr).toContain('ccenv: taken out of the fallbacks of backup');
    expect(config().profiles.backup).not.toHaveProperty('fallback');
  });
});

describe('a launch of a profile known to fail', () => {
  it('launches the first fallback that is not, with its secret, and says so in one line', async () => {
    writeHealth({ main: limited(), gw: rejected() });
    const run = await ok(['@main', '-p', 'hi']);
    expect(run.stderr).toMatch(new RegExp(String.raw`^ccenv: main is limited until ${CLOCK}; gw was rejected \(HTTP 401, seen ${CLOCK}\); launching backup$`));
    expect(fake.fd3()).toBe(BACKUP_KEY);
    expect(fake.env().CCENV_ACTIVE).toBe('backup');
    expect(fake.argv().slice(-2)).toEqual(['-p', 'hi']);
    noSecretIn(run.stderr, readFileSync(healthPath(), 'utf8'));
  });

  it('names the change of billing', async () => {
    writeHealth({ main: limited() });
    const run = await ok(['run', '@main', '--', '-p', 'hi']);
    expect(run.stderr).toMatch(new RegExp(String.raw`^ccenv: main is limited until ${CLOCK}; launching gw \(the gateway's billing\)$`));
    expect(fake.env().CCENV_ACTIVE).toBe('gw');
  });

  it('launches the profile itself when nothing counts against it (a limit past its reset)', async () => {
    writeHealth({ main: limited(Date.now() - 1000) });
    const run = await ok(['@main']);
    expect(run.stderr).toBe('');
    expect(fake.fd3()).toBe(MAIN_KEY);
  });

  it.each([
    ['--no-fallback before the profile', ['--no-fallback', '@main', '-p', 'hi'], {}],
    ['--no-fallback after it', ['@main', '--no-fallback', '-p', 'hi'], {}],
    ['CCENV_NO_FALLBACK=1', ['@main', '-p', 'hi'], { CCENV_NO_FALLBACK: '1' }],
  ])('%s launches the profile itself', async (_, args, env) => {
    writeHealth({ main: limited() });
    const run = await ccenv(box, args, { env });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toMatch(new RegExp(String.raw`^ccenv: main is limited until ${CLOCK}; launching it anyway`));
    expect(fake.fd3()).toBe(MAIN_KEY);
    expect(fake.argv().slice(-2)).toEqual(['-p', 'hi']);
  });

  it('stops without starting claude when every profile of the chain fails', async () => {
    writeHealth({ main: limited(), gw: rejected(), backup: rejected() });
    const log = `${fake.log}.argv`;
    writeFileSync(log, 'before\n');
    const run = await ccenv(box, ['@main', '-p', 'hi']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('no profile of the chain main -> gw -> backup is usable');
    expect(run.stderr).toContain('ccenv --no-fallback @main');
    expect(readFileSync(log, 'utf8')).toBe('before\n');
  });

  it('ignores a corrupt health file with one line, and launches', async () => {
    writeFileSync(healthPath(), '{"version":1,"profiles":{"main":{"stat');
    const run = await ok(['exec', '@main', '--', 'sh', '-c', 'printf %s "$CCENV_ACTIVE"']);
    expect(run.stdout).toBe('main');
    expect(run.stderr).toBe(`ccenv: ignoring the health file ${healthPath()}: it does not parse; it will be rewritten`);
    expect(JSON.parse(readFileSync(healthPath(), 'utf8'))).toEqual({ version: 1, profiles: {} });
    expect((await ok(['exec', '@main', '--', 'true'])).stderr).toBe('');
  });
});

describe('list shows what counts against a profile now, and its chain', () => {
  it('a limit until its reset, a rejection; nothing once it no longer counts', async () => {
    writeHealth({ main: limited(), gw: rejected(), backup: limited(Date.now() - 1000) });
    const text = (await ok(['list'])).stdout;
    expect(text).toMatch(new RegExp(`^  main .*\\[is limited until ${CLOCK}\\]$`, 'm'));
    expect(text).toMatch(/^ {2}gw .*\[was rejected \(HTTP 401, seen .*\)\]$/m);
    expect(text).not.toMatch(/^ {2}backup .*\[/m);
    const rows = JSON.parse((await ok(['list', '--json'])).stdout) as { name: string; health?: { status: string }; fallback?: string[] }[];
    const row = (name: string) => rows.find((r) => r.name === name)!;
    expect(row('main').health?.status).toBe('limited');
    expect(row('main').fallback).toEqual(['gw', 'backup']);
    expect(row('backup').health).toBeUndefined();
  });
});

describe('check records what it sees, and status shows the chain', () => {
  it('records limited until the reset and rejected; ok clears; status says why', async () => {
    writeHealth({ backup: rejected() });
    const checked = await ccenv(box, ['check', '@main', '@gw', '@backup', '--json']);
    expect(checked.exitCode).toBe(1);
    const health = JSON.parse(readFileSync(healthPath(), 'utf8')).profiles;
    expect(Object.keys(health).sort()).toEqual(['gw', 'main']);
    expect(health.main).toMatchObject({ status: 'limited', source: 'check' });
    // the stand-in's 429 says retry-after: 30
    expect(health.main.until - health.main.seenAt).toBe(30_000);
    expect(health.gw).toMatchObject({ status: 'rejected', detail: 'HTTP 401' });
    expect(health.gw).not.toHaveProperty('until');
    noSecretIn(checked.stdout, checked.stderr, readFileSync(healthPath(), 'utf8'));

    const status = await ccenv(box, ['status', '@main']);
    expect(status.stdout).toMatch(new RegExp(String.raw`fallback   gw -> backup\n {11}main is limited until ${CLOCK}\n {11}gw was rejected \(HTTP 401, seen ${CLOCK}\)\nlaunches   backup, instead of main$`, 'm'));
    const json = JSON.parse((await ccenv(box, ['status', '@main', '--json'])).stdout);
    expect(json.chain).toEqual([
      expect.objectContaining({ profile: 'main', status: 'limited', until: new Date(health.main.until).toISOString() }),
      expect.objectContaining({ profile: 'gw', status: 'rejected' }),
      { profile: 'backup' },
    ]);
    expect(json.launches).toBe('backup');

    // no chain: only a profile known to fail says anything
    expect((await ccenv(box, ['status', '@gw'])).stdout).toMatch(new RegExp(String.raw`^fallback   none: a launch starts it all the same\n {11}gw was rejected \(HTTP 401, seen ${CLOCK}\)$`, 'm'));
    expect((await ccenv(box, ['status', '@backup'])).stdout).not.toContain('fallback');
  });

  it('--check on a launch asks the profile, then its fallbacks in order, and records what it saw', async () => {
    const run = await ok(['--check', '@main', '-p', 'hi']);
    expect(run.stderr).toMatch(new RegExp(String.raw`^ccenv: main is limited until ${CLOCK}; gw was rejected \(HTTP 401, seen ${CLOCK}\); launching backup$`));
    expect(fake.fd3()).toBe(BACKUP_KEY);
    expect(fake.argv().slice(-2)).toEqual(['-p', 'hi']);
    expect(Object.keys(JSON.parse(readFileSync(healthPath(), 'utf8')).profiles).sort()).toEqual(['gw', 'main']);
    expect(api.requests().filter((r) => r.path.endsWith('/v1/models')).map((r) => r.path)).toEqual(['/status/429/v1/models', '/status/401/v1/models', '/v1/models']);
  });

  it("--check on a launch reads a profile's secret from its source, as the launch does", async () => {
    await ok(['add', 'sourced', '--kind', 'api-key', '--base-url', api.url, '--secret-from', 'env:FALLBACK_SOURCED_KEY', '--fallback', 'backup']);
    const run = await ccenv(box, ['--check', '@sourced', '-p', 'hi'], { env: { FALLBACK_SOURCED_KEY: MAIN_KEY } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('launching backup');
    expect(fake.env().CCENV_ACTIVE).toBe('sourced');
    expect(fake.fd3()).toBe(MAIN_KEY);
    const checked = api.requests().filter((r) => r.path === '/v1/models');
    expect(checked.map((r) => r.headers['x-api-key'])).toEqual([MAIN_KEY]);
    expect(JSON.parse(readFileSync(healthPath(), 'utf8')).profiles.sourced?.status).not.toBe('rejected');
    expect(JSON.parse(readFileSync(healthPath(), 'utf8')).profiles.sourced).toBeUndefined();
  });

  it('--check on a launch runs a secret command once: the launch uses what the check read', async () => {
    const runs = join(box.home, 'secret-command-runs');
    await ok(['add', 'commanded', '--kind', 'api-key', '--base-url', api.url, '--fallback', 'backup', '--secret-command', '--', 'sh', '-c', `echo run >> '${runs}'; printf %s ${MAIN_KEY}`]);
    const run = await ok(['--check', '@commanded', '-p', 'hi']);
    expect(run.stderr).not.toContain('launching backup');
    expect(fake.fd3()).toBe(MAIN_KEY);
    expect(readFileSync(runs, 'utf8')).toBe('run\n');
  });

  it('--check on a launch runs a slow secret command once: the read is awaited, the budget is for the request', async () => {
    const runs = join(box.home, 'slow-secret-command-runs');
    api.clear();
    await ok(['add', 'unlocking', '--kind', 'api-key', '--base-url', api.url, '--fallback', 'backup', '--secret-command', '--', 'sh', '-c', `sleep 2; echo run >> '${runs}'; printf %s ${MAIN_KEY}`]);
    const run = await ok(['--check', '@unlocking', '-p', 'hi']);
    expect(run.stderr).not.toContain('launching backup');
    expect(fake.fd3()).toBe(MAIN_KEY);
    expect(readFileSync(runs, 'utf8')).toBe('run\n');
    // the check was made: a request with the secret the source gave
    expect(api.requests().filter((r) => r.headers['x-api-key'] === MAIN_KEY)).toHaveLength(1);
  });

  it('--check spends at most its budget on a profile that does not answer', async () => {
    await ok(['add', 'slow', '--kind', 'api-key', '--base-url', `${api.url}/hang`, '--fallback', 'backup', '--secret-stdin'], MAIN_KEY);
    const run = await ok(['exec', '@slow', '--check', '--', 'sh', '-c', 'printf %s "$CCENV_ACTIVE"']);
    expect(run.stdout).toBe('backup');
    expect(run.stderr).toContain('ccenv: --check: no time left to check backup; using what was recorded');
    expect(run.stderr).toMatch(new RegExp(String.raw`ccenv: slow is down until ${CLOCK}; launching backup$`));
    expect(JSON.parse(readFileSync(healthPath(), 'utf8')).profiles.slow).toMatchObject({ status: 'outage', detail: expect.stringMatching(/^no answer within 1[45]\d\d ms$/) });
  });

  it('a new secret clears a rejection for the launch', async () => {
    writeHealth({ main: limited(), gw: rejected() });
    await ok(['edit', 'gw', '--secret-stdin'], GW_TOKEN);
    const run = await ok(['@main']);
    expect(run.stderr).toMatch(/launching gw/);
    expect(existsSync(healthPath())).toBe(true);
  });
});
