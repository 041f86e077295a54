/**
 * The process wrapper reading the profile's secret from a real Secret Service (a private one
 * per run, scripts/with-secret-service.sh), as Claude Code runs it: `ccenv-wrap CLAUDE ARGS`
 * with the environment a launch gave claude. Unlocked: the key on descriptor 3. Locked: a
 * message, exit 1, and the command never runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CCENV, ROOT, sandbox, type Sandbox } from '../helpers/cli.js';
import { type FakeClaude, fakeClaudeOnPath } from '../helpers/fake-claude.js';
import { inSecretServiceSync, secretServiceRequirement } from '../helpers/secret-service.js';

const KEY = 'sk-ant-api03-KEYCHAIN-WRAPPER-0012';
const WRAPPER = join(ROOT, 'bin', 'ccenv-wrap');

describe('the process wrapper with the keychain backend', () => {
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

  const inSecretService = (command: string[], keyring: 'unlocked' | 'locked', env: Record<string, string> = box.env, input = '') =>
    inSecretServiceSync(command, { keyring, keyringsHome: keyrings, env, cwd: box.home, input, timeout: 30_000 });

  it('reads the key again from an unlocked keyring; refuses, running nothing, when it is locked', () => {
    const add = inSecretService([process.execPath, CCENV, 'add', 'k', '--kind', 'api-key', '--secret-stdin'], 'unlocked', box.env, KEY);
    expect(add.exitCode, add.stderr).toBe(0);
    const launch = inSecretService([process.execPath, CCENV, '@k', '-p', 'hi'], 'unlocked');
    expect(launch.exitCode, launch.stderr).toBe(0);
    const launched = fake.env();
    const claude = join(fake.bin, 'claude');

    const unlocked = inSecretService([WRAPPER, claude, '--bg-spare', 's'], 'unlocked', launched);
    expect(unlocked.exitCode, unlocked.stderr).toBe(0);
    expect(fake.argv()).toEqual(['--bg-spare', 's']);
    expect(fake.fd3()).toBe(KEY);

    spawnSync('rm', ['-f', `${fake.log}.argv`]);
    const locked = inSecretService([WRAPPER, claude, '--bg-spare', 's'], 'locked', launched);
    expect(locked.exitCode).toBe(1);
    expect(locked.stderr).toContain('process wrapper: cannot read the secret of profile k');
    expect(locked.stderr).toContain('nothing was started');
    expect(locked.stderr).not.toContain(KEY);
    expect(fake.ran()).toBe(false);
  });
});
