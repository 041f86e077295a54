import type { Env } from '../paths.js';

/** A `.ccprofile` that chose the profile for a directory. */
export interface DirectoryChoice {
  name: string;
  /** The real path of the .ccprofile file. */
  file: string;
}

/**
 * The profile named by the nearest `.ccprofile` in `cwd` or above it, if that file is
 * allowed. Throws a CcenvError naming the file and the fix when the nearest file is not
 * allowed, is denied, or is malformed: a launch never falls through to another profile.
 * Undefined when there is no .ccprofile at all.
 */
export async function findDirectoryProfile(_env: Env, _cwd: string): Promise<DirectoryChoice | undefined> {
  return undefined;
}
