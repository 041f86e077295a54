import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CcenvError } from './errors.js';

/**
 * Runs `work` holding an exclusive lock (a lock directory beside the file, from
 * proper-lockfile), so that concurrent ccenv processes take turns at read-change-write.
 */
export async function withFileLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const lockfile = (await import('proper-lockfile')).default;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, {
      lockfilePath: `${file}.lock`,
      realpath: false,
      stale: 10_000,
      retries: { retries: 300, factor: 1.2, minTimeout: 10, maxTimeout: 100, randomize: true },
    });
  } catch (error) {
    throw new CcenvError(`cannot lock ${file}: ${(error as Error).message}`, {
      hint: `if no other ccenv is running, remove ${file}.lock`,
    });
  }
  try {
    return await work();
  } finally {
    await release();
  }
}
