/**
 * `doctor --fix` for an own-login directory: puts the link to the main item in place. A
 * link is replaced (it holds nothing); a real file or directory is renamed to a dated
 * backup beside it first, byte for byte, never copied and never deleted.
 */
import { existsSync, lstatSync, renameSync, symlinkSync, unlinkSync } from 'node:fs';
import { BACKUP_MARK } from '../fs/backup-file.js';

function stampOf(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Returns what was done, for people; the backup's path when one was made. */
export function repairLink(link: string, target: string, now: Date): { message: string; backup?: string } {
  let stat;
  try {
    stat = lstatSync(link);
  } catch {
    stat = undefined;
  }
  let backup: string | undefined;
  if (stat?.isSymbolicLink()) unlinkSync(link);
  else if (stat) {
    const stamp = stampOf(now);
    for (let n = 0; ; n++) {
      const name = `${link}${BACKUP_MARK}${stamp}${n ? `-${n}` : ''}`;
      if (exists(name)) continue;
      renameSync(link, name);
      backup = name;
      break;
    }
  }
  if (!existsSync(target)) return { message: `removed the link ${link} to ${target}, which is gone`, ...(backup ? { backup } : {}) };
  symlinkSync(target, link);
  return { message: `linked ${link} to ${target}${backup ? `; what was there is kept as ${backup}` : ''}`, ...(backup ? { backup } : {}) };
}
