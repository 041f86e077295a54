/**
 * Backups of files that held a secret: created exclusively (src/fs/replace.ts: O_EXCL,
 * O_NOFOLLOW, never through a name or a symlink that is already there), mode 0600 whatever
 * the original's mode, holding the text that was edited.
 */
import { createExclusive } from './replace.js';

/** The marker in a backup's name, for finding them again (doctor flags them). */
export const BACKUP_MARK = '.ccenv-backup-';

/** FILE.ccenv-backup-20260126T101500Z (then -1, -2, ...): never overwrites or follows anything. */
export function backupFile(file: string, text: string | Uint8Array, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  for (let n = 0; n < 1000; n++) {
    const backup = `${file}${BACKUP_MARK}${stamp}${n ? `-${n}` : ''}`;
    try {
      createExclusive(backup, text, { mode: 0o600, exact: true });
      return backup;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`too many backups of ${file} for ${stamp}`);
}
