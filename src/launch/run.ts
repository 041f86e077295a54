import type { Context } from '../context.js';
import { CcenvError } from '../errors.js';

/** Launches claude for `ccenv [@NAME] ARGS`. */
export async function launchFromCommandLine(_ctx: Context, _argv: string[]): Promise<number> {
  throw new CcenvError('launching claude is not available in this version yet');
}
