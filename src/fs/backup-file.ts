/**
 * Backups of files that held a secret: created exclusively (src/fs/replace.ts: O_EXCL,
 * O_NOFOLLOW, never through a name or a symlink that is already there), mode 0600 whatever
 * the original's mode, holding the bytes the file held before the edit.
 */
import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { createExclusive } from './replace.js';

/** The marker in a backup's name, for finding them again (doctor flags them). */
export const BACKUP_MARK = '.ccenv-backup-';

/** The most bytes (UTF-8) of a flattened path kept in a backup's name: a name may have 255 bytes at most. */
const MAX_FLAT = 180;

/** The end of `text` that fits in `max` bytes of UTF-8, whole characters only. */
function tailWithin(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  const chars = Array.from(text);
  let bytes = 0;
  let start = chars.length;
  while (start > 0) {
    const size = Buffer.byteLength(chars[start - 1]!);
    if (bytes + size > max) break;
    bytes += size;
    start--;
  }
  return chars.slice(start).join('');
}

/**
 * A file's path as one name a person can read back: `~/proj/.claude/settings.json` becomes
 * `~%2Fproj%2F.claude%2Fsettings.json` (decodeURIComponent gives the path again; a control
 * character is written the same way). A very long path keeps its end.
 */
export function flattenPath(file: string, home: string): string {
  const inHome = relative(home, file);
  const shown = inHome && inHome !== '..' && !inHome.startsWith(`..${sep}`) && !isAbsolute(inHome) ? `~${sep}${inHome}` : file;
  // eslint-disable-next-line no-control-regex -- a control character in a path is kept readable, as %0A.
  const flat = shown.replace(/[%/\\:\x00-\x1f\x7f]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  const tail = tailWithin(flat, MAX_FLAT);
  return tail === flat ? flat : `...${tail}`;
}

/** A private directory of ccenv's own (0700, created if missing); never one that is a symlink or another user's. */
function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  if (!stat.isDirectory()) throw new Error(`${dir} is not a directory`);
  if (process.platform === 'win32') return;
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) throw new Error(`${dir} belongs to another user`);
  if ((stat.mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/**
 * Without `into`: FILE.ccenv-backup-20260126T101500Z beside the file. With `into`:
 * DIR/<flattened path>.ccenv-backup-20260126T101500Z, in a private directory outside any
 * working tree. Then -1, -2, ...: never overwrites or follows anything.
 */
export function backupFile(file: string, text: string | Uint8Array, now: Date, into?: { dir: string; home: string }): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  if (into) privateDir(into.dir);
  const base = into ? join(into.dir, flattenPath(file, into.home)) : file;
  for (let n = 0; n < 1000; n++) {
    const backup = `${base}${BACKUP_MARK}${stamp}${n ? `-${n}` : ''}`;
    try {
      createExclusive(backup, text, { mode: 0o600, exact: true });
      return backup;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`too many backups of ${file} for ${stamp}`);
}
