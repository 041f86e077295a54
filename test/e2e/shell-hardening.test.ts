/**
 * The hook and completions against hostile or odd input, in real shells: directory names
 * that hold newlines, profile names that hold shell code, a .ccprofile that is not a file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowFile, readTrustedFile } from '../../src/trust/records.js';
import { requirement } from '../helpers/requirements.js';
import { hookLine, runShell, shellWorld, showLine, type ShellName, type World } from '../helpers/shell-world.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';

for (const shell of ['bash', 'zsh', 'fish'] as ShellName[]) {
  describe(`the ${shell} hook with odd directories`, () => {
    if (!requirement(shell, has(shell), HOW_TO_GET)) return;
    let world: World;
    beforeEach(() => {
      world = shellWorld();
    });
    afterEach(() => world.cleanup());

    it('follows a directory whose name holds a newline, and ends', async () => {
      const dir = join(world.home, 'line\nbreak');
      mkdirSync(join(dir, 'sub\ninner'), { recursive: true });
      writeFileSync(join(dir, '.ccprofile'), 'work\n');
      allowFile(world.env, readTrustedFile(join(dir, '.ccprofile')));
      mkdirSync(join(world.home, 'plain', 'new\nline'));
      // `cd ~/` then the name, with the newline written as each shell spells it
      const cd = (path: string) => `cd ${path.startsWith('~/') ? '~/' : ''}${shell === 'fish' ? '' : "$'"}${path.replace(/^~\//, '').replace(/\n/g, '\\n')}${shell === 'fish' ? '' : "'"}`;
      const show = showLine(shell);
      const { stdout, timedOut } = await runShell(
        world,
        shell,
        [hookLine(shell), cd('line\nbreak'), show, cd('sub\ninner'), show, cd('~/plain/new\nline'), show],
        { timeout: 15_000 },
      );
      expect(timedOut).toBe(false);
      expect(stdout.trim().split('\n')).toEqual(['dir=work shell=', 'dir=work shell=', 'dir= shell=']);
    });
  });
}
