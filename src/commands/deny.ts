import type { Command } from 'commander';
import type { Context } from '../context.js';
import { ccprofileArgument, displayPath, readCcprofile, shellWordForPath } from '../profiles/directory.js';
import { denyFile } from '../trust/records.js';

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

export async function deny(ctx: Context, argument: string | undefined): Promise<void> {
  const path = ccprofileArgument(ctx.env, ctx.cwd, argument);
  denyFile(ctx.env, readCcprofile(ctx.env, path));
  ctx.io.err(`ccenv: denied ${displayPath(ctx.env, path)}; to trust it later: ccenv allow ${shellWordForPath(ctx.env, path)}\n`);
}
