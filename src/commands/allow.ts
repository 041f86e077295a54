import { dirname } from 'node:path';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { CcenvError } from '../errors.js';
import { ccprofileArgument, displayCcprofile, displayPath, linkTarget, parseCcprofile, readCcprofile } from '../profiles/directory.js';
import { didYouMeanProfile, findProfile } from '../profiles/lookup.js';
import { readConfig } from '../profiles/store.js';
import { allowFile } from '../trust/records.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('allow')
    .argument('[path]', 'a .ccprofile or the directory holding one (default: the nearest)')
    .description("trust a directory's .ccprofile, as it is now (an edit or a move needs a new allow)")
    .addHelpText(
      'after',
      `
Examples:
  ccenv allow                  # the nearest .ccprofile, here or above
  ccenv allow ~/work/api       # the .ccprofile in that directory
  ccenv allow ./.ccprofile`,
    )
    .action((path: string | undefined) => allow(ctx, path));
}

export async function allow(ctx: Context, argument: string | undefined): Promise<void> {
  const path = ccprofileArgument(ctx.env, ctx.cwd, argument);
  const file = readCcprofile(ctx.env, path);
  const shown = displayCcprofile(ctx.env, path);
  const parsed = parseCcprofile(file.content);
  // A link may lead to any file of the user's (a token, a key): what it holds is never shown.
  const link = linkTarget(ctx.env, path) !== undefined;
  if (!parsed.ok) {
    throw new CcenvError(`${shown} ${link ? 'does not hold one profile name' : parsed.problem}; not allowed`, {
      hint: `it must hold one profile name; rewrite it with: ccenv use --local NAME (in ${displayPath(ctx.env, dirname(path))})`,
    });
  }
  allowFile(ctx.env, file);
  const config = await readConfig(ctx.env);
  const known = findProfile(config, parsed.name);
  ctx.io.err(`ccenv: allowed ${shown}${link && !known ? '' : ` (${parsed.name})`}\n`);
  if (link && !known) {
    ctx.io.err('ccenv: it names no profile you have (what its target holds is not shown)\n');
  } else if (!known) {
    const mean = didYouMeanProfile(config, parsed.name);
    ctx.io.err(`ccenv: ${parsed.name} is not a profile yet; ${mean ? `${mean} (ccenv use --local NAME rewrites the file) or ` : ''}add it: ccenv add ${parsed.name} --kind KIND\n`);
  }
}
