/**
 * Temporary directories that remove themselves. One made while a test runs (in the test, or
 * in its beforeEach/afterEach) goes when that test finishes. One made outside a test (at the
 * top of a file, in a describe body, in beforeAll) goes when the file's tests are done, by
 * the afterAll of scratch-cleanup.ts, a setup file of every vitest config. Each is also
 * written to $CCENV_SCRATCH_LOG, whose every directory global-setup.ts removes at the end of
 * the run: vitest runs no hooks in a file whose tests are all skipped, and a test process may
 * be ended before its hooks ran. (Not for concurrent tests: which test is running is then
 * ambiguous.)
 */
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished, TestRunner } from 'vitest';

const outsideTests = new Set<string>();

/** A new empty directory under the system temporary directory, named `PREFIX-XXXXXX`. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const log = process.env.CCENV_SCRATCH_LOG;
  if (log) appendFileSync(log, `${dir}\n`);
  if (TestRunner.getCurrentTest()) onTestFinished(() => removeScratch(dir));
  else outsideTests.add(dir);
  return dir;
}

/** Removes `dir` and everything in it, now; a directory already gone is no error. */
export function removeScratch(dir: string): void {
  outsideTests.delete(dir);
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  } catch (error) {
    // Something still running wrote into it while it went: name what is left, for the hunt.
    throw new Error(`could not remove ${dir}; left in it: ${leftIn(dir).join(', ') || 'nothing'}`, { cause: error });
  }
}

function leftIn(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
}

/** Removes every directory made outside a test that is still there. */
export function removeScratchOutsideTests(): void {
  for (const dir of [...outsideTests]) removeScratch(dir);
}
