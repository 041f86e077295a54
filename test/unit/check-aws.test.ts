import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCheckPlan, bedrockUrl, judgeAws, stsProbe, stsUrl } from '../../src/health/aws.js';
import { parseAwsIni } from '../../src/aws-files.js';
import { chainKeys } from '../../src/health/aws-credentials.js';
import type { Outcome } from '../../src/health/classify.js';
import { probe } from '../../src/health/probe.js';
import type { Profile } from '../../src/profiles/types.js';
import { STAND_IN_ARN, startStandIn, type StandIn } from '../helpers/stand-in.js';

const KEY_ID = 'AKIAFIXTUREKEYID0001';
const SECRET_KEY = 'FIXTURE/secret+ACCESS+key/0123456789abcdefXYZ';
const SESSION = 'FIXTURE-session-TOKEN-0123456789';
const BEARER = 'ABSKFIXTUREbedrockAPIkey0123456789';

let home: string;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'ccenv-aws-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

function files(credentials: string, config = ''): Record<string, string> {
  const dir = mkdtempSync(join(home, 'aws-'));
  writeFileSync(join(dir, 'credentials'), credentials);
  writeFileSync(join(dir, 'config'), config);
  return { HOME: home, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_CONFIG_FILE: join(dir, 'config') };
}

describe('the STS GetCallerIdentity request', () => {
  it('is signed with SigV4 for sts in the region, naming the key id and never sending the secret key', async () => {
    const request = await stsProbe('https://sts.eu-west-3.amazonaws.com', 'eu-west-3', { accessKeyId: KEY_ID, secretAccessKey: SECRET_KEY });
    expect(request.url).toBe('https://sts.eu-west-3.amazonaws.com/');
    expect(request.body).toBe('Action=GetCallerIdentity&Version=2011-06-15');
    expect(request.headers.authorization).toMatch(
      new RegExp(`^AWS4-HMAC-SHA256 Credential=${KEY_ID}/\\d{8}/eu-west-3/sts/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$`),
    );
    expect(request.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request.headers).not.toHaveProperty('host');
    expect(JSON.stringify(request)).not.toContain(SECRET_KEY);
    expect(JSON.stringify(request)).not.toContain('FIXTURE/secret');
  });

  it('carries a session token when the keys have one, and keeps a stand-in\'s port and path', async () => {
    const request = await stsProbe('http://127.0.0.1:4567/status/403', 'us-east-1', { accessKeyId: KEY_ID, secretAccessKey: SECRET_KEY, sessionToken: SESSION });
    expect(request.url).toBe('http://127.0.0.1:4567/status/403/');
    expect(request.headers['x-amz-security-token']).toBe(SESSION);
    expect(request.headers.authorization).toContain(`Credential=${KEY_ID}/`);
    expect(request.headers.authorization).toContain('/us-east-1/sts/aws4_request');
    expect(JSON.stringify(request)).not.toContain(SECRET_KEY);
  });
});

describe('AWS endpoints', () => {
  it.each([
    [{ AWS_ENDPOINT_URL_STS: 'http://p-sts', AWS_ENDPOINT_URL: 'http://p-all' }, { AWS_ENDPOINT_URL_STS: 'http://c-sts' }, 'http://p-sts'],
    [{ AWS_ENDPOINT_URL: 'http://p-all' }, { AWS_ENDPOINT_URL_STS: 'http://c-sts' }, 'http://p-all'],
    [{}, { AWS_ENDPOINT_URL_STS: 'http://c-sts', AWS_ENDPOINT_URL: 'http://c-all' }, 'http://c-sts'],
    [{}, { AWS_ENDPOINT_URL: 'http://c-all' }, 'http://c-all'],
    [{}, {}, 'https://sts.eu-central-1.amazonaws.com'],
  ])('STS: profile env %j, caller %j -> %s', (own, caller, url) => {
    expect(stsUrl('eu-central-1', own, caller)).toBe(url);
  });

  it('Bedrock: its own variable, the general one, else the region\'s (China in its partition)', () => {
    expect(bedrockUrl('us-west-2', {}, { AWS_ENDPOINT_URL_BEDROCK: 'http://b', AWS_ENDPOINT_URL_STS: 'http://s' })).toBe('http://b');
    expect(bedrockUrl('us-west-2', {}, { AWS_ENDPOINT_URL_STS: 'http://s' })).toBe('https://bedrock.us-west-2.amazonaws.com');
    expect(bedrockUrl('cn-north-1', {}, {})).toBe('https://bedrock.cn-north-1.amazonaws.com.cn');
  });
});

const xml = (code: string) => `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>m</Message></Error></ErrorResponse>`;
const answer = (status: number, body: string, headers: Record<string, string> = {}): Outcome => ({ answer: status, headers, body });

