/**
 * `.ccprofile`: a file naming the profile for a directory and everything below it. It holds
 * one profile name; blank lines and `#` comments are allowed. It counts only when allowed
 * (src/trust/records.ts); anything else stops a launch with a message naming the file and
 * the command that fixes it, never falling through to another profile.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { CcenvError } from '../errors.js';
import type { Env } from '../paths.js';
import { allowedFiles, matchesRecord, readTrustedFile, trustState } from '../trust/records.js';
import { findProfile } from './lookup.js';
import { isValidProfileName, quoteForMessage } from './names.js';
import { readConfig, type ConfigData } from './store.js';

export const CCPROFILE = '.ccprofile';

/** Larger than any sensible .ccprofile: refuse rather than read a stray big file. */
const MAX_BYTES = 4096;

/** A `.ccprofile` that chose the profile for a directory. */
export interface DirectoryChoice {
  name: string;
  /** The real path of the .ccprofile file. */
  file: string;
  /** Where it was found, as the user sees it (the logical path from $PWD). */
  path: string;
}

export type ParsedCcprofile = { ok: true; name: string } | { ok: false; problem: string };

/** Pure: what a .ccprofile's bytes say. */
export function parseCcprofile(content: Buffer | string): ParsedCcprofile {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  if (bytes.length > MAX_BYTES) return { ok: false, problem: `is larger than ${MAX_BYTES} bytes` };
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
    return { ok: false, problem: `line ${first.line}: ${quoteForMessage(first.text)} is not a profile name` };
  }
  return { ok: true, name: first.text };
}

// Control characters in a path would reach the terminal raw: shown as \xHH instead.
const CONTROL = /[\x00-\x1f\x7f-\x9f]/g;
const HAS_CONTROL = /[\x00-\x1f\x7f-\x9f]/;
const hexEscape = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** `~/x` for paths under HOME, for messages; control characters made visible. */
export function displayPath(env: Env, path: string): string {
  const home = env.HOME;
  const shown = home && home !== '/' && path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
  return shown.replace(CONTROL, hexEscape);
}

/** A path as one word a person can paste into a shell (with control characters: bash or zsh). */
export function shellWordForPath(env: Env, path: string): string {
  const shown = displayPath(env, path);
  if (/^[~A-Za-z0-9_./@%+=:,-]+$/.test(shown)) return shown;
  if (HAS_CONTROL.test(path)) return `$'${path.replace(/[\\']/g, (c) => `\\${c}`).replace(CONTROL, hexEscape)}'`;
  return `'${path.replace(/'/g, `'\\''`)}'`;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
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

/** The nearest `.ccprofile` in `cwd` or above it (a regular file, or a link to one). */
export function findCcprofile(env: Env, cwd: string): string | undefined {
  let dir = startDirectory(env, cwd);
  for (;;) {
    const candidate = join(dir, CCPROFILE);
    if (isFile(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * What the `.ccprofile` at `path` chooses, checked for trust, form and the profile's
 * existence; a CcenvError naming the file and the exact fix otherwise.
 */
export async function resolveCcprofile(env: Env, path: string, config?: ConfigData): Promise<DirectoryChoice> {
  const shown = displayPath(env, path);
  const word = shellWordForPath(env, path);
  let file;
  try {
    file = readTrustedFile(path);
  } catch (error) {
    throw new CcenvError(`cannot read ${shown}: ${(error as Error).message}`, {
      hint: `fix its permissions, or remove it: rm ${word}`,
    });
  }
  const state = trustState(env, file);
  if (state === 'denied') {
    throw new CcenvError(`${shown} is denied, so this directory has no profile`, {
      hint: `to trust it: ccenv allow ${word}; or pick one for this launch: ccenv @NAME`,
    });
  }
  const parsed = parseCcprofile(file.content);
  if (!parsed.ok) {
    throw new CcenvError(`${shown} ${parsed.problem}`, {
      hint: `it must hold one profile name; rewrite it with: ccenv use --local NAME (in ${displayPath(env, dirname(path))})`,
    });
  }
  if (state !== 'allowed') {
    throw new CcenvError(`${shown} is not allowed (it names ${parsed.name}; new or changed files need an allow)`, {
      hint: `if you trust it: ccenv allow ${word}`,
    });
  }
  const current = config ?? (await readConfig(env));
  if (!findProfile(current, parsed.name)) {
    throw new CcenvError(`${shown} names ${parsed.name}, which is not a profile`, {
      hint: `add it: ccenv add ${parsed.name} --kind KIND; or name another: ccenv use --local NAME (in ${displayPath(env, dirname(path))})`,
    });
  }
  return { name: parsed.name, file: file.realPath, path };
}

/**
 * The profile named by the nearest `.ccprofile` in `cwd` or above it, if that file is
 * allowed. Throws a CcenvError naming the file and the fix when the nearest file is not
 * allowed, is denied, is malformed, or names a profile that does not exist: a launch never
 * falls through to another profile. Undefined when there is no .ccprofile at all.
 */
export async function findDirectoryProfile(env: Env, cwd: string, config?: ConfigData): Promise<DirectoryChoice | undefined> {
  const path = findCcprofile(env, cwd);
  return path === undefined ? undefined : resolveCcprofile(env, path, config);
}

/** For `ccenv allow`/`deny` with no PATH: the nearest file; with a directory: the file in it. */
export function ccprofileArgument(env: Env, cwd: string, argument: string | undefined): string {
  if (argument === undefined) {
    const found = findCcprofile(env, cwd);
    if (!found) throw new CcenvError(`no ${CCPROFILE} in ${displayPath(env, cwd)} or above it`, { hint: 'create one with: ccenv use --local NAME' });
    return found;
  }
  const path = resolve(cwd, argument);
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new CcenvError(`no such file: ${displayPath(env, path)}`);
  }
  const file = isDirectory ? join(path, CCPROFILE) : path;
  try {
    readFileSync(file);
  } catch (error) {
    throw new CcenvError(`cannot read ${displayPath(env, file)}: ${(error as Error).message}`);
  }
  return file;
}

/** A regular file's bytes, at most MAX_BYTES, opened so that a FIFO put in its place cannot block. */
function readSmallFile(path: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_BYTES) return undefined;
    const buffer = Buffer.alloc(stat.size);
    const read = readSync(fd, buffer, 0, stat.size, 0);
    return buffer.subarray(0, read);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The allowed `.ccprofile` files (real paths, sorted) whose allowed content names `name`. */
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

