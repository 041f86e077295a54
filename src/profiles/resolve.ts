/**
 * Which profile a launch uses, and why. First match wins: `@NAME` on the command line,
 * CCENV_PROFILE (what `cc use` sets), the nearest allowed `.ccprofile` (a denied one is
 * as if absent), the `use --global` default, the built-in subscription profile.
 */
import { CcenvError } from '../errors.js';
import type { Env } from '../paths.js';
import { requireProfile } from './lookup.js';
import { BUILTIN_PROFILE } from './names.js';
import type { ConfigData } from './store.js';
import type { Profile } from './types.js';

export type ProfileSource =
  | { from: 'argument' }
  | { from: 'CCENV_PROFILE' }
  | { from: 'directory'; file: string; path: string }
  | { from: 'default' }
  | { from: 'builtin' };

export interface ResolvedProfile {
  name: string;
  profile: Profile;
  source: ProfileSource;
  /** For the person, once (a denied .ccprofile that was ignored). */
  notes?: string[];
}

/** Where the choice came from, in words: "@work on the command line", "~/x/.ccprofile". */
/** The same for programs: a .ccprofile as its full path, never `~`. */
export function sourceForMachines(source: ProfileSource): string {
  return source.from === 'directory' ? source.path : describeSource(source);
}

export function describeSource(source: ProfileSource): string {
  switch (source.from) {
    case 'argument':
      return 'the command line';
    case 'CCENV_PROFILE':
      return 'CCENV_PROFILE (cc use)';
    case 'directory':
      return source.file;
    case 'default':
      return 'the default (use --global)';
    case 'builtin':
      return 'nothing chosen: the built-in profile';
  }
}

/** The profile named by a source that did not define it: the message says where the name came from. */
function named(config: ConfigData, name: string, source: ProfileSource): ResolvedProfile {
  try {
    return { name, profile: requireProfile(config, name), source };
  } catch (error) {
    if (!(error instanceof CcenvError) || source.from === 'argument') throw error;
    throw new CcenvError(`${error.message} (named by ${describeSource(source)})`, { hint: error.hint, exitCode: error.exitCode });
  }
}

export async function resolveProfile(env: Env, cwd: string, config: ConfigData, atName?: string): Promise<ResolvedProfile> {
  if (atName !== undefined) return named(config, atName, { from: 'argument' });
  const fromEnv = env.CCENV_PROFILE;
  if (fromEnv) return named(config, fromEnv, { from: 'CCENV_PROFILE' });
  // Loaded only here: trust records hash files (node:crypto), which `@NAME` launches skip.
  const { displayCcprofile, findDirectoryProfile } = await import('./directory.js');
  const directory = await findDirectoryProfile(env, cwd, config);
  if (directory && !('denied' in directory)) return named(config, directory.name, { from: 'directory', file: displayCcprofile(env, directory.path), path: directory.path });
  // A denied file is as if absent: the next source applies, with a note that names it.
  const notes = (instead: string) => (directory ? { notes: [`${directory.note}; using ${instead}`] } : {});
  if (config.default) return { ...named(config, config.default, { from: 'default' }), ...notes(`the default profile ${config.default}`) };
  return { ...named(config, BUILTIN_PROFILE, { from: 'builtin' }), ...notes(`the built-in profile ${BUILTIN_PROFILE} (Claude's own login)`) };
}
