import type { Command } from 'commander';
import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import { ENV_FORMATS, type EnvFormat, formatPlan, insteadOfEval, notForEval } from '../launch/format.js';
import { confirmInsideSession } from '../launch/inside-session.js';
import { preparePlan, takeAtName } from '../launch/run.js';
import { noteRevealed } from '../profiles/secret-input.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('env')
    .argument('[@NAME]', 'the profile (default: the one a launch here would use)')
    .description('print what a launch would set and unset; secrets masked unless --reveal')
    .option('--format <format>', `sh, fish, json or dotenv (default: sh)`)
    .option('--json', 'the same as --format json')
    .option('--reveal', 'print secrets instead of masks')
    .addHelpText(
      'after',
      `
API keys and subscription tokens reach claude on descriptor 3, never in its environment,
and gateway tokens too where the gateway URL is https or local; AWS keys, Bedrock API keys
and Foundry keys travel in the environment, as Claude Code takes them no other way.
It describes a launch; where a secret travels on a descriptor or is masked, it is not for
eval (evaluated, it sets nothing and fails): run ccenv @NAME, cc, or ccenv exec @NAME -- CMD.

Examples:
  ccenv env                      what a launch here would do
  ccenv env @work-bedrock --format fish
  ccenv env @work-api --json | jq .unset`,
    )
    .action((at: string | undefined, options: { format?: string; json?: boolean; reveal?: boolean }) => env(ctx, at, options));
}

export async function env(ctx: Context, at: string | undefined, options: { format?: string; json?: boolean; reveal?: boolean }): Promise<void> {
  const format = options.json ? 'json' : (options.format ?? 'sh');
  if (!(ENV_FORMATS as readonly string[]).includes(format)) throw usageError(`unknown format ${format}`, `use one of: ${ENV_FORMATS.join(', ')}`);
  if (at !== undefined && !at.startsWith('@')) throw usageError(`expected @NAME, got ${at}`, `ccenv env @${at}`);
  const { atName } = takeAtName(at === undefined ? [] : [at]);
  if (options.reveal) {
    const of = atName ? `profile ${atName}` : 'the profile a launch here would use';
    confirmInsideSession(ctx.env, { wants: `to print the secrets of ${of}`, doing: `printing the secrets of ${of}` });
  }
  const { plan } = await preparePlan(ctx, { ...(atName !== undefined ? { atName } : {}), mode: 'claude', args: [] }, { claudeOptional: true, noWrapper: true });
  ctx.io.out(formatPlan(plan, format as EnvFormat, Boolean(options.reveal)));
  const why = format === 'sh' || format === 'fish' ? notForEval(plan, Boolean(options.reveal)) : undefined;
  if (why) ctx.io.err(`ccenv: not for eval: ${why}; ${insteadOfEval(plan.profile)}\n`);
  if (options.reveal && (plan.descriptors.length > 0 || plan.secretVariables.length > 0)) noteRevealed(ctx, plan.profile);
}
