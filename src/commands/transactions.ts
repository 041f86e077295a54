import type { Context } from '../context.js';
import { updateConfig, type ConfigData } from '../profiles/store.js';

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
  let description = '';
  try {
    await updateConfig(ctx.env, async (config) => {
      change(config);
      const store = await ctx.secrets(config);
      description = store.description;
      if (secret !== undefined) {
        // Where the secret went: under another backend, status and launch say where it is.
        const stored = config.profiles[name];
        if (stored) stored.secretBackend = store.backend;
        const previous = await store.get(name);
        await store.set(name, secret);
        undo = previous === undefined ? () => store.remove(name) : () => store.set(name, previous);
      }
    });
  } catch (error) {
    if (undo) await undo().catch(() => undefined);
    throw error;
  }
  return description;
}
