/**
 * The hook notices, at the next prompt and with builtins only, what changed under it in an
 * unchanged directory: `ccenv allow` / `ccenv deny` typed directly (not through cc), an
 * edit of the .ccprofile in use, its removal. In fish a prompt is the fish_prompt event,
 * emitted here by hand since a script has no prompt.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requirement } from '../helpers/requirements.js';
import { count, hookLine, runShell, shellWorld, showLine, type ShellName, type World } from '../helpers/shell-world.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';

for (const shell of ['bash', 'zsh', 'fish'] as ShellName[]) {
  describe(`the ${shell} hook keeps up with changes in place`, () => {
    if (!requirement(shell, has(shell), HOW_TO_GET)) return;
    let world: World;
    beforeEach(() => {
      world = shellWorld();
    });
    afterEach(() => world.cleanup());
    const show = showLine(shell);
    // a command, then a prompt (which fish scripts have not: its event, then)
    const typed = (line: string) => (shell === 'fish' ? [line, 'emit fish_prompt'] : [line]);

    it('after ccenv allow and deny typed directly, an edit, a removal', async () => {
      const { stdout, stderr } = await runShell(world, shell, [
        hookLine(shell),
        'cd ~/untrusted', show,
        ...typed('ccenv allow'), show,
        ...typed('echo home > .ccprofile'), show,
        ...typed('true'), ...typed('true'),
        ...typed('ccenv allow'), show,
        ...typed('ccenv deny'), show,
        ...typed('ccenv allow'), show,
        ...typed('rm .ccprofile'), show,
        ...typed('cd ~/work'), show,
      ]);
      expect(stdout.trim().split('\n')).toEqual([
        'dir= shell=',
        'dir=work shell=', // allowed
        'dir= shell=', // edited: not allowed until allowed again
        'dir=home shell=',
        'dir= shell=', // denied
        'dir=home shell=',
        'dir= shell=', // removed
        'dir=work shell=',
      ]);
      // the edited file is reported once, not at every prompt
      expect(count(stderr, 'ccenv: ~/untrusted/.ccprofile is not allowed (it names home')).toBe(1);
    }, 90_000); // a dozen ccenv runs: slow on a busy machine
  });
}
