/** init at a real terminal (tmux): it asks before each profile, and edits a settings file only on a yes. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CCENV } from '../helpers/cli.js';
import { requirement } from '../helpers/requirements.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';
import { terminalEachTest } from '../helpers/terminal.js';
import * as trap from '../helpers/traps.js';

describe('ccenv init at a terminal', () => {
  if (!requirement('tmux', has('tmux'), HOW_TO_GET)) return;
  const t = terminalEachTest({ PATH: '/usr/bin:/bin', SHELL: '/bin/bash' });
  const waitFor = (text: string) => t.term.waitFor(text);
  const keys = (...k: string[]) => t.term.keys(...k);
  const start = () => t.term.start(`${process.execPath} ${CCENV} init`);


  it('asks before creating, and leaves settings alone on a no; a yes removes them after a backup', async () => {
    const settings = trap.settingsEnvBlock(t.box).file;
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
    expect(JSON.parse(readFileSync(join(t.box.configDir, 'config.json'), 'utf8'))).toMatchObject({ default: 'api-key', profiles: { 'api-key': { kind: 'api-key' } } });

    // Again: nothing new to create; this time, yes.
    await start();
    await waitFor('Remove ANTHROPIC_API_KEY');
    await keys('y', 'Enter');
    const second = await waitFor('exit=0');
    expect(second).toContain('already profile api-key');
    expect(second).not.toContain('Create profile');
    expect(readFileSync(settings, 'utf8')).toBe(trap.SETTINGS_WITHOUT_ENV_KEY);
    const backup = readdirSync(join(t.box.dataDir, 'backups')).find((f) => f.startsWith('~%2F.claude%2Fsettings.json.ccenv-backup-'))!;
    expect(readFileSync(join(t.box.dataDir, 'backups', backup), 'utf8')).toBe(trap.SETTINGS_WITH_ENV);
  });
});
