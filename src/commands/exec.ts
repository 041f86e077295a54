import type { Command } from 'commander';
import type { Context } from '../context.js';
import { CcenvError } from '../errors.js';

// Placeholder until this verb is built; it keeps the verb reserved and documented.
export function register(program: Command, _ctx: Context): void {
  program
    .command('exec')
    .description("run any command with a profile's environment")
    .allowUnknownOption()
    .argument('[args...]')
    .action(() => {
      throw new CcenvError('ccenv exec is not available in this version yet');
    });
}
