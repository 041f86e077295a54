/**
 * The test terminal itself: a start right after another must not meet the server that is
 * exiting, and a close must leave nothing running that could write into the home.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { requirement } from '../helpers/requirements.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';
import { terminalEachTest } from '../helpers/terminal.js';

describe('the test terminal', () => {
  if (!requirement('tmux', has('tmux'), HOW_TO_GET)) return;
  const t = terminalEachTest({ PATH: '/usr/bin:/bin' });

  it('starts 100 times in a row, each start showing its own command', async () => {
    // With one socket reused, about one start in thirty failed here with "server exited unexpectedly".
    for (let i = 0; i < 100; i++) {
      await t.term.start(`echo run-${i}-of-100`);
      expect(await t.term.waitFor(`exit=0`)).toContain(`run-${i}-of-100`);
    }
  }, 60_000);

  it('ends every process of the session on close, so nothing writes into the home after it', async () => {
    // An interactive bash takes a process group of its own and saves its history when its
    // terminal goes: ending only the pane's group left it writing ~/.bash_history into a home
    // being removed, and the removal failed with ENOTEMPTY.
    const rc = join(t.box.home, '.rc');
    writeFileSync(rc, `PS1='ready$ '\n`);
    await t.term.start(`bash --noprofile --rcfile ${rc} -i`);
    await t.term.waitFor('ready$');
    await t.term.type('echo typed-$((6 * 7))');
    await t.term.waitFor('typed-42');
    await t.term.close();
    await sleep(500);
    expect(readdirSync(t.box.home)).not.toContain('.bash_history');
  }, 30_000);
});
