import type { Command } from 'commander';
import type { Context } from '../context.js';
import { launchVerb } from '../launch/run.js';

// Run by src/cli.ts without commander, for speed; this gives its help.
export function register(program: Command, ctx: Context): void {
  program
    .command('exec')
    .argument('[@NAME]', 'the profile (default: the one a launch here would use)')
    .argument('[command...]', 'the command and its arguments, after --')
    .description("run any command with a profile's environment (secrets as ordinary variables)")
    .allowUnknownOption()
    .addHelpText(
      'after',
      `
The command gets the environment a launch would build, with the secret in its usual
variable (ANTHROPIC_API_KEY, CLAUDE_CODE_OAUTH_TOKEN, ANTHROPIC_AUTH_TOKEN,
AWS_SECRET_ACCESS_KEY, ...), since other programs read no descriptor. Exit status and
signals are the command's.

Examples:
  ccenv exec @work-bedrock -- aws sts get-caller-identity
  ccenv exec @work-api -- ./scripts/eval.sh --fast
  ccenv exec -- env                       (the profile a launch here would use)`,
    )
    .action(async (_at: unknown, _args: unknown, command: Command) => {
      ctx.exitCode = (await launchVerb(ctx, ['exec', ...command.args])) ?? 0;
    });
}
