/**
 * Halves of a profile-and-secret pair that an interrupted command (kill -9, a frozen
 * keychain) can leave behind: a secret in the store that no profile holds, and a profile
 * that says its secret is in this store when the store does not have it.
 */
import type { ConfigData } from '../profiles/store.js';
import type { SecretStore } from './store.js';

export interface Orphans {
  /** Names with a secret in the store that no profile holds. */
  secrets: string[];
  /** Profiles that hold a secret in this store, which the store does not have. */
  profiles: string[];
}

export async function findOrphans(config: Pick<ConfigData, 'profiles'>, store: SecretStore): Promise<Orphans> {
  const stored = new Set(await store.names());
  const holds = (name: string) => Object.hasOwn(config.profiles, name) && config.profiles[name]!.hasSecret === true;
  return {
    secrets: [...stored].filter((name) => !holds(name)).sort(),
    profiles: Object.entries(config.profiles)
      .filter(([name, p]) => p.hasSecret === true && (!p.secretBackend || p.secretBackend === store.backend) && !stored.has(name))
      .map(([name]) => name)
      .sort(),
  };
}
