/**
 * A denied .ccprofile is as if absent (as direnv treats a denied .envrc): the next source
 * in the resolution order applies, with one note. As in direnv, a denied file is not
 * skipped over to a .ccprofile further up: only the nearest file counts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import { type FakeClaude, fakeClaudeOnPath } from '../helpers/fake-claude.js';

let box: Sandbox;
let fake: FakeClaude;
const NOTE = 'ccenv: ~/proj/.ccprofile is denied, so it is ignored (to trust it: ccenv allow ~/proj/.ccprofile)';
/** A launch or status also names the profile used instead. */
const BUILTIN_NOTE = `${NOTE}; using the built-in profile subscription (Claude's own login)`;

beforeEach(async () => {
  box = sandbox();
  fake = fakeClaudeOnPath(box);
  mkdirSync(box.configDir, { recursive: true });
  writeFileSync(
    join(box.configDir, 'config.json'),
    JSON.stringify({ version: 1, profiles: { outer: { kind: 'subscription' }, inner: { kind: 'subscription' }, dflt: { kind: 'subscription' } } }),
  );
  mkdirSync(join(box.home, 'proj', 'sub'), { recursive: true });
  writeFileSync(join(box.home, '.ccprofile'), 'outer\n');
  writeFileSync(join(box.home, 'proj', '.ccprofile'), 'inner\n');
  expect((await ccenv(box, ['allow', join(box.home, '.ccprofile')])).exitCode).toBe(0);
  expect((await ccenv(box, ['deny', join(box.home, 'proj')])).exitCode).toBe(0);
});
afterEach(() => box.cleanup());

const sub = () => join(box.home, 'proj', 'sub');

describe('a denied .ccprofile', () => {
  it('a launch uses the built-in profile, not the allowed file further up, and says so once', async () => {
    const run = await ccenv(box, ['-p', 'hi'], { cwd: sub() });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(fake.env().CCENV_ACTIVE).toBe('subscription');
    expect(run.stderr).toBe(BUILTIN_NOTE);
  });

  it('a launch uses the default when there is one', async () => {
    expect((await ccenv(box, ['use', '--global', 'dflt'])).exitCode).toBe(0);
    const run = await ccenv(box, ['-p', 'hi'], { cwd: sub() });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(fake.env().CCENV_ACTIVE).toBe('dflt');
    expect(run.stderr).toBe(`${NOTE}; using the default profile dflt`);
  });

  it('status succeeds, names the source that applies, and says so once', async () => {
    const run = await ccenv(box, ['status', '--json'], { cwd: sub() });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ profile: 'subscription', source: 'nothing chosen: the built-in profile' });
    expect(run.stderr).toBe(BUILTIN_NOTE);
  });

  it('the hook scope check unsets the variable with one line', async () => {
    const run = await ccenv(box, ['hook', 'bash', '--scope', join(box.home, 'proj', '.ccprofile')]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('unset CCENV_DIR_PROFILE');
    expect(run.stderr).toBe(NOTE);
  });

  it('a denied malformed file is ignored the same way', async () => {
    writeFileSync(join(box.home, 'proj', '.ccprofile'), '$(id)\n');
    const run = await ccenv(box, ['-p', 'hi'], { cwd: sub() });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toBe(BUILTIN_NOTE);
  });
});
