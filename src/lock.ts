import { mkdirSync, readFileSync, rmdirSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { CcenvError } from './errors.js';
import { isAlive } from './process-alive.js';

/** How long a writer waits for a lock held by a live ccenv before giving up. */
const WAIT_MS = 30_000;
/** After this long, a waiter says what it waits for. */
const NOTICE_MS = 1000;
/**
 * A lock whose holder stopped touching it this long ago is stale (proper-lockfile's mtime
 * rule), unless its recorded holder is alive on this host.
 */
const STALE_MS = 10_000;

export interface LockOptions {
  /** Told once, after a second of waiting, what the wait is for. Default: a line on stderr. */
  notice?: (text: string) => void;
}

/** The holder recorded in the lock directory: `PID@HOST`. */
function holderFile(lock: string): string {
  return join(lock, 'pid');
}

function readHolder(lock: string): { pid: number; host: string } | undefined {
  try {
    const m = /^(\d+)@(.*)$/.exec(readFileSync(holderFile(lock), 'utf8').trim());
    return m ? { pid: Number(m[1]), host: m[2]! } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes a lock left behind by a process that is gone (kill -9, a crash): its recorded holder
 * runs on this host and no longer exists. Two waiters may both see it dead; the window
 * between the check and the removal is a few system calls.
 */
function removeIfHolderDead(lock: string): boolean {
  const holder = readHolder(lock);
  if (!holder || holder.host !== hostname() || isAlive(holder.pid)) return false;
  try {
    unlinkSync(holderFile(lock));
    rmdirSync(lock);
  } catch {
    // another waiter took it first
  }
  return true;
}

const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOTDIR']);

function cannotWrite(dir: string, error: NodeJS.ErrnoException): CcenvError {
  const why = error.code === 'EROFS' ? 'it is on a read-only file system' : error.code === 'ENOSPC' || error.code === 'EDQUOT' ? 'the disk is full' : error.code === 'ENOTDIR' ? 'a part of the path is a file' : 'it is not writable';
  return new CcenvError(`cannot write in ${dir}: ${why} (${error.code})`, {
    hint: 'make it writable, or point CCENV_CONFIG_DIR (profiles) or XDG_DATA_HOME (secrets file) elsewhere; nothing was changed',
  });
}

/**
 * Runs `work` holding an exclusive lock (a lock directory beside the file, from
 * proper-lockfile), so that concurrent ccenv processes take turns at read-change-write.
 * The holder writes its pid into the lock: a lock whose holder is dead is taken at once,
 * one without a live holder that was not touched for STALE_MS is stale too. A directory that cannot be
 * written fails at once with the reason. A waiter says so after a second.
 */
export async function withFileLock<T>(file: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const dir = dirname(file);
  const lock = `${file}.lock`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw NOT_WRITABLE.has(e.code ?? '') ? cannotWrite(dir, e) : error;
  }
  const lockfile = (await import('proper-lockfile')).default;
  const notice = options.notice ?? ((text: string) => void process.stderr.write(text));
  const started = Date.now();
  let noticed = false;
  let delay = 10;
  let release: () => Promise<void>;
  for (;;) {
    try {
      release = await lockfile.lock(dir, { lockfilePath: lock, realpath: false, stale: STALE_MS, retries: 0 });
      break;
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (NOT_WRITABLE.has(e.code ?? '')) throw cannotWrite(dir, e);
      // Untouched for STALE_MS but holding a holder file, which proper-lockfile's rmdir cannot
      // remove: a live holder on this host keeps it (a busy machine delays its touches).
      if (e.code === 'ENOTEMPTY') {
        const holder = readHolder(lock);
        if (!holder || holder.host !== hostname() || !isAlive(holder.pid)) {
          try {
            unlinkSync(holderFile(lock));
          } catch {
            // gone already
          }
          continue;
        }
      } else if (e.code !== 'ELOCKED') {
        throw new CcenvError(`cannot lock ${file}: ${e.message}`);
      }
    }
    if (removeIfHolderDead(lock)) continue;
    const waited = Date.now() - started;
    if (!noticed && waited >= NOTICE_MS) {
      noticed = true;
      const holder = readHolder(lock);
      notice(`ccenv: waiting for ${lock}, held by ${holder ? `ccenv process ${holder.pid}` : 'another ccenv'}...\n`);
    }
    if (waited >= WAIT_MS) {
      const holder = readHolder(lock);
      throw new CcenvError(`another ccenv${holder ? ` (process ${holder.pid})` : ''} has held ${lock} for ${Math.round(waited / 1000)} s`, {
        hint: holder ? `let it finish, or end it (kill ${holder.pid}); ccenv takes the lock once it is gone` : `let it finish; if no ccenv is running, remove ${lock}`,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(100, Math.round(delay * 1.5));
  }
  try {
    // Writing into the lock directory moves its mtime, which proper-lockfile checks is still
    // the one it set (else it deems the lock compromised): put it back.
    const { atime, mtime } = statSync(lock);
    writeFileSync(holderFile(lock), `${process.pid}@${hostname()}\n`);
    utimesSync(lock, atime, mtime);
  } catch {
    // without a holder file the lock still works; it goes stale by time only
  }
  let failed = false;
  try {
    return await work();
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    try {
      unlinkSync(holderFile(lock));
    } catch {
      // not written, or gone
    }
    // A release that fails must not hide the error of the work.
    await release().catch((error: unknown) => {
      if (!failed) throw error;
    });
  }
}
