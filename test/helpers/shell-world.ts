/**
 * A temporary HOME laid out for the shell-hook tests, with profiles, .ccprofile files and a
 * `ccenv` on PATH that runs the built CLI; and a way to feed a script to a real shell as if
 * typed at its prompts, in an environment scrubbed of everything else.
 */
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { allowFile, readTrustedFile } from '../../src/trust/records.js';
import { CCENV } from './cli.js';
import { removeScratch, scratchDir } from './scratch.js';

export type ShellName = 'bash' | 'zsh' | 'fish';

/** A directory name that would run something if a hook ever evaluated it. */
export const HOSTILE_DIR = 'a;$(touch pwned-by-dirname)`touch pwned-by-backtick`';

export interface World {
  home: string;
  env: Record<string, string>;
  /** Files that hostile content would create if it were ever run. */
  pwnedFiles: string[];
  cleanup(): void;
}

export function shellWorld(): World {
  const home = scratchDir('ccenv-shell');
  const bin = join(home, '.bin');
  mkdirSync(bin);
  symlinkSync(CCENV, join(bin, 'ccenv'));
  const env: Record<string, string> = {
    HOME: home,
    PATH: `${bin}:${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    LANG: 'C.UTF-8',
    TERM: 'dumb',
  };
  mkdirSync(join(home, '.config', 'ccenv'), { recursive: true });
  writeFileSync(
    join(home, '.config', 'ccenv', 'config.json'),
    JSON.stringify({ version: 1, profiles: { work: { kind: 'api-key' }, home: { kind: 'subscription' } } }),
  );
  const file = (rel: string, text: string, allowed: boolean) => {
    mkdirSync(join(home, dirname(rel)), { recursive: true });
    writeFileSync(join(home, rel), text);
    if (allowed) allowFile(env, readTrustedFile(join(home, rel)));
  };
  file('work/.ccprofile', '# the team profile\nwork\n', true);
  file('work/api/.ccprofile', 'home\n', true);
  mkdirSync(join(home, 'work', 'api', 'src'), { recursive: true });
  mkdirSync(join(home, 'work', 'deep', 'er'), { recursive: true });
  file('untrusted/.ccprofile', 'work\n', false);
  mkdirSync(join(home, 'untrusted', 'sub'));
  mkdirSync(join(home, 'plain'));
  const pwned = join(home, 'pwned');
  file('hostile/.ccprofile', `$(touch ${pwned})\n\`touch ${pwned}\`;touch ${pwned}\n`, false);
  // allowed here as if by an older ccenv: even so it must be rejected, never run
  file('hostile2/.ccprofile', `\`touch ${pwned}\`;$(touch ${pwned})\n`, true);
  file(`${HOSTILE_DIR}/.ccprofile`, 'work\n', true);
  return {
    home,
    env,
    pwnedFiles: [pwned, join(home, HOSTILE_DIR, 'pwned-by-dirname'), join(home, 'pwned-by-dirname'), join(home, 'pwned-by-backtick')],
    cleanup: () => removeScratch(home),
  };
}

/**
 * Runs `lines` in an interactive bash or zsh, one prompt per line (fish: a script run by an
 * interactive fish, its PWD handler runs on cd): the hook defines cc in interactive shells only. stdout carries what the script echoes; stderr the prompts and ccenv's words.
 */
export async function runShell(
  world: World,
  shell: ShellName,
  lines: string[],
  options: { wrap?: (argv: string[]) => string[]; timeout?: number; env?: Record<string, string> } = {},
) {
  const script = `${lines.join('\n')}\nexit\n`;
  // fish cannot read a script from a socket, which is what node gives as a pipe: a file, then.
  const file = join(world.home, '.script.fish');
  if (shell === 'fish') writeFileSync(file, script);
  const argv =
    shell === 'bash' ? ['bash', '--norc', '--noprofile', '-i'] : shell === 'zsh' ? ['zsh', '-f', '-i'] : ['fish', '--no-config', '-i', file];
  const [command, ...args] = options.wrap ? options.wrap(argv) : argv;
  const result = await execa(command!, args, {
    cwd: world.home,
    env: { ...world.env, SHELL: `/bin/${shell}`, ...(shell === 'fish' ? {} : { PS1: '$ ' }), ...options.env },
    extendEnv: false,
    input: shell === 'fish' ? '' : script,
    stripFinalNewline: false,
    reject: false,
    timeout: options.timeout ?? 80_000,
  });
  return { stdout: String(result.stdout), stderr: String(result.stderr), exitCode: result.exitCode, timedOut: result.timedOut };
}

/** A stand-in C compiler named cc, first on the world's PATH: it prints `compiler ARGS`. */
export function fakeCompiler(world: World): void {
  const cc = join(world.home, '.bin', 'cc');
  writeFileSync(cc, '#!/bin/sh\necho "compiler $*"\n');
  chmodSync(cc, 0o755);
}

/** How a test's script line prints the two variables, in each shell's syntax. */
export function showLine(shell: ShellName): string {
  return shell === 'fish'
    ? 'echo "dir=$CCENV_DIR_PROFILE shell=$CCENV_PROFILE"'
    : 'echo "dir=${CCENV_DIR_PROFILE-} shell=${CCENV_PROFILE-}"';
}

export function hookLine(shell: ShellName, extra = ''): string {
  return shell === 'fish' ? `ccenv hook fish${extra} | source` : `eval "$(ccenv hook ${shell}${extra})"`;
}

export function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
