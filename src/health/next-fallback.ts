/**
 * Which fallback to go on with: the first profile of the chain that exists, has not been
 * tried, and whose recorded health does not count against it now. Pure; a profile is never
 * replaced by one its chain does not name.
 */
import { counts, type Health } from './state.js';

export function nextFallback(
  chain: readonly string[] | undefined,
  health: Health,
  now: number,
  exists: (name: string) => boolean,
  tried: readonly string[] = [],
): string | undefined {
  for (const name of chain ?? []) {
    if (tried.includes(name) || !exists(name)) continue;
    if (!counts(health[name], now)) return name;
  }
  return undefined;
}

/** What may follow `link` once it runs: the rest of `chain` after it (all of it when `link` is not in it). */
export function chainAfter(chain: readonly string[], link: string): string[] {
  return chain.slice(chain.indexOf(link) + 1);
}
