/** `ccenv import` at a real terminal (tmux): it shows the changes, asks, and then asks for each new keychain profile's secret, hidden. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CCENV, ccenv } from '../helpers/cli.js';
import { requirement } from '../helpers/requirements.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';
import { terminalEachTest } from '../helpers/terminal.js';

const KEY = 'sk-ant-api03-TYPED-for-an-import-77bb';

describe('import at a terminal', () => {
  if (!requirement('tmux', has('tmux'), HOW_TO_GET)) return;
  const t = terminalEachTest({ PATH: '/usr/bin:/bin' });
  beforeEach(() => {
    const profiles = {
      'team-api': { kind: 'api-key', model: 'claude-sonnet-4-5' },
      'team-op': { kind: 'api-key', secretFrom: 'op://Team/Anthropic/credential' },
      'work-bedrock': { kind: 'bedrock', region: 'us-east-1', awsProfile: 'corp' },
    };
    writeFileSync(join(t.box.home, 'ccenv.json'), JSON.stringify({ format: 'ccenv-profiles', version: 1, profiles }));
  });

  it('no: nothing written; yes: the profiles, then the one keychain secret asked for, hidden', async () => {
    await t.term.start(`node ${CCENV} import ccenv.json`);
    await t.term.waitFor('Apply these 3 changes?');
    await t.term.keys('n', 'Enter');
    expect(await t.term.waitFor('exit=1')).toContain('nothing was imported');
    expect((await ccenv(t.box, ['show', 'team-api'])).exitCode).toBe(1);

    await t.term.start(`node ${CCENV} import ccenv.json`);
    const review = await t.term.waitFor('Apply these 3 changes?');
    expect(review).toContain('+ team-op (api-key): secret read at each launch from op://Team/Anthropic/credential');
    await t.term.keys('y', 'Enter');
    await t.term.waitFor('API key (sk-ant-api03-...) for team-api (hidden)');
    await t.term.keys('-l', KEY);
    await t.term.keys('Enter');
    const screen = await t.term.waitFor('exit=0');
    expect(screen).not.toContain(KEY);
    expect(screen).not.toContain('for team-op (hidden)');
    const shown = JSON.parse((await ccenv(t.box, ['show', 'team-api', '--json'])).stdout);
    expect(shown).toMatchObject({ kind: 'api-key', model: 'claude-sonnet-4-5', secret: { stored: true, masked: expect.stringContaining(`(${KEY.length} chars)`) } });
    expect(JSON.parse((await ccenv(t.box, ['show', 'work-bedrock', '--json'])).stdout)).toMatchObject({ kind: 'bedrock', awsProfile: 'corp' });
  }, 120_000);
});
