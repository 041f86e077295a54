import type { Command } from 'commander';
import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import { requireProfile } from '../profiles/lookup.js';
import { readConfig } from '../profiles/store.js';

const EXAMPLES = `
Examples:
  ccenv sync                 # every --own-login profile
  ccenv sync work-max

A launch does the same for its own profile; sync is for doing it now (after adding an MCP
server to your main ~/.claude.json, or to check that nothing stands in the way).`;

export function register(program: Command, ctx: Context): void {
  program
    .command('sync')
    .argument('[names...]', 'own-login profiles (default: all)')
    .description("link each own-login profile's directory to your main Claude setup and merge the main user MCP servers into it, now")
    .addHelpText('after', EXAMPLES)
    .action((names: string[]) => sync(ctx, names));
}

export async function sync(ctx: Context, names: string[]): Promise<void> {
  const config = await readConfig(ctx.env);
  const chosen = names.length > 0 ? names.map((n) => [n, requireProfile(config, n)] as const) : Object.entries(config.profiles).filter(([, p]) => p.ownLogin);
  for (const [name, profile] of chosen) {
    if (!profile.ownLogin) throw usageError(`profile ${name} has no directory of its own to sync`, `only --own-login profiles: ccenv add NAME --kind subscription --own-login`);
  }
  if (chosen.length === 0) {
    ctx.io.err('ccenv: no --own-login profile to sync\n');
    return;
  }
  const { prepareAccount } = await import('../accounts/prepare.js');
  for (const [name, profile] of chosen) {
    const notes = await prepareAccount(ctx.env, name, profile, { force: true });
    if (notes.length > 0) ctx.exitCode = 1;
    ctx.io.err(notes.length > 0 ? notes.map((n) => `ccenv: ${n}\n`).join('') : `ccenv: ${name}: in step with your main Claude setup\n`);
  }
}
