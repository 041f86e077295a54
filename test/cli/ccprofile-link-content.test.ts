/**
 * A `.ccprofile` that is a link to another file never has that file's content echoed: a
 * repository can commit `.ccprofile -> ~/.claude/.credentials.json`, and the messages of
 * status, a launch, the shell hook and doctor would otherwise print its first line (a token)
 * to a terminal that may be shared or a CI log. A regular file's typo is still quoted.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import { fakeClaudeOnPath } from '../helpers/fake-claude.js';

const TOKEN = 'sk-ant-oat01-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop';
/** A secret that is also a valid profile name: a file holding only a token. */
const NAME_LIKE = 'ghp_SECRETLIKE0123456789abcdefghijklmnopq';

let box: Sandbox;
let repo: string;
beforeEach(() => {
  box = sandbox();
  fakeClaudeOnPath(box);
  mkdirSync(join(box.home, '.claude'), { recursive: true });
  writeFileSync(join(box.home, '.claude', '.credentials.json'), `{"claudeAiOauth":{"accessToken":"${TOKEN}","refreshToken":"x"}}`);
  writeFileSync(join(box.home, '.gh-token'), `${NAME_LIKE}\n`);
  repo = join(box.home, 'repo');
  mkdirSync(repo);
});
afterEach(() => box.cleanup());

const runs = () =>
  [
    ['status', () => ccenv(box, ['status'], { cwd: repo })],
    ['status --json', () => ccenv(box, ['status', '--json'], { cwd: repo })],
    ['a launch', () => ccenv(box, ['-p', 'hi'], { cwd: repo })],
    ['the hook', () => ccenv(box, ['hook', 'bash', '--scope', join(repo, '.ccprofile')])],
    ['doctor', () => ccenv(box, ['doctor'], { cwd: repo })],
    ['allow', () => ccenv(box, ['allow'], { cwd: repo })],
  ] as const;

describe('a .ccprofile linked to a credentials file', () => {
  it.each(runs())('%s never prints its content, and names the link target', async (_what, run) => {
    symlinkSync(join(box.home, '.claude', '.credentials.json'), join(repo, '.ccprofile'));
    const result = await run();
    expect(`${result.stdout}${result.stderr}`).not.toContain('sk-ant-oat01');
    expect(`${result.stdout}${result.stderr}`).not.toContain('claudeAiOauth');
    expect(`${result.stdout}${result.stderr}`).toContain('a link to ~/.claude/.credentials.json');
  });

  it.each(runs())('%s never prints a linked file whose one line looks like a profile name', async (_what, run) => {
    symlinkSync(join(box.home, '.gh-token'), join(repo, '.ccprofile'));
    const result = await run();
    expect(`${result.stdout}${result.stderr}`).not.toContain('SECRETLIKE');
    // said, not silent: the link is named
    expect(`${result.stdout}${result.stderr}`).toContain('a link to ~/.gh-token');
  });
});

it('a regular .ccprofile with a typo still quotes it', async () => {
  writeFileSync(join(repo, '.ccprofile'), 'work # mine\n');
  const result = await ccenv(box, ['status'], { cwd: repo });
  expect(result.stderr).toContain('line 1: "work # mine" is not a profile name');
});

it('an allowed linked .ccprofile naming a profile works as before', async () => {
  writeFileSync(join(box.home, 'shared-profile'), 'subscription\n');
  symlinkSync(join(box.home, 'shared-profile'), join(repo, '.ccprofile'));
  expect((await ccenv(box, ['allow'], { cwd: repo })).exitCode).toBe(0);
  const result = await ccenv(box, ['status', '--json'], { cwd: repo });
  expect(result.exitCode, result.stderr).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ profile: 'subscription' });
});
