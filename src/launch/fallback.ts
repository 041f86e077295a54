/**
 * Where a launch meets the health file: the resolved profile, or the first of its own
 * fallbacks that is not known to fail (src/health/choose.ts), said in one line on stderr.
 * It reads one small file and makes no request (unless --check); a profile without
 * fallbacks does not even read it. Runs before any secret is read.
 */
import type { Context } from '../context.js';
import { CcenvError } from '../errors.js';
import { chooseProfile } from '../health/choose.js';
import { chainAfter } from '../health/next-fallback.js';
import { readHealth, updateHealth } from '../health/state.js';
import { findProfile } from '../profiles/lookup.js';
import type { ResolvedProfile } from '../profiles/resolve.js';
import type { ConfigData } from '../profiles/store.js';
import type { Profile } from '../profiles/types.js';

/** ccenv's own words for one launch, given before or right after @NAME. */
export interface LaunchOptions {
  /** Launch the resolved profile even when it is known to fail. */
  noFallback?: boolean;
  /** A live check first (src/health/live.ts), within a time budget. */
  check?: boolean;
}

/** The profile to launch; with --check, also its secret as the check read it, so that the launch does not ask again. */
export interface Chosen {
  resolved: ResolvedProfile;
  checkedSecret?: string;
  /** The fallbacks that may follow the profile launched: what comes after it in the chain used. */
  rest: string[];
}

/** Takes ccenv's launch options off the front of `words`. */
export function takeLaunchOptions(words: readonly string[], into: LaunchOptions = {}): { options: LaunchOptions; rest: string[] } {
  let i = 0;
  for (; i < words.length; i++) {
    if (words[i] === '--no-fallback') into.noFallback = true;
    else if (words[i] === '--check') into.check = true;
    else break;
  }
  return { options: into, rest: words.slice(i) };
}

function forgetHealth(env: Context['env']): void {
  try {
    updateHealth(env, {});
  } catch {
    // not a file we can replace (a directory, no permission): the line will say so again
  }
}

/**
 * The profile to launch: `resolved`, or the first of its chain not known to fail. `given`: the
 * chain to use instead of the profile's own, for a launch that is itself a fallback (what
 * follows it in the chain of the profile the user named): a fallback's own chain is never followed.
 */
export async function withFallback(ctx: Context, config: ConfigData, resolved: ResolvedProfile, options: LaunchOptions = {}, given?: readonly string[]): Promise<Chosen> {
  const { name } = resolved;
  const chain = [...(given ?? resolved.profile.fallback ?? [])];
  const profile = { ...resolved.profile, fallback: chain };
  const noFallback = options.noFallback === true || ctx.env.CCENV_NO_FALLBACK === '1';
  let checked: Map<string, string> | undefined;
  if (options.check) {
    const links: [string, Profile][] = [[name, profile]];
    for (const other of noFallback ? [] : chain) {
      const found = findProfile(config, other);
      if (found) links.push([other, found]);
    }
    const { checkBeforeLaunch } = await import('../health/live.js');
    checked = await checkBeforeLaunch(ctx, config, links);
  } else if (chain.length === 0) {
    return { resolved, rest: [] };
  }
  const chosen = (launch: ResolvedProfile): Chosen => {
    const checkedSecret = checked?.get(launch.name);
    // The named profile itself (never in its own chain): all of it.
    const rest = chainAfter(chain, launch.name);
    return checkedSecret === undefined ? { resolved: launch, rest } : { resolved: launch, checkedSecret, rest };
  };
  let unreadable = false;
  const health = readHealth(ctx.env, (line) => {
    unreadable = true;
    ctx.io.err(`${line}\n`);
  });
  // Said once: the file is ours, and what it held is lost anyway.
  if (unreadable) forgetHealth(ctx.env);
  const choice = chooseProfile({ name, profile, health, now: Date.now(), find: (n) => findProfile(config, n) }, { noFallback });
  if ('allBad' in choice) {
    throw new CcenvError(choice.allBad, {
      hint: `to launch ${name} anyway: ccenv --no-fallback @${name} ...; to look again now: ccenv check ${[name, ...chain].map((n) => `@${n}`).join(' ')}`,
    });
  }
  if (!choice.line) return chosen(resolved);
  const notes = [...(resolved.notes ?? []), choice.line];
  if (!('profile' in choice)) return chosen({ ...resolved, notes });
  return chosen({ name: choice.launch, profile: choice.profile, source: resolved.source, notes });
}
