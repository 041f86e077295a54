import type { Command } from 'commander';
import type { Context } from '../context.js';
import { CcenvError } from '../errors.js';
import { requireStoredProfile } from '../profiles/lookup.js';
import { readConfig, updateConfig } from '../profiles/store.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('remove')
    .alias('rm')
    .argument('<name>', 'the profile')
    .description('remove a profile and its secret')
    .option('-y, --yes', 'do not ask (for scripts)')
    .addHelpText('after', '\nExamples:\n  ccenv remove old-key\n  ccenv remove old-key --yes')
    .action((name: string, options: { yes?: boolean }) => remove(ctx, name, options));
}

export async function remove(ctx: Context, name: string, options: { yes?: boolean }): Promise<void> {
  const config = await readConfig(ctx.env);
  const profile = requireStoredProfile(config, name, 'removed');
  if (!options.yes) {
    if (!ctx.interactive) throw new CcenvError(`remove ${name}: confirm with --yes`, { exitCode: 2 });
    const { askConfirm } = await import('../prompt.js');
    if (!(await askConfirm(`Remove profile ${name} and its secret?`))) throw new CcenvError('nothing removed', { exitCode: 1 });
  }
  const store = await ctx.secrets(config);
  let secret: string | undefined;
  await updateConfig(ctx.env, async (current) => {
    requireStoredProfile(current, name, 'removed');
    delete current.profiles[name];
    if (current.default === name) delete current.default;
    // The secret goes first; if the config then cannot be written, it is put back.
    if (profile.hasSecret) {
      secret = await store.get(name);
      await store.remove(name);
    }
  }).catch(async (error: unknown) => {
    if (secret !== undefined) await store.set(name, secret).catch(() => undefined);
    throw error;
  });
  ctx.io.err(`ccenv: removed ${name}${profile.hasSecret ? ` and its secret from the ${store.description}` : ''}\n`);
}
