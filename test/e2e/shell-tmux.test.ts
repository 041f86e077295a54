/**
 * A person at a terminal: an interactive bash in a real pseudo-terminal (tmux), with the
 * hook in its rc file, typing cd and cc use.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requirement } from '../helpers/requirements.js';
import { shellWorld, type World } from '../helpers/shell-world.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';
import { terminal, type Terminal } from '../helpers/terminal.js';

describe('typing at an interactive bash in tmux', () => {
  if (!requirement('tmux', has('tmux'), HOW_TO_GET)) return;
  let world: World;
  let term: Terminal;
  const waitFor = (text: string) => term.waitFor(text);
  const type = (line: string) => term.type(line);

  beforeEach(() => {
    world = shellWorld();
    term = terminal(world);
  });
  afterEach(async () => {
    await term.close();
    world.cleanup();
  });

  it('cd announces the scope once, cc use switches this shell, leaving unsets', async () => {
    const rc = join(world.home, '.bashrc-test');
    writeFileSync(rc, `PS1='ready$ '\neval "$(ccenv hook bash)"\n`);
    await term.start(`bash --noprofile --rcfile ${rc} -i`);
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
