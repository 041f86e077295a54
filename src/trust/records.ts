/**
 * Trust records for `.ccprofile` files, kept under $XDG_DATA_HOME/ccenv/trust/, outside
 * every repository. An allow record is keyed by the file's location (where it is found, its
 * directory resolved) plus the SHA-256 of its content, so editing or moving the file needs a
 * new allow. A deny record is keyed by the location alone: it blocks whatever the file there
 * says, now or after an edit, until an allow lifts it. Deny wins over allow.
 *
 * The location resolves the directory only, never the file itself: ~/src/p/.ccprofile with
 * ~/src a link to /data/src is /data/src/p/.ccprofile whichever way it is reached, but a
 * .ccprofile that is itself a link is trusted (or denied) as the link, never as its target,
 * so a repository cannot borrow the trust of a file allowed elsewhere by linking to it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readBounded } from '../fs/bounded.js';
import { replaceFile } from '../fs/replace.js';
import { dataDir, type Env } from '../paths.js';

export type TrustState = 'allowed' | 'denied' | 'unknown';

/** A .ccprofile as trust sees it: where it is (trustLocation) and what it holds. */
export interface TrustedFile {
  location: string;
  content: Buffer;
}

/**
 * What trust records are keyed by: the path with its directory resolved and its last part
 * kept, so a symlinked directory is one place and a link named .ccprofile is its own file.
 */
export function trustLocation(path: string): string {
  return join(realpathSync(dirname(path)), basename(path));
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function trustDir(env: Env): string {
  return join(dataDir(env), 'trust');
}

function allowRecord(env: Env, file: TrustedFile): string {
  return join(trustDir(env), 'allow', sha256(`${file.location}\n${sha256(file.content)}`));
}

function denyRecord(env: Env, location: string): string {
  return join(trustDir(env), 'deny', sha256(location));
}

/** Larger than any sensible .ccprofile: refuse rather than read a stray big file. */
export const MAX_CCPROFILE_BYTES = 4096;

/**
 * Reads the file once: its location and content, the two things trust is about. Bounded
 * and non-blocking (src/fs/bounded.ts): a FIFO, a device or a large file is an error.
 */
export function readTrustedFile(path: string): TrustedFile {
  const location = trustLocation(path);
  return { location, content: readBounded(location, MAX_CCPROFILE_BYTES) };
}

function exists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Whether the file at this location (trustLocation) is denied: known without reading the file. */
export function isDenied(env: Env, location: string): boolean {
  return exists(denyRecord(env, location));
}

export function trustState(env: Env, file: TrustedFile): TrustState {
  if (isDenied(env, file.location)) return 'denied';
  if (exists(allowRecord(env, file))) return 'allowed';
  return 'unknown';
}

function writeRecord(path: string, record: object): void {
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  replaceFile(path, `${JSON.stringify(record)}\n`, { mode: 0o600 });
}

/** Trusts this path with this content; lifts a deny of the path. */
export function allowFile(env: Env, file: TrustedFile, now: Date = new Date()): void {
  rmSync(denyRecord(env, file.location), { force: true });
  writeRecord(allowRecord(env, file), { path: file.location, sha256: sha256(file.content), allowed: now.toISOString() });
}

/**
 * Blocks the path whatever it holds; drops its allow record for the current content. The
 * content may be missing (a FIFO, a device, a file too large to read): a deny needs the path only.
 */
export function denyFile(env: Env, file: Pick<TrustedFile, 'location'> & Partial<TrustedFile>, now: Date = new Date()): void {
  writeRecord(denyRecord(env, file.location), { path: file.location, denied: now.toISOString() });
  if (file.content) rmSync(allowRecord(env, { location: file.location, content: file.content }), { force: true });
}

/** What an allow record trusts: a location and the SHA-256 of the content allowed there. */
export interface AllowedFile {
  path: string;
  sha256: string;
}

/** Every allow record, whether or not its file still holds the content allowed. Unreadable records are skipped. */
export function allowedFiles(env: Env): AllowedFile[] {
  const dir = join(trustDir(env), 'allow');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: AllowedFile[] = [];
  for (const name of names) {
    try {
      const record = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Partial<AllowedFile>;
      if (typeof record.path === 'string' && typeof record.sha256 === 'string') out.push({ path: record.path, sha256: record.sha256 });
    } catch {
      // a record being written, or not ours
    }
  }
  return out;
}

/** Whether `content` is what an allow record trusts. */
export function matchesRecord(record: AllowedFile, content: Buffer): boolean {
  return sha256(content) === record.sha256;
}

