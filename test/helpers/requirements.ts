/**
 * Real tests need real things: shells, a Secret Service, the claude binary. On a machine
 * without one, `npm test` skips those tests and says why; with CCENV_REQUIRE_REAL=1 (set by
 * .ci/run) a missing requirement fails instead, so CI never passes on a skipped real test.
 */
import { appendFileSync } from 'node:fs';
import { it } from 'vitest';

export const REQUIRE_REAL = process.env.CCENV_REQUIRE_REAL === '1';

/** Where skip reasons are collected for the summary printed at the end of the run. */
export const SKIP_LOG = process.env.CCENV_SKIP_LOG;

/**
 * Returns true when the requirement holds. When it does not: under CCENV_REQUIRE_REAL=1 it
 * registers a failing test naming what is missing; otherwise it records the skip reason.
 */
export function requirement(what: string, available: boolean, howToGet: string): boolean {
  if (available) return true;
  const reason = `${what} is not available (${howToGet})`;
  if (REQUIRE_REAL) {
    it(`requires ${what}`, () => {
      throw new Error(`CCENV_REQUIRE_REAL=1 and ${reason}`);
    });
    return false;
  }
  if (SKIP_LOG) appendFileSync(SKIP_LOG, `${reason}\n`);
  it.skip(`needs ${what}: ${howToGet}`, () => {});
  return false;
}
