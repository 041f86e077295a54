/**
 * The launch reading its secret from a real Secret Service (a private one per test, from
 * scripts/with-secret-service.sh): the key reaches claude on descriptor 3; with the keyring
 * locked, the launch ends claude (started before the keychain was asked) before it read its
 * descriptor, with a message naming the profile and the way out.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CCENV, sandbox, type Sandbox } from '../helpers/cli.js';
import { type FakeClaude, fakeClaudeOnPath } from '../helpers/fake-claude.js';
import { inSecretServiceSync, secretServiceRequirement } from '../helpers/secret-service.js';

const KEY = 'sk-ant-api03-KEYCHAIN-LAUNCH-0007';

describe('a launch with the keychain backend', () => {
  if (!secretServiceRequirement()) return;

  let box: Sandbox;
  let fake: FakeClaude;
  let keyrings: string;
  beforeEach(() => {
    box = sandbox({ CCENV_BACKEND: 'keychain' });
    fake = fakeClaudeOnPath(box);
    keyrings = join(box.home, 'keyrings-home');
    mkdirSync(keyrings);
  });
  afterEach(() => box.cleanup());

  /** Runs ccenv inside a private Secret Service whose keyrings persist in `keyrings`. */
  const inSecretService = (args: string[], keyring: 'unlocked' | 'locked', input = '') =>
    inSecretServiceSync([process.execPath, CCENV, ...args], { keyring, keyringsHome: keyrings, env: box.env, cwd: box.home, input, timeout: 30_000 });

  it('reads the secret from the keychain and hands it over on descriptor 3', () => {
    const add = inSecretService(['add', 'k', '--kind', 'api-key', '--secret-stdin'], 'unlocked', KEY);
    expect(add.exitCode, add.stderr).toBe(0);
    const run = inSecretService(['@k', '-p', 'hi'], 'unlocked');
    expect(run.exitCode, run.stderr).toBe(0);
    expect(fake.fd3()).toBe(KEY);
    expect(Object.values(fake.env()).join('\n')).not.toContain(KEY);
  });

  it('ends claude before it reads its descriptor when the keyring is locked, naming the profile and the way out', () => {
    const add = inSecretService(['add', 'k', '--kind', 'api-key', '--secret-stdin'], 'unlocked', KEY);
    expect(add.exitCode, add.stderr).toBe(0);
    const run = inSecretService(['@k', '-p', 'hi'], 'locked');
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('profile k');
    expect(run.stderr).toMatch(/unlock your keychain|CCENV_BACKEND=file/);
    expect(run.stderr).not.toContain(KEY);
    // Started before the keychain answered, and killed with its descriptor still open.
    expect(fake.wentOn()).toBe(false);
    expect(fake.fd3() ?? '').toBe('');
  });
});
