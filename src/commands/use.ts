import type { Command } from 'commander';
import type { Context } from '../context.js';
import { CcenvError, usageError } from '../errors.js';
import { isBuiltin, requireProfile } from '../profiles/lookup.js';
import { readConfig, updateConfig } from '../profiles/store.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('use')
    .argument('[name]', 'the profile')
    .description('choose a profile: for this shell (needs the hook), --local for this directory, --global as the default')
    .option('--global', 'make it the default for every launch without a closer choice')
    .option('--local', 'write ./.ccprofile naming it, and allow that file')
    .option('--unset', 'drop the choice (with --global: the default)')
    .addHelpText(
      'after',
      `
Examples:
  cc use work-bedrock          # this shell only (the cc function from: eval "$(ccenv hook bash)")
  cc use --unset
  ccenv use --local work-api   # this directory and below
  ccenv use --global max       # the default everywhere`,
    )
    .action((name: string | undefined, options: UseOptions) => use(ctx, name, options));
}

export interface UseOptions {
  global?: boolean;
  local?: boolean;
  unset?: boolean;
}

export async function use(ctx: Context, name: string | undefined, options: UseOptions): Promise<void> {
  if (options.global) return useGlobal(ctx, name, options);
  throw new CcenvError('use without --global changes the current shell, which needs the shell hook', {
    hint: 'add eval "$(ccenv hook bash)" to ~/.bashrc (zsh: ~/.zshrc; fish: ccenv hook fish | source), then: cc use NAME',
  });
}

async function useGlobal(ctx: Context, name: string | undefined, options: UseOptions): Promise<void> {
  if (options.unset) {
    if (name !== undefined) throw usageError('use --global --unset takes no name');
    await updateConfig(ctx.env, (config) => {
      delete config.default;
    });
    ctx.io.err('ccenv: no default profile; launches use the built-in subscription profile\n');
    return;
  }
  if (name === undefined) throw usageError('use --global needs a profile name');
  const config = await readConfig(ctx.env);
  requireProfile(config, name);
  await updateConfig(ctx.env, (current) => {
    requireProfile(current, name);
    current.default = name;
  });
  ctx.io.err(`ccenv: default profile is now ${name}${isBuiltin(config, name) ? ' (built in)' : ''}\n`);
}
