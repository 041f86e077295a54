import type { Command } from 'commander';
import type { Context } from '../context.js';
import { CcenvError, usageError } from '../errors.js';
import { isBuiltin, requireStoredProfile } from '../profiles/lookup.js';
import { checkProfileName } from '../profiles/names.js';
import { dropFromChains, namingAsFallback } from '../profiles/fallback.js';
import { isInsideAccounts } from '../accounts/paths.js';
import { moveHealth } from '../health/state.js';
import { readConfig, updateConfig, type ConfigData } from '../profiles/store.js';
import { secretElsewhere } from '../secrets/store.js';
import { checkpoint, noticeOrphans } from '../secrets/transactions.js';
import { forTerminal } from '../terminal.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('remove')
    .alias('rm')
    .argument('[name]', 'the profile')
    .usage('[options] <name>')
    .description('remove a profile and its secret')
    .option('-y, --yes', 'do not ask (for scripts); an own-login profile loses its directory too')
    .option('--keep-dir', "an own-login profile: keep its directory (its login and history); adding the name again takes it back")
    .addHelpText('after', '\nExamples:\n  ccenv remove old-key\n  ccenv remove old-key --yes\n  ccenv remove work-max --keep-dir')
    .action(async (name: string | undefined, options: { yes?: boolean; keepDir?: boolean }) => {
      if (name === undefined) throw await needsName(ctx);
      return remove(ctx, name, options);
    });
}

/** `ccenv remove` with no name: what the profiles are, as `ccenv add` says what it needs. */
async function needsName(ctx: Context): Promise<CcenvError> {
  const names = Object.keys((await readConfig(ctx.env)).profiles).sort();
  const shown = names.length > 10 ? [...names.slice(0, 10), '...'] : names;
  const hint = names.length === 0 ? 'there is no profile to remove (see: ccenv list)' : `profiles: ${forTerminal(shown.join(', '))} (see: ccenv list)`;
  return usageError('remove needs a profile name', hint);
}

export async function remove(ctx: Context, name: string, options: { yes?: boolean; keepDir?: boolean }): Promise<void> {
  const config = await readConfig(ctx.env);
  if (!Object.hasOwn(config.profiles, name)) {
    await removeOrphanSecret(ctx, config, name, options);
    return;
  }
  const profile = requireStoredProfile(config, name, 'removed');
  const naming = namingAsFallback(config, name);
  const chains = naming.length === 0 ? '' : `; ${naming.join(', ')} ${naming.length === 1 ? 'names' : 'name'} it as a fallback, and will no longer fall back to it`;
  await confirm(ctx, options, `Remove profile ${name} and its secret${chains}?`, `remove ${name}${chains}`, accountDirNote(ctx, name, profile, options));
  const store = await ctx.secrets(config);
  // A secret kept in the other backend stays there, as a secret no profile holds: say where.
  const elsewhere = profile.hasSecret ? secretElsewhere(name, profile, store) : undefined;
  const hasSecret = profile.hasSecret === true && !elsewhere;
  // Reach the store before changing anything: a locked keychain stops the command here.
  if (hasSecret) await store.get(name);
  let dropped: string[] = [];
  // The config first, then the secret (see transactions.ts): cut in between, the secret
  // outlives its profile and doctor names it; never the other way round.
  await updateConfig(ctx.env, async (current) => {
    requireStoredProfile(current, name, 'removed');
    delete current.profiles[name];
    if (current.default === name) delete current.default;
    dropped = dropFromChains(current, name);
  });
  if (hasSecret) {
    await checkpoint(ctx, 'config-written');
    try {
      await store.remove(name);
    } catch (error) {
      throw new CcenvError(`removed profile ${name}, but not its secret: ${error instanceof Error ? error.message : String(error)}`, {
        hint: `delete it when the ${store.description} answers: ccenv remove ${name} --yes`,
      });
    }
  }
  ctx.io.err(`ccenv: removed ${name}${hasSecret ? ` and its secret from the ${store.description}` : ''}\n`);
  moveHealth(ctx.env, name);
  if (dropped.length > 0) ctx.io.err(`ccenv: taken out of the fallbacks of ${dropped.join(', ')}\n`);
  if (profile.ownLogin && profile.configDir) await removeAccountDir(ctx, name, profile.configDir, options);
  if (elsewhere) {
    ctx.io.err(`ccenv: its secret stays in the ${profile.secretBackend} backend; delete it there: CCENV_BACKEND=${profile.secretBackend} ccenv remove ${name} --yes\n`);
  }
  if (hasSecret) await noticeOrphans(ctx, store);
}

/** An own-login profile's directory: deleted with --yes or when the user says so, kept with --keep-dir. */
async function removeAccountDir(ctx: Context, name: string, dir: string, options: { yes?: boolean; keepDir?: boolean }): Promise<void> {
  let drop = !options.keepDir && options.yes === true;
  if (!options.keepDir && !options.yes && ctx.interactive) {
    const { askConfirm } = await import('../prompt.js');
    drop = await askConfirm(`Delete ${dir}, the login and history of ${name}? (your main Claude setup stays)`);
  }
  if (!drop) {
    ctx.io.err(`ccenv: kept ${dir}; ccenv add ${name} --kind subscription --own-login takes it back\n`);
    return;
  }
  const { deleteAccountDir } = await import('../accounts/remove.js');
  const kept = deleteAccountDir(ctx.env, dir);
  ctx.io.err(kept ? `ccenv: ${kept}\n` : `ccenv: deleted ${dir}\n`);
}

/**
 * Without a terminal, what --yes would do to an own-login profile's directory, which the
 * terminal asks about after the profile: said with the refusal, so that --yes is not blind.
 */
function accountDirNote(ctx: Context, name: string, profile: { ownLogin?: boolean; configDir?: string }, options: { keepDir?: boolean }): string {
  if (!profile.ownLogin || !profile.configDir || !isInsideAccounts(ctx.env, profile.configDir)) return '';
  const dir = forTerminal(profile.configDir);
  if (options.keepDir) return `; ${dir} stays (--keep-dir)`;
  return `, which also deletes ${dir}, the login and history of ${name} (its projects/ and any .credentials.json.ccenv-backup-* included; your main Claude setup stays); to keep that directory: --yes --keep-dir`;
}

async function confirm(ctx: Context, options: { yes?: boolean }, question: string, what: string, withYes = ''): Promise<void> {
  if (options.yes) return;
  if (!ctx.interactive) throw new CcenvError(`${what}: confirm with --yes${withYes}`, { exitCode: 2 });
  const { askConfirm } = await import('../prompt.js');
  if (!(await askConfirm(question))) throw new CcenvError('nothing removed', { exitCode: 1 });
}

/** `remove NAME --yes` where no profile NAME exists but a secret does (an orphan): deletes that secret, asked for explicitly. */
async function removeOrphanSecret(ctx: Context, config: ConfigData, name: string, options: { yes?: boolean }): Promise<void> {
  checkProfileName(name);
  if (isBuiltin(config, name)) requireStoredProfile(config, name, 'removed');
  let store;
  try {
    store = await ctx.secrets(config);
    if (!(await store.names()).includes(name)) store = undefined;
  } catch {
    store = undefined; // out of reach: no orphan can be seen, and the name is simply unknown
  }
  if (!store) throw requireStoredProfile(config, name, 'removed');
  await confirm(ctx, options, `No profile ${name} exists, but the ${store.description} holds a secret under that name. Delete it?`, `delete the secret stored under ${name}, which no profile holds`);
  await store.remove(name);
  ctx.io.err(`ccenv: deleted the secret stored under ${name} from the ${store.description}; no profile held it\n`);
}
