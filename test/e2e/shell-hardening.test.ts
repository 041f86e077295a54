/**
 * The hook and completions against hostile or odd input, in real shells: directory names
 * that hold newlines, profile names that hold shell code, a .ccprofile that is not a file
 * (the hook itself only ever stats it: -f and -nt, never a read).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { execa } from 'execa';
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

    it('never opens a .ccprofile itself: a FIFO swapped in for the file in use hangs nothing', async () => {
      const show = showLine(shell);
      const prompt = shell === 'fish' ? ['emit fish_prompt'] : [];
      const { stdout, timedOut } = await runShell(
        world,
        shell,
        [hookLine(shell), 'cd ~/work/api', show, 'rm .ccprofile; mkfifo .ccprofile', ...prompt, show, 'cd src', show, 'cd ~/work/api', show],
        { timeout: 15_000 },
      );
      expect(timedOut).toBe(false);
      // the FIFO is the nearest .ccprofile: refused (by ccenv, which never waits on it), never ~/work's instead
      expect(stdout.trim().split('\n')).toEqual(['dir=home shell=', 'dir= shell=', 'dir= shell=', 'dir= shell=']);
    });
  });
}

describe('completion with a hostile profile name in config.json', () => {
  let world: World;
  let pwned: string;
  beforeEach(() => {
    world = shellWorld();
    pwned = join(world.home, 'pwned-by-completion');
    // written by hand, as ccenv itself would never accept these names
    writeFileSync(
      join(world.home, '.config', 'ccenv', 'config.json'),
      JSON.stringify({
        version: 1,
        profiles: {
          work: { kind: 'api-key' },
          [`$(touch ${pwned})`]: { kind: 'subscription' },
          [`w\`touch ${pwned}\``]: { kind: 'subscription' },
          'w ${HOME}': { kind: 'subscription' },
        },
      }),
    );
  });
  afterEach(() => world.cleanup());
  const lines = async (command: string, args: string[]) =>
    String((await execa(command, args, { extendEnv: false, env: world.env, cwd: world.home, reject: false })).stdout).trim().split('\n');

  it('lists only valid names', async () => {
    expect(await lines('ccenv', ['completion', '--profiles'])).toEqual(['subscription', 'work']);
  });

  it.runIf(has('bash'))('bash completes the valid names and never expands one', async () => {
    const script = `eval "$(ccenv completion bash)"
for line in 'ccenv use ' 'ccenv use w' 'ccenv @' 'ccenv use $'; do
  read -ra COMP_WORDS <<< "$line"; [[ $line == *' ' ]] && COMP_WORDS+=('')
  COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); _ccenv_complete; echo "[\${COMPREPLY[*]}]"
done`;
    const out = await lines('bash', ['--norc', '--noprofile', '-c', script]);
    expect(out).toEqual(['[subscription work]', '[work]', '[@subscription @work]', '[]']);
    expect(existsSync(pwned)).toBe(false);
  });

  it.runIf(has('bash'))('bash never expands a name even when the list holds one', async () => {
    // a stand-in for ccenv that prints the names unfiltered, as an older ccenv did
    const fake = join(world.home, 'fake-ccenv');
    mkdirSync(fake);
    writeFileSync(join(fake, 'ccenv'), `#!/bin/sh\nif [ "$1 $2" = "completion --profiles" ]; then printf '%s\\n' work '$(touch ${pwned})' 'w\`touch ${pwned}\`'; exit 0; fi\nexec ${join(world.home, '.bin', 'ccenv')} "$@"\n`, { mode: 0o755 });
    const script = `eval "$(ccenv completion bash)"
PATH=${fake}:$PATH
for line in 'ccenv use ' 'ccenv @'; do
  read -ra COMP_WORDS <<< "$line"; COMP_WORDS+=('')
  COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); _ccenv_complete; echo "[\${COMPREPLY[*]}]"
done`;
    const out = await lines('bash', ['--norc', '--noprofile', '-c', script]);
    expect(out[0]).toContain('work');
    expect(existsSync(pwned)).toBe(false);
  });
});
