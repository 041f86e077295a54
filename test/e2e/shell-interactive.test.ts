/**
 * `cc` is the C compiler's name: the hook defines the function only in interactive shells,
 * so a script, a build, a non-interactive shell that reads the rc file (fish reads config.fish
 * for every process, bash BASH_ENV) still runs the `cc` on PATH. Nor does it install the
 * prompt hook there.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { requirement } from '../helpers/requirements.js';
import { fakeCompiler, hookLine, shellWorld, type ShellName, type World } from '../helpers/shell-world.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';

const FILE = { bash: 'ccenv.bash', zsh: 'ccenv.zsh', fish: 'ccenv.fish' };

for (const shell of ['bash', 'zsh', 'fish'] as ShellName[]) {
  describe(`the hook in ${shell}, interactive or not`, () => {
    if (!requirement(shell, has(shell), HOW_TO_GET)) return;
    let world: World;
    beforeEach(() => {
      world = shellWorld();
      fakeCompiler(world);
    });
    afterEach(() => world.cleanup());

    // the sourced file names its function cc; ccenv hook takes --name
    const installs: [string, string[], (name: string) => string][] = [
      ['sourced', ['cc'], () => `source ${join(ROOT, 'shell', FILE[shell])}`],
      ['from ccenv hook', ['cc', 'ccx'], (name) => hookLine(shell, name === 'cc' ? '' : ` --name ${name}`)],
    ];
    const kind = (name: string) => (shell === 'fish' ? `type -t ${name}` : shell === 'zsh' ? `whence -w ${name}` : `type -t ${name}`);
    const hooked =
      shell === 'bash'
        ? 'echo "prompt=${PROMPT_COMMAND-}"'
        : shell === 'zsh'
          ? 'echo "prompt=${precmd_functions-}${chpwd_functions-}"'
          : 'echo prompt=(functions -q _ccenv_on_pwd; and echo _ccenv_on_pwd; or echo)';

    /** Runs `script` in `shell`, interactive or not, with the hook installed as a person's rc file would. */
    const run = async (install: string, script: string, interactive: boolean) => {
      const rc = join(world.home, 'rc');
      let argv: string[];
      const env = { ...world.env };
      if (shell === 'bash') {
        writeFileSync(rc, `${install}\n`);
        // a non-interactive bash reads BASH_ENV: an rc file named there, or sourced by a script
        argv = interactive ? ['bash', '--norc', '--noprofile', '-i', '-c', `source ${rc}\n${script}`] : ['bash', '--norc', '--noprofile', '-c', script];
        if (!interactive) env.BASH_ENV = rc;
      } else if (shell === 'zsh') {
        const zdot = join(world.home, 'zdot');
        mkdirSync(zdot, { recursive: true });
        writeFileSync(join(zdot, '.zshenv'), `${install}\n`);
        env.ZDOTDIR = zdot;
        argv = ['zsh', ...(interactive ? ['-i'] : []), '-c', script];
      } else {
        mkdirSync(join(world.home, '.config', 'fish'), { recursive: true });
        writeFileSync(join(world.home, '.config', 'fish', 'config.fish'), `${install}\n`);
        writeFileSync(join(world.home, 'build.fish'), `${script}\n`);
        argv = interactive ? ['fish', '-i', '-c', script] : ['fish', join(world.home, 'build.fish')];
      }
      const result = await execa(argv[0]!, argv.slice(1), { env, extendEnv: false, cwd: world.home, reject: false, input: '', timeout: 30_000 });
      return { stdout: String(result.stdout).trim(), stderr: String(result.stderr) };
    };

    it.each(installs)('%s: cc is the compiler on PATH, and no prompt hook is installed', async (_how, names, install) => {
      for (const name of names) {
        const { stdout, stderr } = await run(install(name), `cd ~/work\n${kind(name)}\n${hooked}\ncc -o x x.c`, false);
        const notFunction = shell === 'zsh' ? `${name}: ${name === 'cc' ? 'command' : 'none'}` : name === 'cc' ? 'file' : undefined;
        expect(stdout.split('\n'), stderr).toEqual([...(notFunction === undefined ? [] : [notFunction]), 'prompt=', 'compiler -o x x.c']);
      }
    });

    it.each(installs)('%s: an interactive shell has the cc function and the prompt hook', async (_how, names, install) => {
      for (const name of names) {
        const { stdout, stderr } = await run(install(name), `${kind(name)}\n${hooked}`, true);
        const lines = stdout.split('\n');
        expect(lines[0], stderr).toBe(shell === 'zsh' ? `${name}: function` : 'function');
        expect(lines[1], stderr).toMatch(/^prompt=.*_ccenv/);
      }
    });
  });
}
