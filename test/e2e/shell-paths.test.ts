/**
 * The hook runs ccenv by the absolute paths of node and of ccenv's script, written in when
 * the hook was printed: a PATH changed later (nvm, a virtualenv) that holds neither still
 * works. When those paths are gone, it falls back to `ccenv` on PATH.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requirement } from '../helpers/requirements.js';
import { hookLine, runShell, shellWorld, showLine, type ShellName, type World } from '../helpers/shell-world.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';

for (const shell of ['bash', 'zsh', 'fish'] as ShellName[]) {
  describe(`the ${shell} hook after PATH changes`, () => {
    if (!requirement(shell, has(shell), HOW_TO_GET)) return;
    let world: World;
    beforeEach(() => {
      world = shellWorld();
    });
    afterEach(() => world.cleanup());
    const set = (variable: string, value: string) => (shell === 'fish' ? `set -g${variable === 'PATH' ? 'x' : ''} ${variable} ${value}` : `${variable}=${value}`);

    it('finds ccenv and node with neither on PATH, and ccenv by name once their paths are gone', async () => {
      const show = showLine(shell);
      const { stdout, stderr } = await runShell(world, shell, [
        hookLine(shell),
        set('PATH', '"$HOME/nowhere"'),
        'cd ~/work', show,
        'cc use home', show,
        'cc use --unset',
        set('PATH', `"$HOME/.bin:${world.env.PATH!.split(':').slice(1).join(':')}"`),
        set('_ccenv_script', '/gone/ccenv.cjs'),
        'cd ~/work/api', show,
      ]);
      expect(stdout.trim().split('\n')).toEqual(['dir=work shell=', 'dir=work shell=home', 'dir=home shell=']);
      expect(stderr).not.toMatch(/not found|No such file|Unknown command/);
    });
  });
}
