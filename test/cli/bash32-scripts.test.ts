/**
 * macOS's /bin/bash is 3.2: everything ccenv prints for bash (the hook, the completion, the
 * code the hook evaluates) and the static hook file must use nothing bash 3.2 lacks. The list
 * of constructs, with the version that introduced each: test/helpers/bash-compat.ts.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASH_CONSTRUCTS, bash32Findings } from '../helpers/bash-compat.js';
import { ccenv, ROOT, sandbox, type Sandbox } from '../helpers/cli.js';

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
  mkdirSync(box.configDir, { recursive: true });
  writeFileSync(join(box.configDir, 'config.json'), JSON.stringify({ version: 1, profiles: { work: { kind: 'api-key' } } }));
  mkdirSync(join(box.home, 'proj'), { recursive: true });
  writeFileSync(join(box.home, 'proj', '.ccprofile'), 'work\n');
});
afterEach(() => box.cleanup());

const printed = async (args: string[]) => {
  const run = await ccenv(box, args);
  expect(run.exitCode, run.stderr).toBe(0);
  return run.stdout;
};

describe('bash code ccenv prints runs on bash 3.2', () => {
  it.each([
    [['hook', 'bash']],
    [['hook', 'bash', '--name', 'ccx']],
    [['completion', 'bash']],
    [['completion', 'bash', '--name', 'ccx']],
    [['use', 'work', '--shell', 'bash']],
    [['use', '--unset', '--shell', 'bash']],
  ])('ccenv %j', async (args) => {
    expect(bash32Findings(await printed(args))).toEqual([]);
  });

  it('ccenv hook bash --scope (allowed and not), with the stamp code', async () => {
    const file = join(box.home, 'proj', '.ccprofile');
    const before = await printed(['hook', 'bash', '--scope', file, '--shell-pid', String(process.pid)]);
    expect(await ccenv(box, ['allow', join(box.home, 'proj')])).toMatchObject({ exitCode: 0 });
    const after = await printed(['hook', 'bash', '--scope', file, '--shell-pid', String(process.pid)]);
    expect(after).toContain('CCENV_DIR_PROFILE');
    expect(bash32Findings(before + after)).toEqual([]);
  });

  it('shell/ccenv.bash, the file users source', () => {
    expect(bash32Findings(readFileSync(join(ROOT, 'shell', 'ccenv.bash'), 'utf8'))).toEqual([]);
  });
});

describe('the scanner', () => {
  it.each(BASH_CONSTRUCTS.filter((c) => c.example).map((c) => [c.name, c.example!.code] as const))('finds %s in its example', (name, code) => {
    expect(bash32Findings(code).map((f) => f.construct)).toContain(name);
  });

  it.each([
    ['x=abcd; echo "${x: -1}"'], // a negative offset alone: bash 3.2 has it
    ['command -v node >/dev/null'],
    ['COMPREPLY+=("$1$name")'],
    ['PROMPT_COMMAND="_ccenv_hook${PROMPT_COMMAND:+;$PROMPT_COMMAND}"'],
    ['# mapfile in a comment'],
    ['echo "${#x}" # mapfile after code'],
    ['if (( BASH_VERSINFO[0] > 5 )); then\n  PROMPT_COMMAND=(a "${PROMPT_COMMAND[@]}")\nfi'],
  ])('lets %j be', (code) => {
    expect(bash32Findings(code)).toEqual([]);
  });

  it('flags a PROMPT_COMMAND array outside a version check', () => {
    const code = 'if [[ -n $x ]]; then\n  PROMPT_COMMAND=(a "${PROMPT_COMMAND[@]}")\nelse\n  :\nfi';
    expect(bash32Findings(code)).toEqual([{ line: 2, text: 'PROMPT_COMMAND=(a "${PROMPT_COMMAND[@]}")', construct: 'PROMPT_COMMAND as an array', since: '5.1' }]);
  });
});
