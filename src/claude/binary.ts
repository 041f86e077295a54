/**
 * Which claude a launch runs: the profile's `--claude`, else the first `claude` on PATH that
 * is neither ccenv itself nor a wrapper that leads back to ccenv (which would loop).
 */
import { accessSync, closeSync, constants, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { CcenvError } from '../errors.js';
import type { Env } from '../paths.js';

export interface ClaudeBinary {
  path: string;
  /** Where the choice came from. */
  from: 'profile' | 'PATH';
  /** Binaries named claude on PATH that were passed over, and why. */
  skipped: { path: string; why: string }[];
}

export const INSTALL_HINT = 'install Claude Code: npm install -g @anthropic-ai/claude-code (or give a profile its own: ccenv edit NAME --claude PATH)';

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The start of a file, enough to see a script's shebang and body. */
function head(path: string, bytes = 8192): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(bytes);
    const n = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, n).toString('latin1');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Why a `claude` found on PATH is not the real one, or undefined when it is. */
export function leadsToCcenv(path: string, selves: ReadonlySet<string>): string | undefined {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return 'cannot be resolved';
  }
  if (selves.has(real)) return 'is ccenv itself';
  const start = head(real);
  // A script (not a compiled binary) that runs ccenv is a wrapper around us.
  if (start.startsWith('#!') && /\bccenv\b/.test(start)) return 'is a wrapper that runs ccenv';
  return undefined;
}

export interface ClaudeOnPath {
  path: string;
  realPath: string;
}

/**
 * Every executable `claude` on PATH, in the order the shell finds them, each real file once.
 * Lazy, so a launch stops at the first that will do; doctor takes them all.
 */
export function* claudesOnPath(env: Env, cwd: string): Generator<ClaudeOnPath> {
  const seen = new Set<string>();
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const path = join(isAbsolute(dir) ? dir : resolve(cwd, dir), 'claude');
    if (!isExecutableFile(path)) continue;
    let realPath: string;
    try {
      realPath = realpathSync(path);
    } catch {
      continue;
    }
    if (seen.has(realPath)) continue;
    seen.add(realPath);
    yield { path, realPath };
  }
}

/** The real paths of this ccenv: its bin script and bundle. */
export function selfPaths(argv1: string | undefined = process.argv[1]): Set<string> {
  const out = new Set<string>();
  if (!argv1) return out;
  try {
    out.add(realpathSync(argv1));
  } catch {
    // not a file: nothing to skip
  }
  return out;
}

export function findClaude(
  env: Env,
  cwd: string,
  profile?: { name: string; claude?: string | undefined },
  selves: ReadonlySet<string> = selfPaths(),
): ClaudeBinary {
  if (profile?.claude) {
    const path = isAbsolute(profile.claude) ? profile.claude : resolve(cwd, profile.claude);
    if (!isExecutableFile(path)) {
      throw new CcenvError(`the claude of profile ${profile.name}, ${path}, is not an executable file`, {
        hint: `fix it with: ccenv edit ${profile.name} --claude PATH (or use the claude on PATH: ccenv edit ${profile.name} --unset claude)`,
      });
    }
    return { path, from: 'profile', skipped: [] };
  }
  const skipped: ClaudeBinary['skipped'] = [];
  for (const { path } of claudesOnPath(env, cwd)) {
    const why = leadsToCcenv(path, selves);
    if (why) {
      skipped.push({ path, why });
      continue;
    }
    return { path, from: 'PATH', skipped };
  }
  const passed = skipped.length > 0 ? ` (passed over: ${skipped.map((s) => `${s.path} ${s.why}`).join('; ')})` : '';
  throw new CcenvError(`claude is not installed: no claude on PATH${passed}`, { hint: INSTALL_HINT, exitCode: 127 });
}

/** `claude --version`, first line, or undefined when it does not answer. */
export async function claudeVersion(path: string): Promise<string | undefined> {
  const { execFile } = await import('node:child_process');
  return new Promise((done) => {
    execFile(path, ['--version'], { timeout: 10_000, env: { ...process.env, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' } }, (error, stdout) => {
      if (error) return done(undefined);
      const line = String(stdout).split('\n')[0]?.trim();
      done(line || undefined);
    });
  });
}
