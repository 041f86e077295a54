/** The README's way to try ccenv by hand against a Secret Service, and to keep its keyring between runs. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { inSecretService, secretServiceRequirement } from '../helpers/secret-service.js';

describe('scripts/with-secret-service.sh by hand', () => {
  if (!secretServiceRequirement({ secretTool: true })) return;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ccenv-keyring-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const inHarness = (script: string, keep: { keyringsHome?: string } = {}) =>
    inSecretService(['bash', '-c', script], { ...keep, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir }, timeout: 60_000 });
  const store = 'printf %s kept-value | secret-tool store --label=t service ccenv-harness username u';
  const lookup = 'echo "got=$(secret-tool lookup service ccenv-harness username u)"';

  it('loses the keyring on exit, and keeps it in SS_KEYRING_HOME, as the README says', async () => {
    await inHarness(store);
    expect((await inHarness(lookup)).stdout).toBe('got=');
    const keep = { keyringsHome: join(dir, 'keyring') };
    expect((await inHarness(store, keep)).exitCode).toBe(0);
    expect((await inHarness(lookup, keep)).stdout).toBe('got=kept-value');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('SS_KEYRING_HOME=~/.local/share/ccenv-try-keyring bash scripts/with-secret-service.sh bash');
  }, 120_000);
});
