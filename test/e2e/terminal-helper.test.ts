/** The test terminal itself: a start right after another must not meet the server that is exiting. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/cli.js';
import { requirement } from '../helpers/requirements.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';
import { terminal, type Terminal } from '../helpers/terminal.js';

describe('the test terminal', () => {
  if (!requirement('tmux', has('tmux'), HOW_TO_GET)) return;
  let box: Sandbox;
  let term: Terminal;
  beforeEach(() => {
    box = sandbox({ PATH: '/usr/bin:/bin' });
    term = terminal(box);
  });
  afterEach(async () => {
    await term.close();
    box.cleanup();
  });

  it('starts 100 times in a row, each start showing its own command', async () => {
    // With one socket reused, about one start in thirty failed here with "server exited unexpectedly".
    for (let i = 0; i < 100; i++) {
      await term.start(`echo run-${i}-of-100`);
      expect(await term.waitFor(`exit=0`)).toContain(`run-${i}-of-100`);
    }
  }, 60_000);
});
