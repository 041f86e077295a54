/** After an interactive session ccenv says once how to resume through ccenv; never with -p or off a terminal. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CCENV, ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import { failingClaudeOnPath } from '../helpers/failing-claude.js';
import { fakeClaudeOnPath } from '../helpers/fake-claude.js';
import { requirement } from '../helpers/requirements.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';
import { terminal, type Terminal } from '../helpers/terminal.js';

const HINT = 'cc --resume <id>';
let box: Sandbox;

beforeEach(() => {
  box = sandbox();
  fakeClaudeOnPath(box);
});
afterEach(() => box.cleanup());

it('says nothing, and records nothing, when stdout is not a terminal', async () => {
  const run = await ccenv(box, []);
  expect(run.exitCode, run.stderr).toBe(0);
  expect(run.stderr).not.toContain(HINT);
  expect(existsSync(join(box.dataDir, 'resume-hint-said'))).toBe(false);
});

describe('at a terminal', () => {
  if (!requirement('tmux', has('tmux'), HOW_TO_GET)) return;
  let term: Terminal;
  beforeEach(() => {
    term = terminal(box);
  });
  afterEach(async () => term.close());

  it('once after the first interactive session, never after -p', async () => {
    await term.start(`node ${CCENV} -p x; echo one-done; node ${CCENV}; node ${CCENV}`);
    const screen = await term.waitFor('exit=');
    const [afterPrint, rest] = screen.split('one-done');
    expect(afterPrint).not.toContain(HINT);
    expect(rest!.split(HINT).length - 1).toBe(1);
  });

  it('not after a session whose credential failed: ccenv has said how to go on, on the fallback', async () => {
    failingClaudeOnPath(box);
    for (const [name, key] of [['bad', 'sk-ant-api03-HINT-BAD-0001'], ['good', 'sk-ant-api03-HINT-GOOD-0002']]) {
      expect((await ccenv(box, ['add', name!, '--kind', 'api-key', '--secret-stdin'], { input: key })).exitCode).toBe(0);
    }
    expect((await ccenv(box, ['edit', 'bad', '--fallback', 'good'])).exitCode).toBe(0);
    await term.start(`FAKE_FAIL_FOR=bad FAKE_EXIT=0 node ${CCENV} @bad; echo session-done`);
    await term.waitFor('Continue this conversation on good now');
    await term.type('n');
    const screen = await term.waitFor('session-done');
    expect(screen).toContain('ccenv: to continue it on good');
    expect(screen).not.toContain(HINT);
  });
});
