/**
 * Reading a file that someone else may have put in the user's tree (`.ccprofile`, a
 * project's `.claude/settings.json`): at most a bound, never blocking. The file is opened
 * non-blocking (a FIFO opens at once instead of waiting for a writer), its type is checked
 * on the opened descriptor (no swap between check and read), and anything but a regular
 * file is refused. A procfs file reports size 0 whatever it holds: it is read up to the
 * bound, and more than the bound is "too large".
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** Thrown for a file ccenv will not read: `code` is ENOTREG (not a regular file) or EFBIG (too large). */
export class UnreadableFileError extends Error {
  readonly code: 'ENOTREG' | 'EFBIG';
  constructor(code: 'ENOTREG' | 'EFBIG', message: string) {
    super(message);
    this.name = 'UnreadableFileError';
    this.code = code;
  }
}

const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** "a directory", "a FIFO", ...: what a path that is not a regular file is. */
export function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isSocket()) return 'a socket';
  return 'not a plain file';
}

/** "4096 bytes", "4 MiB": the bound, in words. */
export function describeBytes(bytes: number): string {
  return bytes >= 1 << 20 && bytes % (1 << 20) === 0 ? `${bytes / (1 << 20)} MiB` : `${bytes} bytes`;
}

/**
 * The bytes of the regular file at `path` (symlinks followed), at most `limit` of them.
 * Errors: the open's own (ENOENT, EACCES, ...), or an UnreadableFileError.
 */
export function readBounded(path: string, limit: number): Buffer {
  const fd = openSync(path, FLAGS);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new UnreadableFileError('ENOTREG', `not a regular file (${kindOf(stats)})`);
    const tooLarge = () => new UnreadableFileError('EFBIG', `larger than ${describeBytes(limit)}`);
    if (stats.size > limit) throw tooLarge();
    // Grown up to one more than the bound, which tells "too large" apart; whole pages,
    // since some procfs files (pagemap) refuse reads of other sizes.
    const pages = (n: number) => Math.max(1, Math.ceil(n / 4096)) * 4096;
    let buffer = Buffer.allocUnsafe(pages(Math.min(limit + 1, stats.size + 1)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) throw tooLarge();
        const grown = Buffer.allocUnsafe(pages(Math.min(limit + 1, buffer.length * 2)));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const got = readSync(fd, buffer, length, buffer.length - length, null);
      if (got === 0) break;
      length += got;
    }
    if (length > limit) throw tooLarge();
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
