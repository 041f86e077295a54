/**
 * `--check` on a launch of an AWS profile: the launch bundle loads aws4 from node_modules
 * (it is kept out of dist/launch.cjs), signs STS GetCallerIdentity, and a rejected access
 * key sends the launch to the fallback.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import { startStandIn, type StandIn } from '../helpers/stand-in.js';

const KEY_ID = 'AKIAFIXTURELAUNCH001';
const SECRET = 'FIXTURE/launch+AWS+secret/0123456789abcdef';
const BACKUP_KEY = 'sk-ant-api03-AWSCHECK-backup-KEY-0123456789';

let box: Sandbox;
let api: StandIn;

async function ok(args: string[], input?: string, env: Record<string, string> = {}) {
  const run = await ccenv(box, args, { env, ...(input === undefined ? {} : { input }) });
  expect(run.exitCode, run.stderr).toBe(0);
  return run;
}

beforeAll(async () => {
  api = await startStandIn();
  box = sandbox();
  await ok(['add', 'backup', '--kind', 'api-key', '--base-url', api.url, '--secret-stdin'], BACKUP_KEY);
  await ok(['add', 'aws', '--kind', 'bedrock', '--region', 'us-east-1', '--access-key-id', KEY_ID, '--fallback', 'backup', '--secret-stdin'], SECRET);
}, 120_000);
afterAll(async () => {
  await api?.close();
  box?.cleanup();
});

it('--check signs STS for an AWS profile on the launch path, and a rejected key launches the fallback', async () => {
  const run = await ok(['exec', '@aws', '--check', '--', 'sh', '-c', 'printf %s "$CCENV_ACTIVE"'], undefined, { AWS_ENDPOINT_URL_STS: `${api.url}/status/403` });
  expect(run.stdout).toBe('backup');
  expect(run.stderr).toMatch(/aws was rejected \(HTTP 403 InvalidClientTokenId/);
  const [sts] = api.requests().filter((r) => r.method === 'POST');
  expect(sts!.headers.authorization).toContain(`AWS4-HMAC-SHA256 Credential=${KEY_ID}/`);
  expect(JSON.stringify(api.requests()) + run.stdout + run.stderr).not.toContain(SECRET);
});
