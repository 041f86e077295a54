import type { Command } from 'commander';
import type { Context } from '../context.js';
import { launchVerb } from '../launch/run.js';

// `ccenv run` and `ccenv exec` are run by src/cli.ts without commander; this gives their help.
export function register(program: Command, ctx: Context): void {
  program
    .command('run')
    .argument('[@NAME]', 'the profile for this launch (default: see ccenv --help)')
    .argument('[args...]', "claude's arguments, unchanged")
    .description('launch claude with a profile (the spelled-out form of: ccenv [@NAME] ARGS)')
    .allowUnknownOption()
    .addHelpText(
      'after',
      `
Everything after the profile goes to claude unchanged; "--" ends ccenv's words.
The launch removes every credential and provider variable from the environment, sets the
profile's own, hands API keys and tokens to claude on descriptor 3, and overrides settings
files whose env block would change the credential (one line on stderr says so).

Examples:
  ccenv run @work-api -p "fix the tests"
  ccenv run -- --resume
  ccenv @max2 mcp list          (the short form)`,
    )
    .action(async (_at: unknown, _args: unknown, command: Command) => {
      ctx.exitCode = (await launchVerb(ctx, ['run', ...command.args])) ?? 0;
    });
}
