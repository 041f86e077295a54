import { CcenvError } from '../errors.js';
import { closest, didYouMean } from '../suggest.js';
import { BUILTIN_PROFILE, checkProfileName } from './names.js';
import type { ConfigData } from './store.js';
import type { Profile } from './types.js';

/** The built-in profile: Claude's own login, with every conflicting variable removed. */
export const BUILTIN: Readonly<Profile> = Object.freeze({ kind: 'subscription', description: "Claude's own login (built in)" });

/** Every profile a launch can use, the built-in one included unless the user defined their own. */
export function allProfiles(config: ConfigData): [string, Profile, boolean][] {
  const rows: [string, Profile, boolean][] = Object.entries(config.profiles).map(([n, p]) => [n, p, false]);
  if (!Object.hasOwn(config.profiles, BUILTIN_PROFILE)) rows.unshift([BUILTIN_PROFILE, BUILTIN, true]);
  return rows;
}

export function isBuiltin(config: ConfigData, name: string): boolean {
  return name === BUILTIN_PROFILE && !Object.hasOwn(config.profiles, name);
}

export function findProfile(config: ConfigData, name: string): Profile | undefined {
  if (Object.hasOwn(config.profiles, name)) return config.profiles[name];
  return name === BUILTIN_PROFILE ? BUILTIN : undefined;
}

/** "did you mean work-api?" for a name that is no profile but looks like a slip for one; empty if none does. */
export function didYouMeanProfile(config: ConfigData, name: string): string {
  return didYouMean(closest(name, allProfiles(config).map(([n]) => n)));
}

/** The profile, or an error that names it, the profiles it looks like, and what exists. */
export function requireProfile(config: ConfigData, name: string): Profile {
  checkProfileName(name);
  const profile = findProfile(config, name);
  if (profile) return profile;
  const names = allProfiles(config).map(([n]) => n);
  const mean = didYouMeanProfile(config, name);
  throw new CcenvError(`no profile named ${name}${mean ? `; ${mean}` : ''}`, {
    hint: mean ? `profiles: ${names.join(', ')}` : `profiles: ${names.join(', ')}; add one with: ccenv add ${name} --kind KIND`,
  });
}

/** A user-defined profile (the built-in one cannot be edited, renamed or removed). */
export function requireStoredProfile(config: ConfigData, name: string, verb: string): Profile {
  const profile = requireProfile(config, name);
  if (isBuiltin(config, name)) {
    throw new CcenvError(`${name} is the built-in profile and cannot be ${verb}`, {
      hint: `to give it options, add your own: ccenv add ${name} --kind subscription ...`,
    });
  }
  return profile;
}
