import type { Command } from 'commander';
import type { Context } from '../context.js';
import { CcenvError } from '../errors.js';

// Placeholder until this verb is built; it keeps the verb reserved and documented.
export function register(program: Command, _ctx: Context): void {
  program
    .command('statusline')
    .description("print the active profile for Claude Code's status line")
    .allowUnknownOption()
    .argument('[args...]')
    .action(() => {
      throw new CcenvError('ccenv statusline is not available in this version yet');
    });
}
