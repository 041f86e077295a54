/**
 * What a prompt costs, counted: strace follows the shell and every process it starts, and
 * the test fails if a prompt in an unchanged directory, a cd within a scope, or leaving a
 * scope starts any process. Entering a new scope may start one (ccenv).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requirement } from '../helpers/requirements.js';
import { hookLine, runShell, shellWorld, type ShellName, type World } from '../helpers/shell-world.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';

/** Process creations between consecutive `MARK-x` lines the script writes. */
function processesBetweenMarks(log: string): Record<string, number> {
  const counts: Record<string, number> = {};
  let current: string | undefined;
  for (const line of log.split('\n')) {
    const mark = /^\d+\s+write\(\d+, "(MARK-[A-Z])\\n"/.exec(line);
    if (mark) {
      current = mark[1]!;
      counts[current] = 0;
      continue;
    }
    if (current && /^\d+\s+(clone3?|fork|vfork)\(/.test(line) && !line.includes('CLONE_THREAD')) counts[current]! += 1;
  }
  return counts;
}

for (const shell of ['bash', 'zsh', 'fish'] as ShellName[]) {
  describe(`process creations in the ${shell} prompt path`, () => {
    if (!requirement('strace', has('strace'), HOW_TO_GET)) return;
    if (!requirement(shell, has(shell), HOW_TO_GET)) return;
    let world: World;
    beforeEach(() => {
      world = shellWorld();
    });
    afterEach(() => world.cleanup());

    // With NODE_EXTRA_CA_CERTS exported, ccenv is started without it (src/launch/extra-ca-certs.ts): no process more.
    const exportCa = shell === 'fish' ? 'set -gx NODE_EXTRA_CA_CERTS /nonexistent/ca.pem' : 'export NODE_EXTRA_CA_CERTS=/nonexistent/ca.pem';
    it.each([
      ['', []],
      [' (NODE_EXTRA_CA_CERTS exported)', [exportCa]],
    ])('none for a prompt in an unchanged directory, a cd within a scope or out of it; one to enter%s', async (_what, before) => {
      const log = join(world.home, 'strace.log');
      const { stdout } = await runShell(
        world,
        shell,
        [
          ...before,
          hookLine(shell),
          'echo MARK-A >&2', // A: prompts in an unchanged directory
          'true',
          'true',
          'echo MARK-B >&2', // B: entering a scope
          'cd ~/work',
          'echo MARK-C >&2', // C: cd within the scope, then prompts
          'cd ~/work/deep',
          'cd ~/work/deep/er',
          'true',
          'cd ~/work',
          'echo MARK-D >&2', // D: leaving the scope
          'cd ~/plain',
          'true',
          'echo MARK-E >&2',
          shell === 'fish' ? 'echo "dir=$CCENV_DIR_PROFILE"' : 'echo "dir=${CCENV_DIR_PROFILE-}"',
        ],
        { wrap: (argv) => ['strace', '-f', '-qq', '-e', 'trace=clone,clone3,fork,vfork,execve,write', '-e', 'signal=none', '-s', '32', '-o', log, ...argv] },
      );
      expect(stdout.trim()).toBe('dir=');
      expect(processesBetweenMarks(readFileSync(log, 'utf8'))).toEqual({ 'MARK-A': 0, 'MARK-B': 1, 'MARK-C': 0, 'MARK-D': 0, 'MARK-E': 0 });
    });
  });
}
