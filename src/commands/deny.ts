import type { Command } from 'commander';
import type { Context } from '../context.js';
import { ccprofileArgument, displayCcprofile, readCcprofile, shellWordForPath } from '../profiles/directory.js';
import { UnreadableFileError } from '../fs/bounded.js';
import { denyFile, readTrustedFile, trustLocation } from '../trust/records.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('deny')
    .argument('[path]', 'a .ccprofile or the directory holding one (default: the nearest)')
    .description("block a directory's .ccprofile, whatever it says now or later (until an allow)")
    .addHelpText(
      'after',
      `
Examples:
  ccenv deny                   # the nearest .ccprofile, here or above
  ccenv deny ~/src/untrusted   # the .ccprofile in that directory

A denied file is as if absent (as direnv treats a denied .envrc): a launch there uses
the default, or the built-in profile, and says so once; a .ccprofile further up is not
consulted. Choose one explicitly with: ccenv @NAME, or cc use NAME.`,
    )
    .action((path: string | undefined) => deny(ctx, path));
}

/**
 * A deny is about the path: a file that cannot be read (a FIFO, a device, too large) can still
 * be denied. A .ccprofile that is a link is denied as the link, never as its target.
 */
function readForDeny(ctx: Context, path: string): { location: string; content?: Buffer } {
  try {
    return readTrustedFile(path);
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) return readCcprofile(ctx.env, path);
    return { location: trustLocation(path) };
  }
}

export async function deny(ctx: Context, argument: string | undefined): Promise<void> {
  const path = ccprofileArgument(ctx.env, ctx.cwd, argument);
  denyFile(ctx.env, readForDeny(ctx, path));
  ctx.io.err(`ccenv: denied ${displayCcprofile(ctx.env, path)}; to trust it later: ccenv allow ${shellWordForPath(ctx.env, path)}\n`);
}
