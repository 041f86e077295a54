import { Option, type Command } from 'commander';
import type { Context } from '../context.js';
import { CcenvError } from '../errors.js';
import { hookSource, shellByName, shellNames } from '../shells/index.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('hook')
    .argument('<shell>', shellNames().join(', '))
    .description('print the shell integration (bash, zsh, fish): the cc function and the directory hook')
    .option('--name <function>', 'name the function something other than cc', 'cc')
    .addOption(new Option('--scope <file>', 'internal: what the hook sets on entering the scope of a .ccprofile').hideHelp())
    .addHelpText(
      'after',
      `
Examples:
  eval "$(ccenv hook bash)"            # in ~/.bashrc
  eval "$(ccenv hook zsh --name ccx)"  # in ~/.zshrc, the function named ccx
  ccenv hook fish | source             # in ~/.config/fish/config.fish

In a directory whose nearest .ccprofile is allowed, the hook exports CCENV_DIR_PROFILE and
says so once on stderr (CCENV_QUIET=1 silences that line). Prompts cost no process.`,
    )
    .action((shell: string, options: HookOptions) => hook(ctx, shell, options));
}

export interface HookOptions {
  name?: string;
  scope?: string;
}

export async function hook(ctx: Context, shellName: string, options: HookOptions): Promise<void> {
  const shell = shellByName(shellName);
  if (options.scope !== undefined) return scope(ctx, shellName, options.scope);
  ctx.io.out(hookSource(shell, options.name ?? 'cc'));
}

/**
 * The hook's one process on entering a new scope: shell code on stdout that sets or unsets
 * CCENV_DIR_PROFILE, one line for the person on stderr. A file that is not allowed, is
 * malformed or names a missing profile unsets the variable and says why, with the fix.
 */
async function scope(ctx: Context, shellName: string, file: string): Promise<void> {
  const shell = shellByName(shellName);
  const variable = 'CCENV_DIR_PROFILE';
  if (file === '') {
    ctx.io.out(`${shell.unsetVariable(variable)}\n`);
    return;
  }
  const { displayPath, resolveCcprofile } = await import('../profiles/directory.js');
  try {
    const choice = await resolveCcprofile(ctx.env, file);
    ctx.io.out(`${shell.exportVariable(variable, choice.name)}\n`);
    if (ctx.env.CCENV_QUIET === '1') return;
    const chosen = ctx.env.CCENV_PROFILE;
    const note = chosen && chosen !== choice.name ? `, but this shell uses ${chosen} (use --unset to follow the directory)` : '';
    ctx.io.err(`ccenv: ${choice.name} (from ${displayPath(ctx.env, file)})${note}\n`);
  } catch (error) {
    if (!(error instanceof CcenvError)) throw error;
    ctx.io.out(`${shell.unsetVariable(variable)}\n`);
    ctx.io.err(`ccenv: ${error.message}\n${error.hint ? `ccenv: ${error.hint}\n` : ''}`);
  }
}
