/**
 * Settings keys that supply a credential (apiKeyHelper, awsCredentialExport, awsAuthRefresh)
 * against the real pinned claude and the stand-in API: launched through ccenv, only the
 * profile's credential arrives and none of the helpers runs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccenv, type Sandbox } from '../helpers/cli.js';
import { realClaudeSandbox, requireRealClaude } from '../helpers/real-claude.js';
import { startStandIn, type StandIn } from '../helpers/stand-in.js';

const KEY = 'sk-ant-api03-E2E-HELPER-CASE-0001';
const HELPER_TOKEN = 'HELPER-OUTPUT-TOKEN-0002';

describe('settings keys that supply a credential, with the real claude', () => {
  if (!requireRealClaude()) return;

  let box: Sandbox;
  let api: StandIn;
  let ran: string;

  beforeAll(async () => {
    api = await startStandIn();
    box = realClaudeSandbox();
    ran = join(box.home, 'helpers-ran');
    writeFileSync(ran, '');
    const helper = (name: string, output: string) => {
      const path = join(box.home, name);
      writeFileSync(path, `#!/bin/sh\necho ${name} >> '${ran}'\n${output}\n`, { mode: 0o755 });
      return path;
    };
    mkdirSync(join(box.home, '.claude'), { recursive: true });
    writeFileSync(
      join(box.home, '.claude', 'settings.json'),
      JSON.stringify({
        apiKeyHelper: helper('key-helper', `echo ${HELPER_TOKEN}`),
        awsCredentialExport: helper('aws-export', `echo '{"Credentials":{"AccessKeyId":"AKIAFROMHELPER000001","SecretAccessKey":"s","SessionToken":"t"}}'`),
        awsAuthRefresh: helper('aws-refresh', 'true'),
      }),
    );
    for (const [name, add, secret] of [
      ['api', ['--kind', 'api-key'], KEY],
      ['bk', ['--kind', 'bedrock', '--region', 'us-east-1', '--access-key-id', 'AKIAPROFILEKEY000001'], 'profile-aws-secret'],
    ] as const) {
      const run = await ccenv(box, ['add', name, ...add, '--base-url', api.url, '--secret-stdin'], { input: secret });
      expect(run.exitCode, run.stderr).toBe(0);
    }
  });
  afterAll(async () => {
    await api?.close();
    box?.cleanup();
  });

  it("apiKeyHelper: only the profile's x-api-key arrives, no Bearer, and one line says so", async () => {
    api.clear();
    const run = await ccenv(box, ['@api', '-p', 'hi']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('stand-in ok');
    const posts = api.requests().filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThan(0);
    for (const r of posts) expect([r.headers['x-api-key'], r.headers.authorization]).toEqual([KEY, undefined]);
    const lines = run.stderr.split('\n').filter((l) => l.includes('apiKeyHelper'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ccenv: settings would override profile api: .*apiKeyHelper \(~?.*settings\.json:1\).*overridden for this launch with --settings$/);
    expect(readFileSync(ran, 'utf8')).not.toContain('key-helper');
  });

  it("awsCredentialExport and awsAuthRefresh: the profile's AWS key signs, neither command runs", async () => {
    api.clear();
    writeFileSync(ran, '');
    await ccenv(box, ['@bk', '-p', 'hi']);
    const posts = api.requests().filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThan(0);
    for (const r of posts) expect(String(r.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAPROFILEKEY000001\//);
    expect(readFileSync(ran, 'utf8')).toBe('');
  });
});
