/** statusline: the active profile and its kind, from CCENV_ACTIVE and the config, never the keychain. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

describe('ccenv statusline', () => {
  it('prints the active profile and the kind from the config', async () => {
    await ccenv(box, ['add', 'work-bedrock', '--kind', 'bedrock', '--region', 'us-east-1']);
    const run = await ccenv(box, ['statusline'], { env: { CCENV_ACTIVE: 'work-bedrock' }, input: '{"session_id":"x"}' });
    expect(run).toMatchObject({ exitCode: 0, stdout: 'work-bedrock (bedrock)', stderr: '' });
  });

  it('prefers CCENV_ACTIVE_KIND, and does not open the secret store', async () => {
    // A passphrase that would fail if the file backend were opened.
    const run = await ccenv(box, ['statusline', '--json'], { env: { CCENV_ACTIVE: 'k', CCENV_ACTIVE_KIND: 'api-key', CCENV_FILE_PASSPHRASE: '' } });
    expect(JSON.parse(run.stdout)).toEqual({ profile: 'k', kind: 'api-key' });
  });

  it('the built-in profile; nothing outside a ccenv launch; a broken config does not break it', async () => {
    expect((await ccenv(box, ['statusline'], { env: { CCENV_ACTIVE: 'subscription' } })).stdout).toBe('subscription (subscription)');
    expect(await ccenv(box, ['statusline'])).toMatchObject({ exitCode: 0, stdout: '' });
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(box.configDir, { recursive: true });
    writeFileSync(`${box.configDir}/config.json`, '{"profiles": {,}');
    expect(await ccenv(box, ['statusline'], { env: { CCENV_ACTIVE: 'x' } })).toMatchObject({ exitCode: 0, stdout: 'x' });
  });
});
