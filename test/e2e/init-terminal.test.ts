/** init at a real terminal (tmux): it asks before each profile, and edits a settings file only on a yes. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CCENV, sandbox, type Sandbox } from '../helpers/cli.js';
import { requirement } from '../helpers/requirements.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';
import * as trap from '../helpers/traps.js';

describe('ccenv init at a terminal', () => {
  if (!requirement('tmux', has('tmux'), HOW_TO_GET)) return;
  let box: Sandbox;
  let socket: string;
  const tmux = (...args: string[]) =>
    execa('tmux', ['-S', socket, '-f', '/dev/null', ...args], { extendEnv: false, env: { ...box.env, TERM: 'xterm-256color' }, cwd: box.home });
  const screen = async () => String((await tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', 'init')).stdout);
  const waitFor = async (text: string) => {
    for (let i = 0; i < 150; i++) {
      const shown = await screen();
      if (shown.includes(text)) return shown;
      await sleep(100);
    }
    throw new Error(`never saw ${JSON.stringify(text)} on the screen:\n${await screen()}`);
  };
  const keys = (...k: string[]) => tmux('send-keys', '-t', 'init', ...k);
  const start = async () => {
    await tmux('kill-server').catch(() => {});
    await tmux('new-session', '-d', '-s', 'init', '-x', '200', '-y', '50', `${process.execPath} ${CCENV} init; echo "exit=$?"; sleep 60`);
  };

  beforeEach(() => {
    box = sandbox({ PATH: '/usr/bin:/bin', SHELL: '/bin/bash' });
    socket = join(box.home, 'tmux.sock');
  });
  afterEach(async () => {
    await tmux('kill-server').catch(() => {});
    box.cleanup();
  });

  it('asks before creating, and leaves settings alone on a no; a yes removes them after a backup', async () => {
    const settings = trap.settingsEnvBlock(box).file;
    await start();
    await waitFor('Create profile api-key');
    await keys('Enter');
    await waitFor('Default profile');
    await keys('Enter');
    await waitFor('Remove ANTHROPIC_API_KEY from ~/.claude/settings.json');
    await keys('n', 'Enter');
    const first = await waitFor('exit=0');
    trap.assertNoSecret([first]);
    expect(first).toContain('created: api-key');
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
