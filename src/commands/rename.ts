import type { Command } from 'commander';
import { dirname } from 'node:path';
import type { Context } from '../context.js';
import { CcenvError, usageError } from '../errors.js';
import { allowedCcprofilesNaming, shellWordForPath } from '../profiles/directory.js';
import { requireStoredProfile } from '../profiles/lookup.js';
import { renameInChains } from '../profiles/fallback.js';
import { moveHealth } from '../health/state.js';
import { BUILTIN_PROFILE, checkProfileName } from '../profiles/names.js';
import { readConfig, updateConfig } from '../profiles/store.js';
import { secretElsewhere } from '../secrets/store.js';
import { checkpoint, noticeOrphans } from '../secrets/transactions.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('rename')
    .argument('<old>', 'the profile')
    .argument('<new>', 'its new name')
    .description('rename a profile; its secret follows')
    .addHelpText('after', '\nExample:\n  ccenv rename work work-api')
    .action((from: string, to: string) => rename(ctx, from, to));
}

export async function rename(ctx: Context, from: string, to: string): Promise<void> {
  checkProfileName(to);
  const config = await readConfig(ctx.env);
  const profile = requireStoredProfile(config, from, 'renamed');
  if (from === to) throw usageError('the old and new names are the same');
  const store = await ctx.secrets(config);
  let copied = false;
  let chains: string[] = [];
  try {
    await updateConfig(ctx.env, async (current) => {
      requireStoredProfile(current, from, 'renamed');
      if (Object.hasOwn(current.profiles, to) || to === BUILTIN_PROFILE) {
        throw usageError(`a profile named ${to} already exists`);
      }
      if (profile.hasSecret) {
        const secret = await store.get(from);
        if (secret === undefined) {
          throw secretElsewhere(from, profile, store) ?? new CcenvError(`the secret of ${from} is missing from the ${store.description}`, {
            hint: `store it again first: printf %s "$SECRET" | ccenv edit ${from} --secret-stdin`,
          });
        }
        // Never over a secret no profile holds (left by an interrupted command): that is its only copy.
        if ((await store.get(to)) !== undefined) {
          throw new CcenvError(`the ${store.description} already holds a secret under ${to}, which no profile holds`, {
            hint: `re-attach it (ccenv add ${to} --kind KIND ...) or delete it (ccenv remove ${to} --yes) first`,
          });
        }
        await store.set(to, secret);
        copied = true;
        await checkpoint(ctx, 'secret-copied');
      }
      current.profiles[to] = current.profiles[from]!;
      delete current.profiles[from];
      if (current.default === from) current.default = to;
      chains = renameInChains(current, from, to);
    });
  } catch (error) {
    if (copied) await store.remove(to).catch(() => undefined);
    throw error;
  }
  // Only now is the old secret unused (see transactions.ts for the order).
  if (copied) {
    await checkpoint(ctx, 'config-written');
    await store.remove(from);
    await noticeOrphans(ctx, store);
  }
  ctx.io.err(`ccenv: renamed ${from} to ${to}${chains.length > 0 ? `, also in the fallbacks of ${chains.join(', ')}` : ''}\n`);
  moveHealth(ctx.env, from, to);
  const files = allowedCcprofilesNaming(ctx.env, from);
  if (files.length === 0) return;
  ctx.io.err(`ccenv: ${files.length === 1 ? 'an allowed .ccprofile file names' : `${files.length} allowed .ccprofile files name`} ${from}, which no longer exists; point each at ${to} (this also allows it again):\n`);
  for (const file of files) ctx.io.err(`  (cd ${shellWordForPath(ctx.env, dirname(file))} && ccenv use --local ${to})\n`);
}

