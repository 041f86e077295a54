import type { Context } from '../context.js';
import { updateConfig, type ConfigData } from '../profiles/store.js';

/**
 * Changes the config and one profile's secret together, under the config lock: the secret
 * is written first and taken back if the config cannot be written, so there is never
 * metadata without its secret, nor a secret without its metadata. Returns the backend's name.
 */
export async function storeProfileWithSecret(
  ctx: Context,
  name: string,
  secret: string | undefined,
  change: (config: ConfigData) => void,
): Promise<string> {
  let written: { remove(name: string): Promise<boolean> } | undefined;
  let description = '';
  try {
    await updateConfig(ctx.env, async (config) => {
      change(config);
      const store = await ctx.secrets(config);
      description = store.description;
      if (secret !== undefined) {
        await store.set(name, secret);
        written = store;
      }
    });
  } catch (error) {
    if (written) await written.remove(name).catch(() => undefined);
    throw error;
  }
  return description;
}
