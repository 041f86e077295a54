/**
 * `.ccprofile`: a file naming the profile for a directory and everything below it. It holds
 * one profile name; blank lines and `#` comments are allowed. It counts only when allowed
 * (src/trust/records.ts). A denied file is as if absent, with one note (as direnv treats a
 * denied .envrc: not loaded, and no .ccprofile further up is consulted instead); anything
 * else stops a launch with a message naming the file and the command that fixes it, never
 * falling through to another profile.
 */
import { lstatSync, readlinkSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { CcenvError } from '../errors.js';
import { readBounded } from '../fs/bounded.js';
import type { Env } from '../paths.js';
import { allowedFiles, isDenied, matchesRecord, MAX_CCPROFILE_BYTES, readTrustedFile, type TrustedFile, trustLocation, trustState } from '../trust/records.js';
import { didYouMeanProfile, findProfile } from './lookup.js';
import { forTerminal } from '../terminal.js';
import { isValidProfileName, quoteForMessage } from './names.js';
import { readConfig, type ConfigData } from './store.js';
import { pathFrom, repositoryDefinitions } from './repository-definitions.js';

export const CCPROFILE = '.ccprofile';

/** A `.ccprofile` that chose the profile for a directory. */
export interface DirectoryChoice {
  name: string;
  /** Where trust knows the .ccprofile (src/trust/records.ts trustLocation): its directory resolved, the file itself not. */
  file: string;
  /** Where it was found, as the user sees it (the logical path from $PWD). */
  path: string;
}

/** A denied `.ccprofile`: as if absent; `note` says so, once, to the person. */
export interface DeniedCcprofile {
  denied: true;
  /** Where it was found, as the user sees it. */
  path: string;
  note: string;
}

export type ParsedCcprofile = { ok: true; name: string } | { ok: false; problem: string };

/** The longest profile name (src/profiles/names.ts): a longer line is never quoted. */
const MAX_NAME_CHARACTERS = 64;

/**
 * Pure: what a .ccprofile's bytes say. A line that is not a profile name is quoted, so the
 * person sees their typo, unless it is longer than a name can be (a pasted secret, another
 * file). Callers never show it for a link: its content is another file's.
 */
export function parseCcprofile(content: Buffer | string): ParsedCcprofile {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  if (bytes.length > MAX_CCPROFILE_BYTES) return { ok: false, problem: `is larger than ${MAX_CCPROFILE_BYTES} bytes` };
  const names: { line: number; text: string }[] = [];
  bytes
    .toString('utf8')
    .split('\n')
    .forEach((raw, index) => {
      const text = raw.replace(/\r$/, '').trim();
      if (text !== '' && !text.startsWith('#')) names.push({ line: index + 1, text });
    });
  const [first, second] = names;
  if (!first) return { ok: false, problem: 'names no profile' };
  if (second) return { ok: false, problem: `names more than one profile (lines ${first.line} and ${second.line})` };
  if (!isValidProfileName(first.text)) {
    const characters = [...first.text].length;
    if (characters > MAX_NAME_CHARACTERS) {
      return { ok: false, problem: `line ${first.line} (${characters} characters) is not a profile name, which has at most ${MAX_NAME_CHARACTERS}` };
    }
    return { ok: false, problem: `line ${first.line}: ${quoteForMessage(first.text)} is not a profile name` };
  }
  return { ok: true, name: first.text };
}

// Control characters in a path pasted as a shell word: bash and zsh's $'...' with \xHH.
const CONTROL = /[\x00-\x1f\x7f-\x9f]/g;
const HAS_CONTROL = /[\x00-\x1f\x7f-\x9f]/;
const hexEscape = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** `~/x` for paths under HOME, for messages; escaped for the terminal (src/terminal.ts). */
export function displayPath(env: Env, path: string): string {
  const home = env.HOME;
  return forTerminal(home && home !== '/' && path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path);
}

/** A path as one word a person can paste into a shell (with control characters: bash or zsh). */
export function shellWordForPath(env: Env, path: string): string {
  const shown = displayPath(env, path);
  if (/^[~A-Za-z0-9_./@%+=:,-]+$/.test(shown)) return shown;
  // Bidi and other Unicode controls are escaped where the message is printed (src/terminal.ts).
  if (HAS_CONTROL.test(path)) return `$'${path.replace(/[\\']/g, (c) => `\\${c}`).replace(CONTROL, hexEscape)}'`;
  return `'${path.replace(/'/g, `'\\''`)}'`;
}

/** Whether something is at `path` (links followed), without opening it: a FIFO never blocks. */
function isPresent(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The directory to walk up from: the shell's logical $PWD when it is the same directory as
 * `cwd` (so a symlinked directory finds what the hook finds), else `cwd`.
 */
function startDirectory(env: Env, cwd: string): string {
  const pwd = env.PWD;
  if (pwd && isAbsolute(pwd) && pwd !== cwd) {
    try {
      const a = statSync(pwd);
      const b = statSync(cwd);
      if (a.dev === b.dev && a.ino === b.ino) return pwd;
    } catch {
      // fall back to cwd
    }
  }
  return resolve(cwd);
}

/**
 * The nearest `.ccprofile` in `cwd` or above it, whatever it is: one that is no regular file
 * (a FIFO, a directory) is still the nearest, and reading it stops with a message.
 */
export function findCcprofile(env: Env, cwd: string): string | undefined {
  let dir = startDirectory(env, cwd);
  for (;;) {
    const candidate = join(dir, CCPROFILE);
    if (isPresent(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function locationOf(path: string): string {
  try {
    return trustLocation(path);
  } catch {
    return path;
  }
}

/**
 * Where a .ccprofile that is a symlink points, as the link says it (made absolute), for
 * messages: escaped, as displayPath. Undefined when it is no link. Only the path is shown,
 * never what the target holds.
 */
export function linkTarget(env: Env, path: string): string | undefined {
  try {
    if (!lstatSync(path).isSymbolicLink()) return undefined;
    return displayPath(env, resolve(dirname(path), readlinkSync(path)));
  } catch {
    return undefined;
  }
}

/** A .ccprofile for messages: its path, and when it is a link, that it is one and to where. */
export function displayCcprofile(env: Env, path: string): string {
  const target = linkTarget(env, path);
  return target === undefined ? displayPath(env, path) : `${displayPath(env, path)} (a link to ${target})`;
}

/**
 * The `.ccprofile` at `path`, read bounded and non-blocking; a CcenvError naming the file
 * when it cannot be read, is not a regular file (a FIFO, a device) or is too large.
 */
export function readCcprofile(env: Env, path: string): TrustedFile {
  try {
    return readTrustedFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const fix = code === 'ENOTREG' || code === 'EFBIG' ? 'remove it' : code === 'EACCES' ? 'fix its permissions, or remove it' : undefined;
    const rm = isDirectory(path) ? 'rmdir' : 'rm';
    throw new CcenvError(`cannot read ${displayCcprofile(env, path)}: ${(error as Error).message}`, {
      ...(fix ? { hint: `${fix}: ${rm} ${shellWordForPath(env, path)}` } : {}),
    });
  }
}

/**
 * What the `.ccprofile` at `path` chooses, checked for trust, form and the profile's
 * existence; a CcenvError naming the file and the exact fix otherwise.
 */
export async function resolveCcprofile(env: Env, path: string, config?: ConfigData, cwd?: string): Promise<DirectoryChoice | DeniedCcprofile> {
  const shown = displayCcprofile(env, path);
  const word = shellWordForPath(env, path);
  if (isDenied(env, locationOf(path))) {
    return { denied: true, path, note: `${shown} is denied, so it is ignored (to trust it: ccenv allow ${word})` };
  }
  const file = readCcprofile(env, path);
  const state = trustState(env, file);
  const parsed = parseCcprofile(file.content);
  // A link may lead to any file of the user's (a token, a key): what it holds is never shown.
  const link = linkTarget(env, path) !== undefined;
  if (!parsed.ok) {
    throw new CcenvError(`${shown} ${link ? 'does not hold one profile name' : parsed.problem}`, {
      hint: `it must hold one profile name; rewrite it with: ccenv use --local NAME (in ${displayPath(env, dirname(path))})`,
    });
  }
  if (state !== 'allowed') {
    throw new CcenvError(`${shown} is not allowed (${link ? 'what its target holds is not shown' : `it names ${parsed.name}`}; new or changed files need an allow)`, {
      hint: `if you trust it: ccenv allow ${word}`,
    });
  }
  const current = config ?? (await readConfig(env));
  if (!findProfile(current, parsed.name)) {
    if (link) throw new CcenvError(`${shown} names no profile you have`, { hint: `name one: ccenv use --local NAME (in ${displayPath(env, dirname(path))})` });
    const mean = didYouMeanProfile(current, parsed.name);
    const shared = repositoryDefinitions(dirname(path));
    const add = shared ? `the repository shares its profiles: ccenv import ${pathFrom(cwd, shared, shellWordForPath(env, shared))}; or add it yourself` : 'add it';
    throw new CcenvError(`${shown} names ${parsed.name}, which is not a profile${mean ? `; ${mean}` : ''}`, {
      hint: `${add}: ccenv add ${parsed.name} --kind KIND; or name another: ccenv use --local NAME (in ${displayPath(env, dirname(path))})`,
    });
  }
  return { name: parsed.name, file: file.location, path };
}

/**
 * The profile named by the nearest `.ccprofile` in `cwd` or above it, if that file is
 * allowed; a DeniedCcprofile if it is denied. Throws a CcenvError naming the file and the
 * fix when the nearest file is not allowed, is malformed, or names a profile that does not
 * exist: a launch never falls through to another profile. Undefined when there is no
 * .ccprofile at all.
 */
export async function findDirectoryProfile(env: Env, cwd: string, config?: ConfigData): Promise<DirectoryChoice | DeniedCcprofile | undefined> {
  const path = findCcprofile(env, cwd);
  return path === undefined ? undefined : resolveCcprofile(env, path, config, cwd);
}

/** For `ccenv allow`/`deny` with no PATH: the nearest file; with a directory: the file in it. */
export function ccprofileArgument(env: Env, cwd: string, argument: string | undefined): string {
  if (argument === undefined) {
    const found = findCcprofile(env, cwd);
    if (!found) throw new CcenvError(`no ${CCPROFILE} in ${displayPath(env, cwd)} or above it`, { hint: 'create one with: ccenv use --local NAME' });
    return found;
  }
  const path = resolve(cwd, argument);
  if (!isPresent(path)) throw new CcenvError(`no such file: ${displayPath(env, path)}`);
  // a directory named .ccprofile is the file itself (refused when read), not a place to look in
  return isDirectory(path) && basename(path) !== CCPROFILE ? join(path, CCPROFILE) : path;
}

/** A file's bytes through the one bounded, non-blocking reader; undefined when it cannot be read. */
function readSmallFile(path: string): Buffer | undefined {
  try {
    return readBounded(path, MAX_CCPROFILE_BYTES);
  } catch {
    return undefined;
  }
}

/** The allowed `.ccprofile` files (their locations, sorted) whose allowed content names `name`. */
export function allowedCcprofilesNaming(env: Env, name: string): string[] {
  const out = new Set<string>();
  for (const record of allowedFiles(env)) {
    const content = readSmallFile(record.path);
    if (!content || !matchesRecord(record, content)) continue;
    const parsed = parseCcprofile(content);
    if (parsed.ok && parsed.name === name) out.add(record.path);
  }
  return [...out].sort();
}

