import type { Command } from 'commander';
import type { Context } from '../context.js';
import { CcenvError } from '../errors.js';

// Placeholder until this verb is built; it keeps the verb reserved and documented.
export function register(program: Command, _ctx: Context): void {
  program
    .command('run')
    .description('launch claude with a profile (the spelled-out form of: ccenv [@NAME] ARGS)')
    .allowUnknownOption()
    .argument('[args...]')
    .action(() => {
      throw new CcenvError('ccenv run is not available in this version yet');
    });
}
