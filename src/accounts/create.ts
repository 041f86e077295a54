/** Making (or adopting) an own-login directory when its profile is added. */
import { accessSync, chmodSync, constants, lstatSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { mainClaudeDir } from '../claude/account-files.js';
import { CcenvError } from '../errors.js';
import type { Env } from '../paths.js';
import { syncLinks } from './links.js';
import { accountDir, accountsRoot } from './paths.js';

const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOTDIR']);

function writableCode(path: string): string | undefined {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    try {
      accessSync(dir, constants.W_OK);
      return undefined;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') return code;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Makes $XDG_DATA_HOME/ccenv/accounts/NAME (mode 0700) and its links. A directory left by an
 * earlier profile of that name (`remove --keep-dir`) is adopted, login and history included.
 */
export function makeAccountDir(env: Env, name: string, sharedHistory = false): { dir: string; adopted: boolean } {
  const dir = accountDir(env, name);
  let adopted = false;
  try {
    mkdirSync(accountsRoot(env), { recursive: true, mode: 0o700 });
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    // A recursive mkdir on a read-only mount reports ENOENT: ask the nearest directory that exists.
    if (e.code === 'ENOENT') e.code = writableCode(dir) ?? e.code;
    if (e.code === 'EEXIST') {
      const stat = lstatSync(dir);
      if (!stat.isDirectory()) {
        throw new CcenvError(`${dir} exists and is not a directory`, { hint: 'move it away, then add the profile again; nothing was changed' });
      }
      adopted = true;
      chmodSync(dir, 0o700);
    } else if (NOT_WRITABLE.has(e.code ?? '')) {
      throw new CcenvError(`cannot make ${dir}: ${e.code === 'EROFS' ? 'the file system is read-only' : e.code === 'ENOSPC' ? 'the disk is full' : 'not writable'} (${e.code})`, {
        hint: 'make it writable, or point XDG_DATA_HOME elsewhere; or give a directory you manage: --config-dir DIR. Nothing was added',
      });
    } else throw error;
  }
  syncLinks({ dir, main: mainClaudeDir(env), sharedHistory });
  return { dir, adopted };
}
