import type { Command } from 'commander';
import type { Context } from '../context.js';
import { CcenvError } from '../errors.js';

// Placeholder until this verb is built; it keeps the verb reserved and documented.
export function register(program: Command, _ctx: Context): void {
  program
    .command('status')
    .alias('current')
    .description('which profile a launch here would use, and why')
    .allowUnknownOption()
    .argument('[args...]')
    .action(() => {
      throw new CcenvError('ccenv status is not available in this version yet');
    });
}
