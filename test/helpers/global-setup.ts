import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Collects the reasons real tests were skipped, and prints them once, at the end. */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'ccenv-skips-'));
  const log = join(dir, 'skips.txt');
  process.env.CCENV_SKIP_LOG = log;
  return () => {
    let reasons: string[] = [];
    try {
      reasons = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))];
    } catch {
      // nothing skipped
    }
    rmSync(dir, { recursive: true, force: true });
    if (reasons.length > 0) {
      process.stderr.write(`\nSKIPPED real tests (bash .ci/run installs what they need):\n${reasons.map((r) => `  - ${r}`).join('\n')}\n`);
    }
  };
}
