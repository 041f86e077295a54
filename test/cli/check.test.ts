import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import { startStandIn, type StandIn } from '../helpers/stand-in.js';
import { ACCESS_TOKEN, API_KEY, GATEWAY_TOKEN, SETTINGS_KEY, assertNoSecret, login, write } from '../helpers/traps.js';

const FOUNDRY_KEY = 'foundry-FIXTURE-key-0123456789abcdef';
const AWS_KEY_ID = 'AKIAFIXTURECHECK0001';
const AWS_SECRET = 'FIXTURE/aws+SECRET+access/key0123456789abc';
let box: Sandbox;
let standIn: StandIn;
let refusedUrl: string;

/** A port that was free a moment ago: nothing listens there, so a connection is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function add(name: string, args: string[], secret?: string): Promise<void> {
  const run = await ccenv(box, ['add', name, ...args, ...(secret === undefined ? [] : ['--secret-stdin'])], { input: secret ?? '' });
  expect(run, run.stderr).toMatchObject({ exitCode: 0 });
}

beforeAll(async () => {
  box = sandbox();
  standIn = await startStandIn();
  refusedUrl = `http://127.0.0.1:${await closedPort()}`;
  const at = (prefix: string) => ['--base-url', `${standIn.url}${prefix}`];
  await add('good', ['--kind', 'api-key', ...at('')], API_KEY);
  await add('gw', ['--kind', 'gateway', ...at('/status/401')], GATEWAY_TOKEN);
  await add('denied', ['--kind', 'api-key', ...at('/status/403')], SETTINGS_KEY);
  await add('busy', ['--kind', 'api-key', ...at('/status/429')], API_KEY);
  await add('broken', ['--kind', 'api-key', ...at('/status/500')], API_KEY);
  await add('s404', ['--kind', 'gateway', ...at('/status/404')], GATEWAY_TOKEN);
  await add('overloaded', ['--kind', 'api-key', ...at('/status/529')], API_KEY);
  await add('hang1', ['--kind', 'api-key', ...at('/hang')], API_KEY);
  await add('hang2', ['--kind', 'gateway', ...at('/hang')], GATEWAY_TOKEN);
  await add('refused', ['--kind', 'api-key', '--base-url', refusedUrl], API_KEY);
  await add('token', ['--kind', 'subscription', ...at('')], ACCESS_TOKEN);
  await add('azure', ['--kind', 'foundry', ...at('/anthropic')], FOUNDRY_KEY);
  await add('bed', ['--kind', 'bedrock', '--region', 'us-east-1', '--aws-profile', 'corp']);
  await add('awskey', ['--kind', 'bedrock', '--region', 'us-east-1', '--access-key-id', AWS_KEY_ID], AWS_SECRET);
  await add('awsbad', ['--kind', 'mantle', '--region', 'eu-west-1', '--access-key-id', AWS_KEY_ID, '--env', `AWS_ENDPOINT_URL_STS=${standIn.url}/status/403`], AWS_SECRET);
  write(join(box.home, 'old', '.credentials.json'), login(Date.UTC(2025, 0, 1), false), 0o600);
  write(join(box.home, 'renewable', '.credentials.json'), login(Date.UTC(2025, 0, 1), true), 0o600);
  await add('old', ['--kind', 'subscription', '--config-dir', join(box.home, 'old')]);
  await add('renewable', ['--kind', 'subscription', '--config-dir', join(box.home, 'renewable')]);
  // a profile that says it has a secret the store does not hold
  const configFile = join(box.configDir, 'config.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  config.profiles.lost = { kind: 'api-key', baseUrl: standIn.url, hasSecret: true };
  writeFileSync(configFile, JSON.stringify(config));
}, 120_000);

afterAll(async () => {
  await standIn?.close();
  box?.cleanup();
});

interface Row { profile: string; kind: string; status: string; detail: string; ms: number }

async function check(args: string[], env: Record<string, string> = {}) {
  const run = await ccenv(box, ['check', ...args], { env });
  assertNoSecret([run.stdout, run.stderr]);
  for (const secret of [FOUNDRY_KEY, AWS_SECRET]) expect(run.stdout + run.stderr).not.toContain(secret);
  return run;
}

async function checkJson(args: string[], env: Record<string, string> = {}) {
  const run = await check(['--json', ...args], env);
  return { ...run, rows: JSON.parse(run.stdout) as Row[] };
}

describe('ccenv check', () => {
  it('gives each profile its status from its own endpoint, and exits 1', async () => {
    const names = ['good', 'gw', 'denied', 'busy', 'broken', 'overloaded', 'refused', 'token', 'azure', 'bed', 'old', 'renewable', 'lost'];
    const { exitCode, rows, stderr } = await checkJson(names.map((n) => `@${n}`));
    expect(stderr).toBe('');
    expect(exitCode).toBe(1);
    expect(Object.fromEntries(rows.map((r) => [r.profile, r.status]))).toEqual({
      good: 'ok', gw: 'rejected', denied: 'rejected', busy: 'limited', broken: 'outage', overloaded: 'outage', refused: 'unreachable',
      token: 'ok', azure: 'ok', bed: 'unchecked', old: 'expired', renewable: 'unchecked', lost: 'rejected',
    });
    const detail = Object.fromEntries(rows.map((r) => [r.profile, r.detail]));
    expect(detail.busy).toBe('HTTP 429; retry after 30 s');
    expect(detail.overloaded).toBe('HTTP 529 (overloaded)');
    expect(detail.refused).toMatch(/^ECONNREFUSED/);
    expect(detail.bed).toMatch(/^AWS profile corp has no static keys in .*: run aws sts get-caller-identity --profile corp$/);
    expect(detail.old).toMatch(/has no refresh token: log in again \(ccenv login old\)$/);
    expect(detail.renewable).toContain('ccenv never refreshes it');
    expect(detail.lost).toContain('ccenv edit lost --secret-stdin');
  });

  it('exits 1 on a secret that cannot be read, and records nothing (the server never said no)', async () => {
    await add('gx', ['--kind', 'gateway', '--base-url', standIn.url, '--secret-from', 'env:NOPE']);
    const { exitCode, rows } = await checkJson(['@gx']);
    expect(exitCode).toBe(1);
    expect(rows).toMatchObject([{ profile: 'gx', status: 'unreadable', detail: expect.stringContaining('env:NOPE') }]);
    const status = JSON.parse((await ccenv(box, ['status', '@gx', '--json'])).stdout) as Record<string, unknown>;
    expect(status.chain).toBeUndefined();
    const health = join(box.home, '.local', 'state', 'ccenv', 'health.json');
    expect(existsSync(health) ? (JSON.parse(readFileSync(health, 'utf8')) as { profiles?: Record<string, unknown> }).profiles?.gx : undefined).toBeUndefined();
    expect((await ccenv(box, ['remove', 'gx', '--yes'])).exitCode).toBe(0);
  });

  it('says on a 404 that nothing answers at the URL asked, and that the --base-url path may be wrong', async () => {
    standIn.clear();
    const run = await check(['@s404']);
    expect(run.exitCode).toBe(0); // unchecked: a gateway may have no GET /v1/models
    const line = run.stdout.split('\n').find((l) => l.startsWith('s404 '));
    expect(line).toMatch(/^s404 +gateway +unchecked +\d+ +HTTP 404: /);
    expect(line).toContain(
      `HTTP 404: nothing answers at ${standIn.url}/status/404/v1/models; a wrong --base-url path is one cause, an endpoint without GET /v1/models another`,
    );
    expect(standIn.requests()).toMatchObject([{ method: 'GET', path: '/status/404/v1/models' }]);
  });

  it('prints an array of {profile, kind, status, detail, ms}, in the order asked', async () => {
    const { rows } = await checkJson(['@bed', '@good']);
    expect(rows.map((r) => Object.keys(r))).toEqual([['profile', 'kind', 'status', 'detail', 'ms'], ['profile', 'kind', 'status', 'detail', 'ms']]);
    expect(rows[1]).toMatchObject({ profile: 'good', kind: 'api-key', status: 'ok', detail: 'HTTP 200', ms: expect.any(Number) });
    expect(rows[0]).toMatchObject({ profile: 'bed', kind: 'bedrock', status: 'unchecked' });
  });

  it('sends the auth headers claude would send, to each profile\'s own base URL', async () => {
    standIn.clear();
    const { exitCode } = await check(['@good', '@token', '@azure']);
    expect(exitCode).toBe(0);
    const byPath = (pred: (h: Record<string, unknown>) => boolean) => standIn.requests().filter((r) => pred(r.headers));
    const [key] = byPath((h) => h['x-api-key'] === API_KEY);
    expect(key).toMatchObject({ method: 'GET', path: '/v1/models', headers: { 'anthropic-version': '2023-06-01' } });
    expect(key!.headers.authorization).toBeUndefined();
    const [token] = byPath((h) => h.authorization === `Bearer ${ACCESS_TOKEN}`);
    expect(token).toMatchObject({ method: 'GET', path: '/v1/models', headers: { 'anthropic-beta': 'oauth-2025-04-20' } });
    expect(token!.headers['x-api-key']).toBeUndefined();
    const [foundry] = byPath((h) => h['x-api-key'] === FOUNDRY_KEY);
    expect(foundry).toMatchObject({ method: 'GET', path: '/anthropic/v1/models' });
    expect(standIn.requests()).toHaveLength(3);
  });

  it('sends a gateway its token as Bearer', async () => {
    standIn.clear();
    await check(['@gw']);
    expect(standIn.requests()).toMatchObject([{ method: 'GET', path: '/status/401/v1/models', headers: { authorization: `Bearer ${GATEWAY_TOKEN}` } }]);
  });

  it('exits 0 when every checked profile is ok, unchecked ones aside', async () => {
    const run = await check(['@good', '@bed', '@renewable']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^PROFILE +KIND +STATUS +MS +DETAIL$/m);
    expect(run.stdout).toMatch(/^good +api-key +ok +\d+ +HTTP 200$/m);
    expect(run.stdout).toMatch(/^bed +bedrock +unchecked +\d+ +AWS profile corp has no static keys/m);
  });

  it('checks AWS access keys with a signed STS GetCallerIdentity, at AWS_ENDPOINT_URL_STS', async () => {
    standIn.clear();
    const { exitCode, rows } = await checkJson(['@awskey', '@awsbad'], { AWS_ENDPOINT_URL_STS: standIn.url });
    expect(exitCode).toBe(1);
    expect(rows).toMatchObject([
      { profile: 'awskey', kind: 'bedrock', status: 'ok', detail: 'HTTP 200; arn:aws:iam::123456789012:user/stand-in' },
      { profile: 'awsbad', kind: 'mantle', status: 'rejected', detail: 'HTTP 403 InvalidClientTokenId' },
    ]);
    const requests = standIn.requests().sort((a, b) => a.path.localeCompare(b.path));
    expect(requests).toMatchObject([
      { method: 'POST', path: '/', body: 'Action=GetCallerIdentity&Version=2011-06-15' },
      { method: 'POST', path: '/status/403/', body: 'Action=GetCallerIdentity&Version=2011-06-15' },
    ]);
    expect(requests[0]!.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${AWS_KEY_ID}/\\d{8}/us-east-1/sts/aws4_request,`));
    expect(requests[1]!.headers.authorization).toContain('/eu-west-1/sts/aws4_request,');
    expect(JSON.stringify(requests)).not.toContain(AWS_SECRET);
  });

  it('checks in parallel, each within its own time limit', async () => {
    standIn.clear();
    const { exitCode, rows } = await checkJson(['@hang1', '@hang2', '--timeout', '1500']);
    expect(exitCode).toBe(1);
    expect(rows).toMatchObject([
      { profile: 'hang1', status: 'outage', detail: 'no answer within 1500 ms' },
      { profile: 'hang2', status: 'outage', detail: 'no answer within 1500 ms' },
    ]);
    // one after the other, the second request would come only when the first gave up (1500 ms)
    const [first, second] = standIn.requests().map((r) => r.time);
    expect(standIn.requests()).toHaveLength(2);
    expect(Math.abs(second! - first!)).toBeLessThan(750);
  });

  it('counts reading the secret in the time limit: a slow secret and a hanging endpoint end by --timeout', async () => {
    const slow = (seconds: number) => ['--kind', 'gateway', '--base-url', `${standIn.url}/hang`, '--secret-command', '--', 'sh', '-c', `sleep ${seconds}; printf %s ${GATEWAY_TOKEN}`];
    await add('slowsecret', slow(2));
    await add('slowersecret', slow(3));
    const { exitCode, rows } = await checkJson(['@slowsecret', '@slowersecret', '--timeout', '2500']);
    expect(exitCode).toBe(1);
    expect(rows).toMatchObject([
      { profile: 'slowsecret', status: 'outage', detail: 'no answer within 2500 ms' },
      { profile: 'slowersecret', status: 'unreadable', detail: 'its secret was not read within 2500 ms (--timeout)' },
    ]);
    // 2 s for the secret, then the request: 4.5 s if the limit started after the secret was read
    for (const row of rows) expect(row.ms).toBeLessThan(2500 + 1200);
    for (const name of ['slowsecret', 'slowersecret']) expect((await ccenv(box, ['remove', name, '--yes'])).exitCode).toBe(0);
  });

  it('ends a source program its profile abandoned at --timeout, with what it started', async () => {
    const pidFile = join(box.home, 'abandoned-sleep.pid');
    await add('sleepy', ['--kind', 'gateway', '--base-url', standIn.url, '--secret-command', '--', 'sh', '-c', `sleep 8 & echo $! > '${pidFile}'; wait; printf %s ${GATEWAY_TOKEN}`]);
    const started = performance.now();
    const { exitCode, rows } = await checkJson(['@sleepy', '--timeout', '1000']);
    // the process ended soon after the limit, not when the program would have (8 s)
    expect(performance.now() - started).toBeLessThan(5000);
    expect(exitCode).toBe(1);
    expect(rows).toMatchObject([{ profile: 'sleepy', status: 'unreadable', detail: 'its secret was not read within 1000 ms (--timeout)' }]);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const alive = () => {
      try {
        return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    expect(alive()).toBe(false);
    expect((await ccenv(box, ['remove', 'sleepy', '--yes'])).exitCode).toBe(0);
  });

  it('checks the profile a launch here would use when none is named', async () => {
    standIn.clear();
    const { rows } = await checkJson([], { CCENV_PROFILE: 'busy' });
    expect(rows).toMatchObject([{ profile: 'busy', status: 'limited' }]);
  });

  it('checks every profile with --all, the built-in one included', async () => {
    const { rows } = await checkJson(['--all', '--timeout', '300']);
    expect(rows.map((r) => r.profile)).toEqual(expect.arrayContaining(['subscription', 'good', 'hang1', 'lost', 'old']));
    expect(rows.find((r) => r.profile === 'subscription')).toMatchObject({ kind: 'subscription', status: 'unchecked' });
    expect(rows.length).toBe(19);
  });

  it('never writes the login Claude Code owns', async () => {
    const file = join(box.home, 'old', '.credentials.json');
    const before = { text: readFileSync(file, 'utf8'), mtime: statSync(file).mtimeMs };
    const { rows } = await checkJson(['@old', '@renewable']);
    expect(rows.map((r) => r.status)).toEqual(['expired', 'unchecked']);
    expect(rows[0]!.detail).toContain('no refresh token');
    expect({ text: readFileSync(file, 'utf8'), mtime: statSync(file).mtimeMs }).toEqual(before);
  });

  it.each([
    [['good'], 'expected @NAME, got good'],
    [['@good', '--all'], 'give @NAME... or --all, not both'],
    [['--timeout', 'soon'], '--timeout takes milliseconds'],
    [['--timeout', '0'], '--timeout takes milliseconds'],
  ])('refuses %j', async (args, message) => {
    const run = await check(args);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });

  it('is completed as a verb that takes @NAME', async () => {
    const run = await ccenv(box, ['completion', 'fish']);
    expect(run.stdout).toContain('__fish_use_subcommand -f -a check ');
    expect(run.stdout).toMatch(/__fish_seen_subcommand_from check' -f -a '\(_ccenv_profiles \| string replace -r "\^" "@"\)'/);
  });

  it('names a profile that does not exist', async () => {
    const run = await check(['@nope']);
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toContain('no profile named nope');
  });
});
