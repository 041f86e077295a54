/**
 * What doctor reports: one Finding per trap, each saying what is wrong, where (file and
 * line), why it matters and the exact fix. A finding never holds a secret: values are
 * masked before they get here.
 */
import type { Env } from '../paths.js';
import type { ConfigData } from '../profiles/store.js';
import type { SecretStore } from '../secrets/store.js';
import { tilde } from '../terminal.js';

/** error: something is wrong (exit 1); warning: worth knowing, may be intended; ok: a check that passed. */
export type Severity = 'error' | 'warning' | 'ok';

export interface Where {
  file: string;
  line?: number;
  column?: number;
}

/** A change to one file that `doctor --fix` may make: safe and local. */
export type FileFix =
  | { kind: 'remove-env-variable'; file: string; variable: string }
  | { kind: 'chmod'; file: string; mode: number }
  /** An own-login directory's link to the main Claude directory (what is in its place is kept as a backup). */
  | { kind: 'relink'; file: string; target: string };

/** A change `doctor --fix` may make: to one file, or a login repaired (listed first). */
export type Fix =
  | FileFix
  /** Set the broken login of `profile` (in config directory `dir`) aside and log in again: `ccenv login --repair`. */
  | { kind: 'repair-login'; profile: string; dir: string };

export interface Finding {
  /** Stable id of the kind of trap, like `rc-file.credential` (for --json and tests). */
  id: string;
  severity: Severity;
  what: string;
  where?: Where;
  why?: string;
  /** The exact fix, as a person would carry it out. */
  fix?: string;
  /** Set when `doctor --fix` can apply the fix itself. */
  fixable?: Fix;
}

/** Everything a check may look at, passed in so tests can hand in their own. */
export interface DoctorInput {
  env: Env;
  cwd: string;
  home: string;
  now: number;
  config: ConfigData;
  /** The config could not be read: the error message (profiles are then not checked). */
  configError?: string;
  /** The profiles to check: the one named with @NAME, or all. */
  profiles: [string, import('../profiles/types.js').Profile][];
  /** The profile named with @NAME, if any. */
  only?: string;
  secrets(): Promise<SecretStore>;
  /** The command's context, for checks that plan a launch the way `ccenv` would (auth status). */
  context: import('../context.js').Context;
}

export interface Check {
  /** A few words for --json and for a check that crashed. */
  name: string;
  run(input: DoctorInput): Promise<Finding[]>;
}

/** Shows a path with the home directory as `~`, as people write it. */
export { tilde };

/**
 * The one convention for doctor's and init's words: every path under the home directory as
 * `~/...` (JSON output keeps absolute paths). Applied to whole messages, so that paths coming
 * from elsewhere (a source's label, an error message) follow it too.
 */
export function tildeAll(text: string, home: string): string {
  if (!home || home === '/') return text;
  return text.split(`${home}/`).join('~/');
}

export function formatWhere(where: Where, home: string): string {
  return `${tilde(where.file, home)}${where.line ? `:${where.line}` : ''}${where.line && where.column ? `:${where.column}` : ''}`;
}
