/** The test terminal itself: a start right after another must not meet the server that is exiting. */
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
});
