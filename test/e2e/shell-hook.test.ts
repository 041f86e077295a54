/**
 * The hook in real bash, zsh and fish: one scenario, run by each shell as a person would
 * type it, then what is particular to each shell.
 */
import { existsSync, readFileSync } from 'node:fs';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requirement } from '../helpers/requirements.js';
import { count, HOSTILE_DIR, hookLine, runShell, shellWorld, showLine, type ShellName, type World } from '../helpers/shell-world.js';
import { ROOT } from '../helpers/cli.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';

const SHELL_NAMES: ShellName[] = ['bash', 'zsh', 'fish'];

for (const shell of SHELL_NAMES) {
  describe(`the hook in real ${shell}`, () => {
    if (!requirement(shell, has(shell), HOW_TO_GET)) return;
    let world: World;
    beforeEach(() => {
      world = shellWorld();
    });
    afterEach(() => world.cleanup());
    const show = showLine(shell);
    const quotedHostile = `'${HOSTILE_DIR}'`;

    it('follows scopes, trust, edits and cc use; never runs hostile content', async () => {
      const { stdout, stderr } = await runShell(world, shell, [
        hookLine(shell),
        show,
        'cd ~/work', show,
        'cd ~/work/api/src', show,
        'cd ~/work/api', show,
        'cd ~/work/deep/er', show,
        'cd ~/work', show,
        'cd ~/plain', show,
        'cd ~/untrusted', show,
        'true', show,
        'cd sub', show,
        'cd ~/untrusted', 'cc allow', show,
        'echo home > .ccprofile', 'cd ~', 'cd ~/untrusted', show,
        'cc use home', 'cd ~/work', show,
        'cc use nosuch', show,
        'cc use --unset', show,
        'cd ~/hostile', show,
        'cd ~/hostile2', show,
        `cd ~/${quotedHostile}`, show,
        'cd ~/plain', show,
      ]);
      expect(stdout.trim().split('\n')).toEqual([
        'dir= shell=',
        'dir=work shell=',
        'dir=home shell=', // nested: the nearest file wins
        'dir=home shell=',
        'dir=work shell=',
        'dir=work shell=',
        'dir= shell=', // left the scope
        'dir= shell=', // not allowed
        'dir= shell=',
        'dir= shell=',
        'dir=work shell=', // cc allow takes effect at once
        'dir= shell=', // edited: needs a new allow
        'dir=work shell=home', // cc use beats the directory (a launch uses CCENV_PROFILE first)
        'dir=work shell=home', // a missing profile changes nothing
        'dir=work shell=',
        'dir= shell=', // hostile file: rejected
        'dir= shell=', // hostile file, even allowed: rejected
        'dir=work shell=', // hostile directory name: inert
        'dir= shell=',
      ]);
      expect(count(stderr, 'ccenv: work (from ~/work/.ccprofile)\n')).toBe(2);
      expect(count(stderr, 'ccenv: work (from ~/work/.ccprofile), but this shell uses home (use --unset to follow the directory)\n')).toBe(1);
      expect(count(stderr, 'ccenv: home (from ~/work/api/.ccprofile)\n')).toBe(1);
      // reported once per entry, not at every prompt nor on a cd inside the scope; and once
      // at the prompt after the edit (bash, zsh: fish scripts have no prompt)
      const reports = shell === 'fish' ? 2 : 3;
      expect(count(stderr, 'ccenv: ~/untrusted/.ccprofile is not allowed')).toBe(reports);
      expect(count(stderr, 'ccenv: if you trust it: cc allow ~/untrusted/.ccprofile\n')).toBe(reports);
      expect(count(stderr, 'ccenv: allowed ~/untrusted/.ccprofile (work)\n')).toBe(1);
      expect(count(stderr, 'ccenv: no profile named nosuch\n')).toBe(1);
      expect(count(stderr, 'ccenv: ~/hostile/.ccprofile names more than one profile (lines 1 and 2)\n')).toBe(1);
      // longer than a profile name can be: said by its length, never quoted
      expect(count(stderr, 'ccenv: ~/hostile2/.ccprofile line 1 (')).toBe(1);
      expect(count(stderr, `ccenv: work (from ~/${HOSTILE_DIR}/.ccprofile)\n`)).toBe(1);
      for (const file of world.pwnedFiles) expect(existsSync(file), file).toBe(false);
    }, 90_000); // some 25 ccenv runs: slow on a busy machine

    it('is safe to source twice: one hook, one report per scope', async () => {
      const { stdout, stderr } = await runShell(world, shell, [hookLine(shell), hookLine(shell), 'cd ~/work', show, 'cd ~/plain', 'cd ~/work', show]);
      expect(stdout.trim().split('\n')).toEqual(['dir=work shell=', 'dir=work shell=']);
      expect(count(stderr, 'ccenv: work (from ~/work/.ccprofile)\n')).toBe(2);
    });

    it('names the function as asked, and CCENV_QUIET=1 silences the scope line', async () => {
      const { stdout, stderr } = await runShell(world, shell, [
        shell === 'fish' ? 'set -gx CCENV_QUIET 1' : 'export CCENV_QUIET=1',
        hookLine(shell, ' --name ccx'),
        'ccx use home',
        'cd ~/work',
        show,
        shell === 'fish' ? 'functions -q cc; and echo cc-defined; or echo no-cc' : 'if typeset -f cc >/dev/null; then echo cc-defined; else echo no-cc; fi',
      ]);
      expect(stdout.trim().split('\n')).toEqual(['dir=work shell=home', 'no-cc']);
      expect(stderr).not.toContain('ccenv: work (from');
    });

    it('says how to install the hook when ccenv use runs without it, and exits non-zero', async () => {
      const { stdout, stderr } = await runShell(world, shell, [
        shell === 'fish' ? 'ccenv use home; echo "rc=$status"' : 'ccenv use home; echo "rc=$?"',
        show,
      ]);
      expect(stdout.trim().split('\n')).toEqual(['rc=1', 'dir= shell=']);
      expect(stderr).toContain(`open a new terminal, then run cc use NAME: source ${ROOT}/shell/ccenv.${shell}`);
    });

    it('writes and allows ./.ccprofile with cc use --local, then sets the scope at once', async () => {
      const { stdout, stderr } = await runShell(world, shell, ['cd ~/plain', hookLine(shell), 'cc use --local home', show]);
      expect(stdout.trim()).toBe('dir=home shell=');
      expect(readFileSync(`${world.home}/plain/.ccprofile`, 'utf8')).toBe('home\n');
      expect(stderr).toContain('ccenv: ~/plain/.ccprofile names home, allowed\n');
    });

    if (shell !== 'fish') {
      it('keeps $? through a prompt that changes scope, and through one that does not', async () => {
        const { stdout } = await runShell(world, shell, [hookLine(shell), 'cd ~/work; false', 'echo "status=$?"', 'false', 'echo "status=$?"', '(exit 7)', 'echo "status=$?"']);
        expect(stdout.trim().split('\n')).toEqual(['status=1', 'status=1', 'status=7']);
      });
    }
  });
}

