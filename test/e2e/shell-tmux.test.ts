/**
 * A person at a terminal: an interactive bash in a real pseudo-terminal (tmux), with the
 * hook in its rc file, typing cd and cc use.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requirement } from '../helpers/requirements.js';
import { shellWorld, type World } from '../helpers/shell-world.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';

describe('typing at an interactive bash in tmux', () => {
  if (!requirement('tmux', has('tmux'), HOW_TO_GET)) return;
  let world: World;
  let socket: string;
  const tmux = (...args: string[]) =>
    execa('tmux', ['-S', socket, '-f', '/dev/null', ...args], { extendEnv: false, env: { ...world.env, TERM: 'xterm-256color' }, cwd: world.home });

  beforeEach(() => {
    world = shellWorld();
    socket = join(world.home, 'tmux.sock');
  });
  afterEach(async () => {
    await tmux('kill-server').catch(() => {});
    world.cleanup();
  });

  const screen = async () => String((await tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', 'ccenv')).stdout);
  const waitFor = async (text: string) => {
    for (let i = 0; i < 150; i++) {
      const shown = await screen();
      if (shown.includes(text)) return shown;
      await sleep(100);
    }
    throw new Error(`never saw ${JSON.stringify(text)} on the screen:\n${await screen()}`);
  };
  const type = async (line: string) => {
    await tmux('send-keys', '-t', 'ccenv', '-l', line);
    await tmux('send-keys', '-t', 'ccenv', 'Enter');
  };

  it('cd announces the scope once, cc use switches this shell, leaving unsets', async () => {
    const rc = join(world.home, '.bashrc-test');
    writeFileSync(rc, `PS1='ready$ '\neval "$(ccenv hook bash)"\n`);
    await tmux('new-session', '-d', '-s', 'ccenv', '-x', '160', '-y', '50', `bash --noprofile --rcfile ${rc} -i`);
    await waitFor('ready$');

    await type('cd ~/work');
    await waitFor('ccenv: work (from ~/work/.ccprofile)');
    await type('cd ~/work/deep');
    await type('cc use home');
    await waitFor('ccenv: home in this shell; cc use --unset to drop it');
    await type('echo "[$CCENV_PROFILE|$CCENV_DIR_PROFILE]"');
    await waitFor('[home|work]');
    await type('cd ~/untrusted');
    await waitFor('ccenv: ~/untrusted/.ccprofile is not allowed');
    await type('cd ~/plain');
    await type('cc use --unset');
    await type('echo "<${CCENV_PROFILE-none}|${CCENV_DIR_PROFILE-none}>"');
    const shown = await waitFor('<none|none>');
    // one announcement for the one entry into ~/work, none for the cd within it
    expect(shown.split('ccenv: work (from ~/work/.ccprofile)').length - 1).toBe(1);
    expect(shown.split('is not allowed').length - 1).toBe(1);
  });
});
