import type { Context } from '../context.js';
import { CcenvError } from '../errors.js';
import { FUNCTION_NAME_RE, shellByName } from './index.js';

/**
 * The hook's one process on entering a new scope: shell code on stdout that sets or unsets
 * CCENV_DIR_PROFILE, one line for the person on stderr. A file that is not allowed, is
 * malformed or names a missing profile unsets the variable and says why, with the fix.
 */
export async function enterScope(ctx: Context, shellName: string, file: string, functionName = 'cc'): Promise<void> {
  const shell = shellByName(shellName);
  const variable = 'CCENV_DIR_PROFILE';
  if (file === '') {
    ctx.io.out(`${shell.unsetVariable(variable)}\n`);
    return;
  }
  const { displayPath, linkTarget, resolveCcprofile } = await import('../profiles/directory.js');
  try {
    const choice = await resolveCcprofile(ctx.env, file);
    if ('denied' in choice) {
      ctx.io.out(`${shell.unsetVariable(variable)}\n`);
      ctx.io.err(`ccenv: ${choice.note}\n`);
      return;
    }
    ctx.io.out(`${shell.exportVariable(variable, choice.name)}\n`);
    if (ctx.env.CCENV_QUIET === '1') return;
    const chosen = ctx.env.CCENV_PROFILE;
    const note = chosen && chosen !== choice.name ? `, but this shell uses ${chosen} (use --unset to follow the directory)` : '';
    const target = linkTarget(ctx.env, file);
    ctx.io.err(`ccenv: ${choice.name} (from ${displayPath(ctx.env, file)}${target === undefined ? '' : `, a link to ${target}`})${note}\n`);
  } catch (error) {
    if (!(error instanceof CcenvError)) throw error;
    ctx.io.out(`${shell.unsetVariable(variable)}\n`);
    // in the shell, `cc allow` also refreshes it at once
    const hint = error.hint?.replace(/\bccenv (allow|deny) /g, `${FUNCTION_NAME_RE.test(functionName) ? functionName : 'cc'} $1 `);
    ctx.io.err(`ccenv: ${error.message}\n${hint ? `ccenv: ${hint}\n` : ''}`);
  }
}
