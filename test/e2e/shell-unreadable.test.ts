/**
 * The hook in real bash, zsh and fish, entering a directory whose .ccprofile links to
 * /proc/self/pagemap (which `-f` calls a regular file) or is a FIFO: the prompt comes back
 * at once, the scope is unset, and the next directory works. Each shell runs under a
 * memory limit and a timeout, so a hang or a runaway read fails the test.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requirement } from '../helpers/requirements.js';
import { count, hookLine, runShell, shellWorld, showLine, type ShellName, type World } from '../helpers/shell-world.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';

const SHELL_NAMES: ShellName[] = ['bash', 'zsh', 'fish'];

for (const shell of SHELL_NAMES) {
  describe.runIf(process.platform === 'linux')(`the hook in real ${shell}, before unreadable .ccprofile files`, () => {
    if (!requirement(shell, has(shell), HOW_TO_GET)) return;
    let world: World;
    beforeEach(() => {
      world = shellWorld();
      mkdirSync(join(world.home, 'pagemap'));
      symlinkSync('/proc/self/pagemap', join(world.home, 'pagemap', '.ccprofile'));
      mkdirSync(join(world.home, 'fifo'));
      execFileSync('mkfifo', [join(world.home, 'fifo', '.ccprofile')]);
    });
    afterEach(() => world.cleanup());
    const show = showLine(shell);

    it('returns at once, unset, and goes on working', async () => {
      const started = Date.now();
      const { stdout, stderr } = await runShell(world, shell, [hookLine(shell), 'cd ~/work', show, 'cd ~/pagemap', show, 'cd ~/fifo', show, 'cd ~/work', show], {
        wrap: (argv) => ['bash', '-c', 'ulimit -v 4000000; exec "$@"', 'bash', ...argv],
      });
      expect(Date.now() - started, 'the shell did not return in time').toBeLessThan(50_000);
      expect(stdout.trim().split('\n')).toEqual(['dir=work shell=', 'dir= shell=', 'dir= shell=', 'dir=work shell=']);
      expect(count(stderr, 'ccenv: cannot read ~/pagemap/.ccprofile (a link to /proc/self/pagemap): larger than 4096 bytes\n')).toBe(1);
      expect(count(stderr, 'ccenv: cannot read ~/fifo/.ccprofile: not a regular file (a FIFO)\n')).toBe(1);
    });
  });
}
