/**
 * Backups of files that held a secret: created exclusively (O_EXCL, O_NOFOLLOW: never through
 * a name or a symlink that is already there), mode 0600 whatever the original's mode, holding
 * the text that was edited. A minimal helper of its own until a shared exclusive-file helper exists.
 */
import { closeSync, constants, fchmodSync, openSync, writeSync } from 'node:fs';

/** The marker in a backup's name, for finding them again (doctor flags them). */
export const BACKUP_MARK = '.ccenv-backup-';

/** FILE.ccenv-backup-20260126T101500Z (then -1, -2, ...): never overwrites or follows anything. */
export function backupFile(file: string, text: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  for (let n = 0; n < 1000; n++) {
    const backup = `${file}${BACKUP_MARK}${stamp}${n ? `-${n}` : ''}`;
    let fd: number;
    try {
      fd = openSync(backup, flags, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    try {
      fchmodSync(fd, 0o600);
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    return backup;
  }
  throw new Error(`too many backups of ${file} for ${stamp}`);
}
