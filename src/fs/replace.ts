/**
 * Writing next to a user's file (`./.ccprofile`, a settings file and its backup, a trust
 * record) in a directory others may write to: a temporary file is created exclusively
 * (O_CREAT|O_EXCL|O_NOFOLLOW, so a planted file or symlink makes the open fail instead of
 * being followed), with an unpredictable name, its mode set on the descriptor, then renamed
 * over the target. The rename replaces the target itself: a symlink at `path` is replaced,
 * not followed (callers that mean the link's target resolve it first).
 */
import { closeSync, constants, fchmodSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

export interface WriteMode {
  /** The file's mode, less the umask unless `exact`. */
  mode: number;
  /** Exactly `mode`, whatever the umask (a backup keeps its original's mode). */
  exact?: boolean;
}

/**
 * Creates `path` holding `data`, failing with EEXIST when anything (a file, a symlink,
 * even a dangling one) is already there.
 */
export function createExclusive(path: string, data: string | Uint8Array, { mode, exact }: WriteMode): void {
  const fd = openSync(path, EXCLUSIVE, mode);
  try {
    if (exact) fchmodSync(fd, mode);
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(path, { force: true });
    throw error;
  }
  closeSync(fd);
}

/** `.NAME.ccenv-1f2e3d4c5b6a.tmp` beside `path`: hidden, and not guessable by another user. */
export function temporaryName(path: string): string {
  // Web Crypto's generator, loaded when first used: node:crypto at import time would cost every launch a few ms.
  const random = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(8))).toString('hex');
  return join(dirname(path), `.${basename(path)}.ccenv-${random}.tmp`);
}

/** Replaces `path` with `data` atomically, by way of an exclusive temporary file. */
export function replaceFile(path: string, data: string | Uint8Array, mode: WriteMode): void {
  for (let attempt = 0; ; attempt++) {
    const temporary = temporaryName(path);
    try {
      createExclusive(temporary, data, mode);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 5) continue;
      throw error;
    }
    try {
      renameSync(temporary, path);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
    return;
  }
}
