import { Option, type Command } from 'commander';
import type { Context } from '../context.js';
import { join } from 'node:path';
import { usageError } from '../errors.js';
import { bash } from '../shells/bash.js';
import { hookSource, shellByName, shellNames, shellSourceDir } from '../shells/index.js';
import { shellWord } from '../shells/sh-word.js';
import { enterScope } from '../shells/scope.js';
import { watchCode } from '../shells/watch.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('hook')
    .argument('<shell>', shellNames().join(', '))
    .description('print the shell integration (bash, zsh, fish): the cc function and the directory hook')
    .option('--name <function>', 'name the function something other than cc', 'cc')
    .option('--path', 'print the path of the static hook file, to source from your rc file: no ccenv process at shell start-up')
    .addOption(new Option('--scope <file>', 'internal: what the hook sets on entering the scope of a .ccprofile').hideHelp())
    .addOption(new Option('--shell-pid <pid>', 'internal: with --scope, the shell whose stamp to touch before reading').hideHelp())
    .addHelpText(
      'after',
      () => `
Examples:
  ccenv hook bash --path               # prints the hook file's path, say ${hookFileExample()}
  source ${hookFileExample()}   # that path, in ~/.bashrc: the fastest start-up (zsh: ccenv.zsh, after compinit)
  eval "$(ccenv hook bash)"            # in ~/.bashrc: the same, one ccenv process per new shell
  eval "$(ccenv hook zsh --name ccx)"  # in ~/.zshrc, the function named ccx
  ccenv hook fish | source             # in ~/.config/fish/config.fish

In a directory whose nearest .ccprofile is allowed, the hook exports CCENV_DIR_PROFILE and
says so once on stderr (CCENV_QUIET=1 silences that line). Prompts cost no process.`,
    )
    .action((shell: string, options: HookOptions) => hook(ctx, shell, options));
}

/** The bash hook file's path, for the help's example (a placeholder if the package lacks it). */
function hookFileExample(): string {
  try {
    return shellWord(join(shellSourceDir(), bash.hookFile));
  } catch {
    return '/path/to/ccenv/shell/ccenv.bash';
  }
}

export interface HookOptions {
  name?: string;
  path?: boolean;
  scope?: string;
  shellPid?: string;
}

export async function hook(ctx: Context, shellName: string, options: HookOptions): Promise<void> {
  const shell = shellByName(shellName);
  if (options.scope !== undefined) {
    // the stamp first, the read after: an edit made later is newer than the stamp
    if (options.shellPid !== undefined) ctx.io.out(watchCode(ctx.env, shell, options.shellPid));
    return enterScope(ctx, shellName, options.scope, options.name);
  }
  if (options.path) {
    if ((options.name ?? 'cc') !== 'cc') throw usageError('the static hook file defines cc; for another name: eval "$(ccenv hook SHELL --name NAME)"');
    ctx.io.out(`${join(shellSourceDir(), shell.hookFile)}\n`);
    return;
  }
  ctx.io.out(hookSource(shell, options.name ?? 'cc'));
}
