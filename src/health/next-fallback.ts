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
