/**
 * A directory name can hold terminal escape sequences (a git repository can carry one).
 * Nothing ccenv prints for a person may pass them to the terminal raw: launch notes,
 * doctor, status, allow/deny, the hook's line. They are shown escaped instead.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import { type FakeClaude, fakeClaudeOnPath } from '../helpers/fake-claude.js';

const EVIL = 'evil\x1b]0;pwned\x07\x1b[2J\u009b31m';
const SHOWN = 'evil\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m';
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

let box: Sandbox;
let fake: FakeClaude;
beforeEach(() => {
  box = sandbox();
  fake = fakeClaudeOnPath(box);
  mkdirSync(join(box.home, EVIL, '.claude'), { recursive: true });
  mkdirSync(box.configDir, { recursive: true });
  writeFileSync(join(box.configDir, 'config.json'), JSON.stringify({ version: 1, profiles: { work: { kind: 'subscription' } } }));
});
afterEach(() => box.cleanup());

const dir = () => join(box.home, EVIL);
function expectInert(...texts: string[]): void {
  for (const text of texts) expect(text).not.toMatch(RAW_CONTROL);
}

describe('paths with escape sequences are printed escaped', () => {
  it('in a launch note about a project settings file', async () => {
    writeFileSync(join(dir(), '.claude', 'settings.json'), JSON.stringify({ env: { CLAUDE_CODE_USE_BEDROCK: '1' } }));
    const run = await ccenv(box, ['-p', 'hi'], { cwd: dir() });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain(`${SHOWN}/.claude/settings.json`);
    expectInert(run.stderr);
  });

  it('in doctor', async () => {
    writeFileSync(join(dir(), '.claude', 'settings.json'), '{"env": {"ANTHROPIC_API_KEY": "sk-ant-api03-x"},}');
    const run = await ccenv(box, ['doctor'], { cwd: dir() });
    expect(run.stdout).toContain(SHOWN);
    expectInert(run.stdout, run.stderr);
  });

  it('in status, naming the claude it runs', async () => {
    const bin = join(box.home, EVIL, 'bin');
    cpSync(fake.bin, bin, { recursive: true });
    const run = await ccenv(box, ['status'], { env: { PATH: `${bin}:/usr/bin:/bin` } });
    expect(run.stdout).toContain(`${SHOWN}/bin/claude`);
    expectInert(run.stdout, run.stderr);
  });

  it('in the hook line, allow and deny', async () => {
    writeFileSync(join(dir(), '.ccprofile'), 'work\n');
    const file = join(dir(), '.ccprofile');
    const runs = [
      await ccenv(box, ['hook', 'bash', '--scope', file]),
      await ccenv(box, ['allow', file]),
      await ccenv(box, ['hook', 'bash', '--scope', file]),
      await ccenv(box, ['deny', file]),
    ];
    expect(runs[2]!.stderr).toBe(`ccenv: work (from ~/${SHOWN}/.ccprofile)`);
    for (const run of runs) expectInert(run.stderr);
  });

  it('in an error about a value from the environment', async () => {
    const run = await ccenv(box, ['-p', 'hi'], { env: { CCENV_PROFILE: 'x\x1b]0;t\x07\u009b2J' } });
    expect(run.exitCode).not.toBe(0);
    expect(fake.ran()).toBe(false);
    expectInert(run.stderr);
  });
});
