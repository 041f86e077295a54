/**
 * A profile (config.json) and its secret (keychain or file) are two writes that no lock makes
 * one. The steps of each command are ordered so that an interruption at any point (kill -9,
 * a frozen Secret Service, a full disk) never loses the only copy of a secret; the worst it
 * leaves is an orphan, which the next write and `ccenv doctor` report (src/secrets/orphans.ts):
 *
 * - add:    secret, then config. Cut between: a secret no profile holds; `ccenv add NAME
 *           --kind K` without --secret-stdin re-attaches it, `ccenv remove NAME --yes` deletes it.
 * - edit:   a new secret, then config. Cut between: the profile with its new secret, its old
 *           fields. Dropping a secret: config, then the secret (cut: a secret no profile holds).
 * - remove: config, then the secret. Cut between: a secret no profile holds (never a profile
 *           whose secret is gone).
 * - rename: the secret copied to the new name, config, then the old name's secret deleted.
 *           Cut: a copy no profile holds, under the new or the old name.
 *
 * A step that fails (rather than being cut) puts back what was done before it.
 */
import type { Context } from '../context.js';
import { readConfig, updateConfig, type ConfigData } from '../profiles/store.js';
import type { SecretStore } from './store.js';

/**
 * A test hook: CCENV_TEST_PAUSE=STEP stops a write at that step (it says so on stderr, then
 * waits), so that a test can kill -9 it exactly there.
 */
export async function checkpoint(ctx: Context, step: string): Promise<void> {
  if (ctx.env.CCENV_TEST_PAUSE !== step) return;
  ctx.io.err(`ccenv: paused at ${step}\n`);
  await new Promise(() => setInterval(() => undefined, 60_000));
}

/** After a write: says so when the store and the config no longer pair up. Never fails the command. */
export async function noticeOrphans(ctx: Context, store: SecretStore): Promise<void> {
  try {
    const { findOrphans } = await import('../secrets/orphans.js');
    const { secrets, profiles } = await findOrphans(await readConfig(ctx.env), store);
    if (secrets.length > 0) {
      ctx.io.err(
        `ccenv: the ${store.description} holds ${secrets.length === 1 ? 'a secret' : 'secrets'} that no profile holds: ${secrets.join(', ')} (left by an interrupted command; see ccenv doctor)\n`,
      );
    }
    if (profiles.length > 0) {
      ctx.io.err(`ccenv: the secret of ${profiles.join(', ')} is missing from the ${store.description} (see ccenv doctor)\n`);
    }
  } catch {
    // a notice only: the command itself succeeded
  }
}

/**
 * Changes the config and one profile's secret together, under the config lock: the secret
 * is written first, and if the config then cannot be written the store is put back as it
 * was: the previous secret restored (a failed rotation keeps the old one), or the new one
 * taken out when there was none. Returns the backend's description.
 */
export async function storeProfileWithSecret(
  ctx: Context,
  name: string,
  secret: string | undefined,
  change: (config: ConfigData) => void,
): Promise<string> {
  let undo: (() => Promise<unknown>) | undefined;
  let opened: SecretStore | undefined;
  try {
    await updateConfig(ctx.env, async (config) => {
      change(config);
      const store = await ctx.secrets(config);
      opened = store;
      if (secret !== undefined) {
        // Where the secret went: under another backend, status and launch say where it is.
        const stored = config.profiles[name];
        if (stored) stored.secretBackend = store.backend;
        if (stored) stored.secretSetAt = Date.now();
        const previous = await store.get(name);
        await store.set(name, secret);
        undo = previous === undefined ? () => store.remove(name) : () => store.set(name, previous);
        await checkpoint(ctx, 'secret-stored');
      }
    });
  } catch (error) {
    if (undo) await undo().catch(() => undefined);
    throw error;
  }
  if (secret !== undefined) await noticeOrphans(ctx, opened!);
  return opened!.description;
}
