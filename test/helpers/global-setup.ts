import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Collects the reasons real tests were skipped, and prints them once, at the end; and removes
 * every temporary directory scratchDir made in the run that is still there.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'ccenv-skips-'));
  const log = join(dir, 'skips.txt');
  process.env.CCENV_SKIP_LOG = log;
  const scratch = join(dir, 'scratch.txt');
  process.env.CCENV_SCRATCH_LOG = scratch;
  return () => {
    for (const made of readLines(scratch)) rmSync(made, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    const reasons = [...new Set(readLines(log))];
    rmSync(dir, { recursive: true, force: true });
    if (reasons.length > 0) {
      process.stderr.write(`\nSKIPPED real tests (bash .ci/run installs what they need):\n${reasons.map((r) => `  - ${r}`).join('\n')}\n`);
    }
  };
}

/** The lines of `file`, none if there is no file (nothing was written to it). */
function readLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}
