/**
 * A new shell that sources the static hook file (the path `ccenv hook SHELL --path` prints)
 * starts no process at all: strace counts them. The file works as sourced: it finds ccenv
 * beside itself and node on PATH, and loads completions at the first Tab.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { requirement } from '../helpers/requirements.js';
import { runShell, shellWorld, showLine, type ShellName, type World } from '../helpers/shell-world.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';
import { LAZY_COMPLETION } from '../helpers/bash-completion.js';

const FILE = { bash: 'ccenv.bash', zsh: 'ccenv.zsh', fish: 'ccenv.fish' };

for (const shell of ['bash', 'zsh', 'fish'] as ShellName[]) {
  describe(`a new ${shell} with the static hook file`, () => {
    if (!requirement(shell, has(shell), HOW_TO_GET)) return;
    let world: World;
    beforeEach(() => {
      world = shellWorld();
    });
    afterEach(() => world.cleanup());
    const file = join(ROOT, 'shell', FILE[shell]);

    it('prints that path with ccenv hook --path', async () => {
      const run = await execa('ccenv', ['hook', shell, '--path'], { env: world.env, extendEnv: false });
      expect(run.stdout).toBe(file);
    });

    it.runIf(has('strace'))('starts no process while starting up', async () => {
      const log = join(world.home, 'strace.log');
      const zdot = join(world.home, 'zdot');
      const argv =
        shell === 'bash'
          ? ['bash', '--rcfile', join(world.home, 'rc'), '-i', '-c', 'exit']
          : shell === 'zsh'
            ? ['zsh', '-i', '-c', 'exit']
            : ['fish', '--no-config', '-i', '-C', `source ${file}`, '-c', 'exit'];
      writeFileSync(join(world.home, 'rc'), `source ${file}\n`);
      await execa('mkdir', ['-p', zdot]);
      writeFileSync(join(zdot, '.zshrc'), `source ${file}\n`);
      const run = await execa('strace', ['-f', '-qq', '-e', 'trace=clone,clone3,fork,vfork', '-o', log, ...argv], {
        env: { ...world.env, ZDOTDIR: zdot },
        extendEnv: false,
        reject: false,
      });
      expect(run.stderr).not.toMatch(/command not found|error/i);
      const created = readFileSync(log, 'utf8').split('\n').filter((l) => /(clone3?|fork|vfork)\(/.test(l) && !l.includes('CLONE_THREAD'));
      expect(created).toEqual([]);
    });

    it('works as sourced: scopes, cc use, and ccenv found beside it with PATH changed', async () => {
      const show = showLine(shell);
      const { stdout } = await runShell(world, shell, [
        `source ${file}`,
        'cd ~/work', show,
        shell === 'fish' ? 'set -gx PATH /usr/bin /bin' : 'PATH=/usr/bin:/bin',
        'cd ~/work/api', show,
        'cc use work', show,
      ]);
      expect(stdout.trim().split('\n')).toEqual(['dir=work shell=', 'dir=home shell=', 'dir=home shell=work']);
    });

    if (shell === 'bash') {
      it('loads completions at the first Tab, not before', async () => {
        const { stdout } = await runShell(world, 'bash', [
          `source ${file}`,
          ...LAZY_COMPLETION.lines,
        ]);
        expect(stdout.trim().split('\n')).toEqual(LAZY_COMPLETION.printed);
      });
    }

    if (shell === 'fish') {
      it('autoloads completions from the files beside it at the first Tab, ccenv found with PATH changed', async () => {
        const script = `source ${file}; set -gx PATH /usr/bin /bin
functions -q _ccenv_profiles; and echo loaded-early
for line in 'cc mc' 'ccenv ren' 'cc @h' 'cc use h'
  set -l r (complete -C $line | string split -f1 \\t); echo "[$line] $r"
end`;
        const run = await execa('fish', ['--no-config', '-i', '-c', script], { env: world.env, extendEnv: false, reject: false });
        expect(String(run.stdout).split('\n')).toEqual(['[cc mc] mcp', '[ccenv ren] rename', '[cc @h] @home', '[cc use h] home']);
        expect(run.stderr).toBe('');
      });
    }

    if (shell === 'zsh') {
      it('registers lazy completions when compinit ran first, loaded at the first Tab', async () => {
        const { stdout } = await runShell(world, 'zsh', [
          'autoload -Uz compinit; compinit -u -d ~/.zcompdump',
          `source ${file}`,
          'print -r -- "$_comps[ccenv] $_comps[cc]"',
          // the first Tab, compadd stood in for to see what it is offered
          'compadd() { print -r -- "compadd ${@[(r)mcp]-}${@[(r)rename]-}"; }',
          'words=(cc m); CURRENT=2; _ccenv_complete_lazy',
          '_describe() { print -r -- "describe ${(P)4[(r)rename:*]%%:*}"; }',
          'words=(ccenv ren); CURRENT=2; _ccenv_complete_lazy',
          'print -r -- "$_comps[ccenv] $_comps[cc]"',
        ]);
        expect(stdout.trim().split('\n')).toEqual([
          '_ccenv_complete_lazy _ccenv_complete_lazy',
          'compadd mcp',
          'describe rename',
          '_ccenv _ccenv_cc',
        ]);
      });
    }
  });
}
