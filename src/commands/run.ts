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
Everything after the profile goes to claude unchanged; "--" ends ccenv's words. ccenv's
own launch options go before or right after @NAME: --no-fallback launches the profile
even while it is known to fail (CCENV_NO_FALLBACK=1 too); --check asks its endpoint first
(then its fallbacks', in order), within 1.5 s, reading secrets not counted. See: ccenv edit NAME --fallback OTHER.
The launch removes every credential and provider variable from the environment, sets the
profile's own, hands API keys and tokens to claude on descriptor 3, and overrides settings
files whose env block would change the credential (one line on stderr says so).

Examples:
  ccenv run @work-api -p "fix the tests"
  ccenv run -- --resume
  ccenv run --check @max -p "fix the tests"
  ccenv @max --no-fallback          (max itself, even while it is limited)
  ccenv @max2 mcp list          (the short form)`,
    )
    .action(async (_at: unknown, _args: unknown, command: Command) => {
      ctx.exitCode = (await launchVerb(ctx, ['run', ...command.args])) ?? 0;
    });
}
