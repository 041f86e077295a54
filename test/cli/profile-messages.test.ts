/** What profile commands say: wording, hints that name the exact option or command, masks. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

const KEY = 'sk-ant-api03-MESSAGES-secret-value-0123456789abcdefWXYZ';

async function add(args: string[], input = ''): Promise<void> {
  const run = await ccenv(box, ['add', ...args], { input });
  expect(run.exitCode, run.stderr).toBe(0);
}

describe('wording', () => {
  it('a missing secret is named with the right article', async () => {
    const api = await ccenv(box, ['add', 'q', '--kind', 'api-key']);
    expect(api.stderr).toContain('profile q needs an API key');
    const aws = await ccenv(box, ['add', 'bk', '--kind', 'bedrock', '--region', 'us-east-1', '--access-key-id', 'AKIAIOSFODNN7EXAMPLE']);
    expect(aws.stderr).toContain('profile bk needs an AWS secret access key');
    const gw = await ccenv(box, ['add', 'g', '--kind', 'gateway', '--base-url', 'https://gw.example']);
    expect(gw.stderr).toContain('profile g needs a gateway auth token');
  });
});