describe('reading an AWS answer', () => {
  it.each([
    [answer(200, `<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>${STAND_IN_ARN}</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>`), 'ok', `HTTP 200; ${STAND_IN_ARN}`],
    [answer(200, '<Arn>arn:aws:iam::1:user/\u001b[31mred</Arn>'), 'ok', 'HTTP 200'],
    [answer(200, '{"inferenceProfileSummaries":[]}'), 'ok', 'HTTP 200'],
    [answer(403, xml('InvalidClientTokenId')), 'rejected', 'HTTP 403 InvalidClientTokenId'],
    [answer(403, xml('SignatureDoesNotMatch')), 'rejected', 'HTTP 403 SignatureDoesNotMatch'],
    [answer(403, xml('ExpiredToken')), 'rejected', 'HTTP 403 ExpiredToken'],
    [answer(400, xml('Throttling')), 'limited', 'HTTP 400 Throttling'],
    [answer(429, '{}', { 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/' }), 'limited', 'HTTP 429 ThrottlingException'],
    [answer(403, '{"message":"x"}', { 'x-amzn-errortype': 'UnrecognizedClientException:http://internal' }), 'rejected', 'HTTP 403 UnrecognizedClientException'],
    [answer(500, xml('InternalFailure')), 'outage', 'HTTP 500 InternalFailure'],
    [answer(503, '<html>down</html>'), 'outage', 'HTTP 503'],
    [answer(400, xml('InvalidAction')), 'unchecked', 'HTTP 400 InvalidAction: the endpoint has no free request to check against'],
    [answer(400, xml('<script>')), 'unchecked', 'HTTP 400: the endpoint has no free request to check against'],
    [{ timeout: 5000 }, 'outage', 'no answer within 5000 ms'],
  ])('%j -> %s', (outcome, status, detail) => {
    expect(judgeAws(outcome)).toEqual({ status, detail });
  });
});

describe('the credential a profile would use', () => {
  it('reads static keys of a named AWS profile from the credentials file, then the config file', () => {
    const env = files('[corp]\naws_access_key_id = AKIACORP\naws_secret_access_key = corpsecret\n', '[profile lab]\naws_access_key_id=AKIALAB\naws_secret_access_key=labsecret\naws_session_token=labtoken\n');
    expect(chainKeys(env, 'corp')).toEqual({ keys: { accessKeyId: 'AKIACORP', secretAccessKey: 'corpsecret' } });
    expect(chainKeys(env, 'lab')).toEqual({ keys: { accessKeyId: 'AKIALAB', secretAccessKey: 'labsecret', sessionToken: 'labtoken' } });
  });

  it.each([
    ['[profile sso]\nsso_session = corp\nsso_account_id = 1\n', 'sso', 'credentials from SSO: run aws sts get-caller-identity --profile sso'],
    ['[profile p]\ncredential_process = /bin/creds\n', 'p', 'credentials from a credential_process: run aws sts get-caller-identity --profile p'],
    ['[profile r]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = default\n', 'r', 'credentials from an assumed role (role_arn): run aws sts get-caller-identity --profile r'],
  ])('says which command checks credentials a program makes (%#)', (config, name, none) => {
    expect(chainKeys(files('', config), name)).toEqual({ none });
  });

  it('names the files when a named AWS profile is in neither', () => {
    const env = files('[other]\n');
    expect(chainKeys(env, 'ghost')).toEqual({ none: expect.stringMatching(/^AWS profile ghost has no static keys in .*credentials or .*config: run aws sts get-caller-identity --profile ghost$/) });
  });

  it('takes the default chain from the caller\'s keys, then AWS_PROFILE, then [default]', () => {
    const env = files('[default]\naws_access_key_id=AKIADEF\naws_secret_access_key=defsecret\n[dev]\naws_access_key_id=AKIADEV\naws_secret_access_key=devsecret\n');
    expect(chainKeys({ ...env, AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'envsecret', AWS_PROFILE: 'dev' }, undefined)).toEqual({ keys: { accessKeyId: 'AKIAENV', secretAccessKey: 'envsecret' } });
    expect(chainKeys({ ...env, AWS_PROFILE: 'dev' }, undefined)).toMatchObject({ keys: { accessKeyId: 'AKIADEV' } });
    expect(chainKeys(env, undefined)).toMatchObject({ keys: { accessKeyId: 'AKIADEF' } });
    expect(chainKeys(files(''), undefined)).toEqual({ none: expect.stringContaining('not static keys in ~/.aws') });
  });

  it('ignores comments and indented (nested) keys', () => {
    const sections = parseAwsIni('# c\n[a]\n; c\nx = 1\ns3 =\n  max_concurrent_requests = 2\n');
    expect(Object.fromEntries(sections.get('a')!)).toEqual({ x: '1', s3: '' });
  });

  it('refuses a credentials file that is not a plain file, without hanging', () => {
    expect(chainKeys({ HOME: home, AWS_SHARED_CREDENTIALS_FILE: home }, 'x')).toEqual({ none: `${home} cannot be read (ENOTREG)` });
  });
});

describe('an AWS check against the stand-in', () => {
  let standIn: StandIn;
  beforeAll(async () => {
    standIn = await startStandIn();
  });
  afterAll(() => standIn.close());

  const profile = (extra: Partial<Profile>): Profile => ({ kind: 'bedrock', region: 'us-east-1', ...extra });

  async function run(p: Profile, secret: string | undefined, caller: Record<string, string>, timeoutMs = 3000) {
    const plan = await awsCheckPlan(p, secret, caller);
    if (!('probe' in plan)) return plan.verdict;
    return plan.judge(await probe(plan.probe, timeoutMs));
  }

  it.each([
    ['', 'ok', `HTTP 200; ${STAND_IN_ARN}`],
    ['/status/403', 'rejected', 'HTTP 403 InvalidClientTokenId'],
    ['/status/429', 'limited', 'HTTP 429 Throttling'],
    ['/status/400', 'limited', 'HTTP 400 Throttling'],
    ['/status/500', 'outage', 'HTTP 500 InternalFailure'],
  ])('access keys, STS at %s: %s', async (prefix, status, detail) => {
    standIn.clear();
    const verdict = await run(profile({ accessKeyId: KEY_ID }), SECRET_KEY, { AWS_ENDPOINT_URL_STS: `${standIn.url}${prefix}` });
    expect(verdict).toEqual({ status, detail });
    const [request] = standIn.requests();
    expect(request).toMatchObject({ method: 'POST', path: `${prefix}/`, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    expect(request!.headers.authorization).toContain(`AWS4-HMAC-SHA256 Credential=${KEY_ID}/`);
    expect(JSON.stringify(request)).not.toContain(SECRET_KEY);
  });

  it('gives up on an STS that hangs at the time limit', async () => {
    const verdict = await run(profile({ accessKeyId: KEY_ID }), SECRET_KEY, { AWS_ENDPOINT_URL: `${standIn.url}/hang` }, 300);
    expect(verdict).toEqual({ status: 'outage', detail: 'no answer within 300 ms' });
  });

  it('signs with the static keys of the profile\'s AWS profile', async () => {
    standIn.clear();
    const env = { ...files('[corp]\naws_access_key_id = AKIACORPFIXTURE\naws_secret_access_key = corp-FIXTURE-secret\n'), AWS_ENDPOINT_URL_STS: standIn.url };
    expect(await run(profile({ kind: 'mantle', awsProfile: 'corp' }), undefined, env)).toMatchObject({ status: 'ok' });
    expect(standIn.requests()[0]!.headers.authorization).toContain('Credential=AKIACORPFIXTURE/');
    expect(JSON.stringify(standIn.requests())).not.toContain('corp-FIXTURE-secret');
  });

  it.each([
    ['', 'ok', 'HTTP 200'],
    ['/status/403', 'rejected', 'HTTP 403 UnrecognizedClientException'],
    ['/status/429', 'limited', 'HTTP 429 ThrottlingException'],
  ])('a Bedrock API key, control plane at %s: %s', async (prefix, status, detail) => {
    standIn.clear();
    const verdict = await run(profile({ bearer: true }), BEARER, { AWS_ENDPOINT_URL_BEDROCK: `${standIn.url}${prefix}` });
    expect(verdict).toEqual({ status, detail });
    expect(standIn.requests()).toMatchObject([{ method: 'GET', path: `${prefix}/inference-profiles?type=SYSTEM_DEFINED`, headers: { authorization: `Bearer ${BEARER}` } }]);
  });

  it('asks a Bedrock profile\'s own base URL, as claude does, but Bedrock\'s control plane for a Mantle key', async () => {
    standIn.clear();
    const caller = { AWS_ENDPOINT_URL_BEDROCK: `${standIn.url}/status/500` };
    expect(await run(profile({ bearer: true, baseUrl: standIn.url }), BEARER, caller)).toEqual({ status: 'ok', detail: 'HTTP 200' });
    expect(await run(profile({ kind: 'mantle', bearer: true, baseUrl: standIn.url }), BEARER, caller)).toEqual({ status: 'outage', detail: 'HTTP 500 InternalFailure' });
    expect(standIn.requests().map((r) => r.path)).toEqual(['/inference-profiles?type=SYSTEM_DEFINED', '/status/500/inference-profiles?type=SYSTEM_DEFINED']);
  });
});
