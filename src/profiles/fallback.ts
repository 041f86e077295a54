/**
 * Fallback chains: `--fallback OTHER` (repeatable) names the profiles a launch may use, in
 * order, while this one is known to fail. A launch follows only the chain of the profile it
 * resolved (never a fallback's own chain): a profile is replaced only by one the user named
 * for it. Chains are checked when a profile is saved; rename and remove keep them whole.
 */
import { findProfile, didYouMeanProfile } from './lookup.js';
import type { ConfigData } from './store.js';

/** The path from `start` back to `target` through stored chains, or undefined when there is none. */
function pathBack(config: ConfigData, start: string, target: string, chainOf: (name: string) => readonly string[]): string[] | undefined {
  const seen = new Set<string>();
  const walk = (at: string, path: string[]): string[] | undefined => {
    if (at === target) return path;
    if (seen.has(at)) return undefined;
    seen.add(at);
    for (const next of chainOf(at)) {
      const found = walk(next, [...path, next]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, [start]);
}

/**
 * Problems with giving `name` the chain `chain`, each a sentence naming the flag: a profile
 * that falls back to itself, names one twice, names one that does not exist, or closes a
 * cycle through the chains of others. Empty means the chain can be saved.
 */
export function chainProblems(config: ConfigData, name: string, chain: readonly string[]): string[] {
  const problems: string[] = [];
  const chainOf = (n: string) => (n === name ? chain : (config.profiles[n]?.fallback ?? []));
  const given = new Set<string>();
  for (const other of chain) {
    if (given.has(other)) {
      problems.push(`--fallback ${other} is given twice`);
      continue;
    }
    given.add(other);
    if (other === name) {
      problems.push(`--fallback ${other}: a profile cannot fall back to itself`);
      continue;
    }
    if (!findProfile(config, other)) {
      const mean = didYouMeanProfile(config, other);
      problems.push(`--fallback ${other}: no profile named ${other}${mean ? `; ${mean}` : ''}`);
      continue;
    }
    const back = pathBack(config, other, name, chainOf);
    if (back) problems.push(`--fallback ${other}: ${other} already falls back to ${name} (${[name, ...back].join(' -> ')}), which would make a cycle`);
  }
  return problems;
}

/** The profiles whose chain names `name`, in config order. */
export function namingAsFallback(config: ConfigData, name: string): string[] {
  return Object.entries(config.profiles)
    .filter(([, p]) => p.fallback?.includes(name))
    .map(([n]) => n);
}

/** Renames `from` to `to` in every chain; returns the profiles changed. */
export function renameInChains(config: ConfigData, from: string, to: string): string[] {
  const changed = namingAsFallback(config, from);
  for (const n of changed) config.profiles[n]!.fallback = config.profiles[n]!.fallback!.map((f) => (f === from ? to : f));
  return changed;
}

/** Takes `name` out of every chain (a chain left empty goes); returns the profiles changed. */
export function dropFromChains(config: ConfigData, name: string): string[] {
  const changed = namingAsFallback(config, name);
  for (const n of changed) {
    const profile = config.profiles[n]!;
    const rest = profile.fallback!.filter((f) => f !== name);
    if (rest.length > 0) profile.fallback = rest;
    else delete profile.fallback;
  }
  return changed;
}
