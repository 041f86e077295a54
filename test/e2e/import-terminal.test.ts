/** `ccenv import` at a real terminal (tmux): it shows the changes, asks, and then asks for each new keychain profile's secret, hidden. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CCENV, ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import { requirement } from '../helpers/requirements.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';
import { terminal, type Terminal } from '../helpers/terminal.js';

const KEY = 'sk-ant-api03-TYPED-for-an-import-77bb';

describe('import at a terminal', () => {
  if (!requirement('tmux', has('tmux'), HOW_TO_GET)) return;
  let box: Sandbox;
  let term: Terminal;
  beforeEach(() => {
    box = sandbox({ PATH: '/usr/bin:/bin' });
    term = terminal(box);
    const profiles = {
      'team-api': { kind: 'api-key', model: 'claude-sonnet-4-5' },
      'team-op': { kind: 'api-key', secretFrom: 'op://Team/Anthropic/credential' },
      'work-bedrock': { kind: 'bedrock', region: 'us-east-1', awsProfile: 'corp' },
    };
    writeFileSync(join(box.home, 'ccenv.json'), JSON.stringify({ format: 'ccenv-profiles', version: 1, profiles }));
  });
  afterEach(async () => {
    await term.close();
    box.cleanup();
  });

  it('no: nothing written; yes: the profiles, then the one keychain secret asked for, hidden', async () => {
    await term.start(`node ${CCENV} import ccenv.json`);
    await term.waitFor('Apply these 3 changes?');
    await term.keys('n', 'Enter');
    expect(await term.waitFor('exit=1')).toContain('nothing was imported');
    expect((await ccenv(box, ['show', 'team-api'])).exitCode).toBe(1);

    await term.start(`node ${CCENV} import ccenv.json`);
    const review = await term.waitFor('Apply these 3 changes?');
    expect(review).toContain('+ team-op (api-key): secret read at each launch from op://Team/Anthropic/credential');
    await term.keys('y', 'Enter');
    await term.waitFor('API key (sk-ant-api03-...) for team-api (hidden)');
    await term.keys('-l', KEY);
    await term.keys('Enter');
    const screen = await term.waitFor('exit=0');
    expect(screen).not.toContain(KEY);
    expect(screen).not.toContain('for team-op (hidden)');
    const shown = JSON.parse((await ccenv(box, ['show', 'team-api', '--json'])).stdout);
    expect(shown).toMatchObject({ kind: 'api-key', model: 'claude-sonnet-4-5', secret: { stored: true, masked: expect.stringContaining(`(${KEY.length} chars)`) } });
    expect(JSON.parse((await ccenv(box, ['show', 'work-bedrock', '--json'])).stdout)).toMatchObject({ kind: 'bedrock', awsProfile: 'corp' });
  }, 120_000);
});
