/**
 * `ccenv exec` by execve(2) where Node has `process.execve` (22.15+, 23.11+): ccenv becomes
 * the command, so no Node process waits beside it, and its exit status and signals are the
 * command's own. Only where no descriptor has to survive (exec mode hands secrets in
 * variables); elsewhere, and on older Node, spawn.ts spawns and waits.
 */
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { isExecutableFile } from '../claude/binary.js';
import type { Env } from '../paths.js';
import { childEnvironment, type LaunchPlan } from './plan.js';

type Execve = (file: string, args: readonly string[], env: Record<string, string>) => never;

/** The file the command names, searched on PATH as a shell would; undefined when there is none to run. */
export function commandPath(command: string, env: Env, cwd: string): string | undefined {
  if (command.includes('/')) {
    const path = resolve(cwd, command);
    return isExecutableFile(path) ? path : undefined;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const path = join(isAbsolute(dir) ? dir : resolve(cwd, dir), command);
    if (isExecutableFile(path)) return path;
  }
  return undefined;
}

/**
 * Replaces ccenv by the plan's command and does not return; returns when that cannot be done
 * (no process.execve, descriptors to pass, a command not found: spawn.ts reports it as before).
 */
export function execInPlace(plan: LaunchPlan, caller: Env, cwd: string, execve: Execve | null = (process as { execve?: Execve }).execve ?? null): void {
  if (typeof execve !== 'function' || plan.mode !== 'exec' || plan.descriptors.length > 0) return;
  const env = childEnvironment(plan, caller);
  const file = commandPath(plan.command, env, cwd);
  if (file === undefined) return;
  // Node ignores SIGPIPE and SIGXFSZ, and execve keeps what is ignored: a listener makes them
  // caught instead, which execve resets to their defaults, as a spawned child has them.
  for (const signal of ['SIGPIPE', 'SIGXFSZ'] as const) process.on(signal, () => {});
  try {
    execve.call(process, file, [plan.command, ...plan.args], env);
  } catch {
    // not replaced: spawn and wait, as on an older Node
  }
}
