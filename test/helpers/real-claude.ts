/**
 * The real, pinned claude (`npm ci` installs @anthropic-ai/claude-code): where it is, whether
 * it is there, and the sandbox a test runs it in.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, sandbox, type Sandbox } from './cli.js';
import { requirement } from './requirements.js';

/** The directory holding the pinned claude; first on PATH in a real-claude sandbox. */
export const CLAUDE_BIN = join(ROOT, 'node_modules', '.bin');

/** The pinned claude itself. */
export const CLAUDE = join(CLAUDE_BIN, 'claude');

/**
 * True when the pinned claude is installed (and `also` holds, for a test that needs more of
 * its package); otherwise skips, or fails under CCENV_REQUIRE_REAL=1, as `requirement` does.
 */
export function requireRealClaude(also = true): boolean {
  return requirement('the claude binary', existsSync(CLAUDE) && also, 'npm ci installs the pinned @anthropic-ai/claude-code');
}

/**
 * A sandbox for running the real claude: no nonessential traffic, a dumb terminal, and the
 * pinned claude first on PATH. `env` adds to or overrides those variables.
 */
export function realClaudeSandbox(env: Record<string, string> = {}): Sandbox {
  const box = sandbox({ CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', TERM: 'dumb', ...env });
  box.env.PATH = `${CLAUDE_BIN}:${box.env.PATH}`;
  return box;
}
