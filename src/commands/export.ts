import type { Command } from 'commander';
import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import { exportDefinitions } from '../profiles/definitions.js';
import { requireStoredProfile } from '../profiles/lookup.js';
import { readConfig } from '../profiles/store.js';
import type { Profile } from '../profiles/types.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('export')
    .argument('[names...]', 'the profiles to export')
    .description('print profile definitions to share with a team: no secrets (a secret source such as op://... is kept)')
    .option('--all', 'every profile')
    .option('--json', 'JSON (the only format; accepted for scripts)')
    .addHelpText(
      'after',
      `
The output is a definitions file (format "ccenv-profiles", version 1; see docs/definitions.md)
that ccenv import FILE applies after showing each change and asking.

Examples:
  ccenv export work-bedrock team-api > ccenv.json
  ccenv export --all > ~/profiles.json`,
    )
    .action((names: string[], options: { all?: boolean }) => exportProfiles(ctx, names, options));
}

export async function exportProfiles(ctx: Context, names: string[], options: { all?: boolean }): Promise<void> {
  const config = await readConfig(ctx.env);
  if (names.length === 0 && !options.all) throw usageError('export needs profile names, or --all', 'ccenv export NAME... > ccenv.json');
  const chosen: [string, Profile][] = options.all && names.length === 0 ? Object.entries(config.profiles) : [...new Set(names)].map((name) => [name, requireStoredProfile(config, name, 'exported')]);
  ctx.io.out(exportDefinitions(chosen));
}