describe('bash specifics', () => {
  if (!requirement('bash', has('bash'), HOW_TO_GET)) return;
  let world: World;
  beforeEach(() => {
    world = shellWorld();
  });
  afterEach(() => world.cleanup());

  it('keeps a PROMPT_COMMAND array (bash 5.1+) and adds itself once', async () => {
    const { stdout } = await runShell(world, 'bash', [
      "PROMPT_COMMAND=('echo pc1' 'echo pc2')",
      hookLine('bash'),
      hookLine('bash'),
      'declare -p PROMPT_COMMAND',
      'cd ~/work',
      'echo "dir=$CCENV_DIR_PROFILE"',
    ]);
    const lines = stdout.trim().split('\n');
    expect(lines).toContain('declare -a PROMPT_COMMAND=([0]="_ccenv_hook" [1]="echo pc1" [2]="echo pc2")');
    expect(lines).toContain('dir=work');
    expect(count(stdout, 'pc1\npc2\n')).toBeGreaterThanOrEqual(4);
  });

  it('keeps a PROMPT_COMMAND string and adds itself once', async () => {
    const { stdout } = await runShell(world, 'bash', ["PROMPT_COMMAND='echo pcs'", hookLine('bash'), hookLine('bash'), 'declare -p PROMPT_COMMAND']);
    expect(stdout).toContain('declare -- PROMPT_COMMAND="_ccenv_hook;echo pcs"\n');
    expect(count(stdout, 'pcs\n')).toBeGreaterThanOrEqual(3);
  });

  it('works under set -u', async () => {
    const { stdout, stderr } = await runShell(world, 'bash', ['set -u', hookLine('bash'), 'cd ~/work', 'echo "dir=$CCENV_DIR_PROFILE"', 'cc use --unset', 'cd ~/plain', 'echo ok']);
    expect(stdout.trim().split('\n')).toEqual(['dir=work', 'ok']);
    expect(stderr).not.toMatch(/unbound variable/);
  });
});

describe('zsh specifics', () => {
  if (!requirement('zsh', has('zsh'), HOW_TO_GET)) return;
  let world: World;
  beforeEach(() => {
    world = shellWorld();
  });
  afterEach(() => world.cleanup());

  it('uses add-zsh-hook chpwd and precmd, once each, beside existing hooks', async () => {
    const { stdout } = await runShell(world, 'zsh', [
      'my_precmd() { :; }; precmd_functions=(my_precmd)',
      hookLine('zsh'),
      hookLine('zsh'),
      'echo "precmd=${precmd_functions[*]} chpwd=${chpwd_functions[*]}"',
    ]);
    expect(stdout.trim()).toBe('precmd=my_precmd _ccenv_hook chpwd=_ccenv_hook');
  });

  it('sets the scope on cd before the next prompt (chpwd), so cd x && cmd sees it', async () => {
    const { stdout } = await runShell(world, 'zsh', [hookLine('zsh'), 'cd ~/work && echo "dir=$CCENV_DIR_PROFILE"']);
    expect(stdout.trim()).toBe('dir=work');
  });
});

describe('the hook sources pass their linters', () => {
  it.runIf(requirement('shellcheck', has('shellcheck'), HOW_TO_GET))('shellcheck: shell/ccenv.bash', async () => {
    const result = await execa('shellcheck', ['-s', 'bash', '-S', 'style', 'shell/ccenv.bash'], { cwd: ROOT, reject: false });
    expect(result.stdout).toBe('');
    expect(result.exitCode).toBe(0);
  });
  it.runIf(has('zsh'))('zsh -n: shell/ccenv.zsh', async () => {
    const result = await execa('zsh', ['-n', 'shell/ccenv.zsh'], { cwd: ROOT, reject: false });
    expect([result.exitCode, result.stderr]).toEqual([0, '']);
  });
  it.runIf(has('fish'))('fish --no-execute: shell/ccenv.fish', async () => {
    const result = await execa('fish', ['--no-execute', 'shell/ccenv.fish'], { cwd: ROOT, reject: false });
    expect([result.exitCode, result.stderr]).toEqual([0, '']);
  });
});
