/** `ccenv add --own-login` at a real terminal (tmux): it offers to log in to the new account at once, in its own directory. */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CCENV, sandbox, type Sandbox } from '../helpers/cli.js';
import { fakeClaudeOnPath, type FakeClaude } from '../helpers/fake-claude.js';
import { requirement } from '../helpers/requirements.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';
import { terminal, type Terminal } from '../helpers/terminal.js';

describe('add --own-login at a terminal', () => {
  if (!requirement('tmux', has('tmux'), HOW_TO_GET)) return;
  let box: Sandbox;
  let term: Terminal;
  let fake: FakeClaude;
  beforeEach(() => {
    box = sandbox({ PATH: '/usr/bin:/bin' });
    fake = fakeClaudeOnPath(box);
    term = terminal(box);
  });
  afterEach(async () => {
    await term.close();
    box.cleanup();
  });

  it("yes: claude's own login runs in the account's new directory", async () => {
    await term.start(`node ${CCENV} add max2 --own-login`);
    await term.waitFor("Log in to max2's account now?");
    await term.keys('y', 'Enter');
    await term.waitFor('exit=0');
    expect(fake.argv()).toEqual(['auth', 'login']);
    expect(fake.env().CLAUDE_CONFIG_DIR).toBe(join(box.home, '.local', 'share', 'ccenv', 'accounts', 'max2'));
  }, 120_000);

  it('no: nothing runs, and the command for later is said', async () => {
    await term.start(`node ${CCENV} add max3 --own-login`);
    await term.waitFor("Log in to max3's account now?");
    await term.keys('n', 'Enter');
    expect(await term.waitFor('exit=0')).toContain('later: ccenv login max3');
    expect(fake.ran()).toBe(false);
  }, 120_000);
});
