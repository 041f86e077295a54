/**
 * Every `claude` on PATH, in the order the shell would find them. src/claude/binary.ts
 * finds the one a launch runs; doctor needs all of them.
 */
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Env } from '../paths.js';

export interface ClaudeOnPath {
  path: string;
  realPath: string;
}

export function claudesOnPath(env: Env): ClaudeOnPath[] {
  const out: ClaudeOnPath[] = [];
  const seen = new Set<string>();
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const path = join(dir, 'claude');
    try {
      if (!statSync(path).isFile()) continue;
      accessSync(path, constants.X_OK);
      const realPath = realpathSync(path);
      if (seen.has(realPath)) continue;
      seen.add(realPath);
      out.push({ path, realPath });
    } catch {
      // not there, or not executable
    }
  }
  return out;
}
