/** `ccenv add --own-login` at a real terminal (tmux): it offers to log in to the new account at once, in its own directory. */
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CCENV } from '../helpers/cli.js';
import { fakeClaudeOnPath, type FakeClaude } from '../helpers/fake-claude.js';
import { requirement } from '../helpers/requirements.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';
import { terminalEachTest } from '../helpers/terminal.js';

describe('add --own-login at a terminal', () => {
  if (!requirement('tmux', has('tmux'), HOW_TO_GET)) return;
  const t = terminalEachTest({ PATH: '/usr/bin:/bin' });
  let fake: FakeClaude;
  beforeEach(() => {
    fake = fakeClaudeOnPath(t.box);
  });

  it("yes: claude's own login runs in the account's new directory", async () => {
    await t.term.start(`node ${CCENV} add max2 --own-login`);
    await t.term.waitFor("Log in to max2's account now?");
    await t.term.keys('y', 'Enter');
    await t.term.waitFor('exit=0');
    expect(fake.argv()).toEqual(['auth', 'login']);
    expect(fake.env().CLAUDE_CONFIG_DIR).toBe(join(t.box.home, '.local', 'share', 'ccenv', 'accounts', 'max2'));
  }, 120_000);

  it('no: nothing runs, and the command for later is said', async () => {
    await t.term.start(`node ${CCENV} add max3 --own-login`);
    await t.term.waitFor("Log in to max3's account now?");
    await t.term.keys('n', 'Enter');
    expect(await t.term.waitFor('exit=0')).toContain('later: ccenv login max3');
    expect(fake.ran()).toBe(false);
  }, 120_000);
});
