/** init at a real terminal (tmux): it asks before each profile, and edits a settings file only on a yes. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CCENV, sandbox, type Sandbox } from '../helpers/cli.js';
import { requirement } from '../helpers/requirements.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';
import { terminal, type Terminal } from '../helpers/terminal.js';
import * as trap from '../helpers/traps.js';

describe('ccenv init at a terminal', () => {
  if (!requirement('tmux', has('tmux'), HOW_TO_GET)) return;
  let box: Sandbox;
  let term: Terminal;
  const waitFor = (text: string) => term.waitFor(text);
  const keys = (...k: string[]) => term.keys(...k);
  const start = () => term.start(`${process.execPath} ${CCENV} init`);

  beforeEach(() => {
    box = sandbox({ PATH: '/usr/bin:/bin', SHELL: '/bin/bash' });
    term = terminal(box);
  });
  afterEach(async () => {
    await term.close();
    box.cleanup();
  });

  it('asks before creating, and leaves settings alone on a no; a yes removes them after a backup', async () => {
    const settings = trap.settingsEnvBlock(box).file;
    await start();
    await waitFor('Create profile api-key');
    await keys('Enter');
    // One profile to choose from: no menu, the choice is said.
    await waitFor('Remove ANTHROPIC_API_KEY from ~/.claude/settings.json');
    await keys('n', 'Enter');
    const first = await waitFor('exit=0');
    trap.assertNoSecret([first]);
    expect(first).toContain('created: api-key');
    expect(first).toContain('default: api-key (change it with: ccenv use --global NAME)');
    expect(first).not.toContain('Default profile');
    expect(readFileSync(settings, 'utf8')).toBe(trap.SETTINGS_WITH_ENV);
    expect(JSON.parse(readFileSync(join(box.configDir, 'config.json'), 'utf8'))).toMatchObject({ default: 'api-key', profiles: { 'api-key': { kind: 'api-key' } } });

    // Again: nothing new to create; this time, yes.
    await start();
    await waitFor('Remove ANTHROPIC_API_KEY');
    await keys('y', 'Enter');
    const second = await waitFor('exit=0');
    expect(second).toContain('already profile api-key');
    expect(second).not.toContain('Create profile');
    expect(readFileSync(settings, 'utf8')).toBe(trap.SETTINGS_WITHOUT_ENV_KEY);
    const backup = readdirSync(join(box.home, '.claude')).find((f) => f.startsWith('settings.json.ccenv-backup-'))!;
    expect(readFileSync(join(box.home, '.claude', backup), 'utf8')).toBe(trap.SETTINGS_WITH_ENV);
  });
});
