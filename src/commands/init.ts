import type { Command } from 'commander';
import type { Context } from '../context.js';

const EXAMPLES = `
Examples:
  ccenv init                          # on a terminal: asks before each profile and each file
  ccenv init --yes                    # create every profile it proposes (settings files untouched)
  ccenv init --yes --remove-from-settings   # and take the imported variables out of settings env blocks
  ccenv init --json                   # what it would do, as JSON (creates nothing without --yes)

It finds credential and provider variables in this shell, in Claude Code settings env
blocks and in the keys your shell start-up files write out, and your claude login; each
becomes a profile, its secret moved into the keychain. Running it again creates no
duplicates. It never edits shell start-up files: it lists the lines to delete, each only once
a profile holds its own value. Settings files change only on a yes (or --remove-from-settings),
after a backup in $XDG_DATA_HOME/ccenv/backups (~/.local/share/ccenv/backups by default;
%LOCALAPPDATA%\\ccenv\\backups on Windows), never beside the file, since a project's settings
are in its repository; a model variable stays in them.`;

export function register(program: Command, ctx: Context): void {
  program
    .command('init')
    .description('first-run setup: turn the credentials configured today into profiles')
    .option('-y, --yes', 'create the proposed profiles without asking')
    .option('--remove-from-settings', 'remove imported variables from settings env blocks (backed up first)')
    .option('--json', 'print what was found and done as JSON')
    .addHelpText('after', EXAMPLES)
    .action((options: { yes?: boolean; json?: boolean; removeFromSettings?: boolean }) => init(ctx, options));
}

export async function init(ctx: Context, options: { yes?: boolean; json?: boolean; removeFromSettings?: boolean }): Promise<void> {
  const { runInit } = await import('../init/run.js');
  await runInit(ctx, options);
}
