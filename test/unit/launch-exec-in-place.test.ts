/** `ccenv exec` by execve where Node has it: which file, which words, which environment; and when not. */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandPath, execInPlace } from '../../src/launch/exec-in-place.js';
import { buildPlan } from '../../src/launch/plan.js';
import { scratchDir } from '../helpers/scratch.js';

const root = scratchDir('ccenv-execve');
const [first, second] = [join(root, 'a'), join(root, 'b')];
for (const dir of [first, second]) mkdirSync(dir);
const tool = (dir: string, name: string, mode = 0o755) => {
  writeFileSync(join(dir, name), '#!/bin/sh\n');
  chmodSync(join(dir, name), mode);
};
tool(first, 'plain', 0o644);
tool(second, 'plain');
tool(first, 'both');
tool(second, 'both');
mkdirSync(join(first, 'dir'));

describe('commandPath', () => {
  const env = { PATH: `${first}:${second}` };
  it.each([
    ['the first executable on PATH', 'both', join(first, 'both')],
    ['passes over a file that is not executable', 'plain', join(second, 'plain')],
    ['a directory is not a command', 'dir', undefined],
    ['not on PATH', 'nothing-here', undefined],
    ['a path is taken as it is', join(second, 'both'), join(second, 'both')],
    ['a relative path, from the working directory', './a/both', join(first, 'both')],
  ])('%s', (_what, command, path) => {
    expect(commandPath(command, env, root)).toBe(path);
  });
});

describe('execInPlace', () => {
  const plan = (mode: 'claude' | 'exec', command: string) =>
    buildPlan({
      resolved: { name: 'p', profile: { kind: 'api-key' }, source: { from: 'argument' } },
      caller: { PATH: `${first}:${second}`, ANTHROPIC_API_KEY: 'from-the-shell', KEEP: 'kept' },
      secret: 'sk-ant-api03-EXECVE',
      mode,
      command,
      args: ['one', 'two words'],
    });
  const recorder = () => {
    const calls: { file: string; args: readonly string[]; env: Record<string, string> }[] = [];
    const execve = ((file: string, args: readonly string[], env: Record<string, string>) => {
      calls.push({ file, args, env });
    }) as unknown as (file: string, args: readonly string[], env: Record<string, string>) => never;
    return { calls, execve };
  };

  it('exec: the command found on PATH, its words, the environment the plan builds', () => {
    const { calls, execve } = recorder();
    const p = plan('exec', 'both');
    execInPlace(p, { PATH: `${first}:${second}`, ANTHROPIC_API_KEY: 'from-the-shell', KEEP: 'kept' }, root, execve);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.file).toBe(join(first, 'both'));
    expect(calls[0]!.args).toEqual(['both', 'one', 'two words']);
    expect(calls[0]!.env).toMatchObject({ ANTHROPIC_API_KEY: 'sk-ant-api03-EXECVE', KEEP: 'kept', CCENV_ACTIVE: 'p' });
  });

  it.each([
    ['a claude launch (its secret is on a descriptor)', 'claude', 'both', true],
    ['a command that is not found (spawn reports it)', 'exec', 'nothing-here', true],
    ['a Node without process.execve', 'exec', 'both', false],
  ] as const)('not for %s', (_what, mode, command, hasExecve) => {
    const { calls, execve } = recorder();
    execInPlace(plan(mode, command), { PATH: `${first}:${second}` }, root, hasExecve ? execve : null);
    expect(calls).toEqual([]);
  });
});
