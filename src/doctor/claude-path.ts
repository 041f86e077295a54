/**
 * Every `claude` on PATH, in the order the shell would find them, with its version. A
 * small scan of doctor's own until a shared one exists in src/claude/binary.ts.
 */
import { execFile } from 'node:child_process';
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

/** `claude --version`, first line; undefined when it fails or takes more than 10 seconds. */
export function claudeVersion(path: string, env: Env): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(path, ['--version'], { env: env as NodeJS.ProcessEnv, timeout: 10_000 }, (error, stdout) => {
      const line = String(stdout).trim().split('\n')[0];
      resolve(error || !line ? undefined : line);
    });
  });
}
