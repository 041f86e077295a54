/**
 * A launch adds a StopFailure hook of ccenv's own (`ccenv health-hook`) through the
 * `--settings` it already passes: a turn that ends in a failed credential is recorded for
 * the launched profile, tagged with this launch (CCENV_LAUNCH_ID). Hooks from `--settings`
 * run beside those of every other settings layer, and a `--settings` the user gave is
 * merged, its own StopFailure hooks kept: no hook of the user's is replaced.
 */
import { chmodSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stateDir, type Env } from '../paths.js';
import { commandHook, STOP_FAILURE } from '../claude/hooks.js';
import { CLAUDE_SUBCOMMANDS } from '../claude/subcommands.js';
import { shellWord } from '../shells/sh-word.js';
import type { LaunchPlan } from './plan.js';
import { findUserSettings } from './settings-override.js';
import { isAlive } from '../process-alive.js';

export const LAUNCH_ID_VARIABLE = 'CCENV_LAUNCH_ID';

/**
 * The hook's command line. Claude Code does not wait for a StopFailure hook when a `-p` run
 * ends (a hook that took 2 s never finished, seen on 2.1.332), so the hook first appends
 * its input to this launch's file with sh's own tools, which the waiting ccenv reads after
 * claude exits; then `ccenv health-hook` (this node and this ccenv's entry, by absolute
 * path: it works installed, through npx and from a clone) records it at once, for other
 * launches while the session goes on.
 */
export function failureHookCommand(file: string, node: string = process.execPath, entry: string | null = process.argv[1] ?? null): string {
  const keep = `mkdir -p ${shellWord(dirname(file))} && `;
  if (!entry) return `${keep}cat >> ${shellWord(file)}`;
  let path = entry;
  try {
    path = realpathSync(entry);
  } catch {
    // the path as given
  }
  return `${keep}tee -a ${shellWord(file)} | ${shellWord(node)} ${shellWord(path)} health-hook`;
}

/** Where a launch's hook leaves what it saw: one file per launch, under ccenv's state directory. */
export function failureFile(env: Env, launchId: string): string {
  return join(stateDir(env), 'sessions', `${launchId}.jsonl`);
}

/**
 * failureFile, its directory made (or made again) one only the user can enter, before
 * claude starts: the hook's input holds the conversation's last words.
 */
export function prepareFailureFile(env: Env, launchId: string, now: number = Date.now()): string {
  const file = failureFile(env, launchId);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  chmodSync(dirname(file), 0o700);
  removeStaleFailureFiles(dirname(file), now);
  return file;
}

/** A launch's file no ccenv will read: its ccenv is gone, and nothing was written to it for this long. */
export const STALE_FAILURE_FILE_MS = 86_400_000;

/**
 * Removes the files of launches whose ccenv was ended before it could read and remove its
 * own (they may hold a conversation's last words): its process is gone (the pid is in the
 * launch id) and the file has not changed for a day. A ccenv that may still run (in another
 * PID namespace, say) keeps its file for that day.
 */
function removeStaleFailureFiles(dir: string, now: number): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const id = /^[0-9a-z]+-([0-9a-z]+)-[0-9a-z]+\.jsonl$/.exec(name);
    if (!id || isAlive(parseInt(id[1]!, 36))) continue;
    const path = join(dir, name);
    try {
      const stat = statSync(path);
      if (stat.isFile() && now - stat.mtimeMs > STALE_FAILURE_FILE_MS) rmSync(path, { force: true });
    } catch {
      // gone meanwhile, or not ours to remove: left as it is
    }
  }
}

/** A new id for one launch: a file name, compared for equality, never secret. */
export function newLaunchId(now: number = Date.now(), pid: number = process.pid): string {
  return `${now.toString(36)}-${pid.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Whether these arguments start a session (not `claude mcp list`, `--version`, ...). */
function startsSession(args: readonly string[]): boolean {
  const first = args[0];
  if (first === undefined) return true;
  return !CLAUDE_SUBCOMMANDS.has(first) && !['-v', '--version', '-h', '--help'].includes(first);
}

/**
 * Pure but for reading a `--settings` file the user named: the plan with the hook and the
 * launch id added. Throws as findUserSettings does for a `--settings` that cannot be read.
 */
export function addFailureHook(plan: LaunchPlan, command: string, launchId: string, cwd: string): LaunchPlan {
  if (plan.mode !== 'claude' || !startsSession(plan.args)) return plan;
  const given = findUserSettings(plan.args, cwd);
  const value: Record<string, unknown> = { ...given?.value };
  const hooks = typeof value.hooks === 'object' && value.hooks !== null && !Array.isArray(value.hooks) ? { ...(value.hooks as Record<string, unknown>) } : {};
  const theirs = Array.isArray(hooks[STOP_FAILURE]) ? (hooks[STOP_FAILURE] as unknown[]) : [];
  hooks[STOP_FAILURE] = [...theirs, commandHook(command)];
  value.hooks = hooks;
  const args = [...plan.args];
  for (const { index, words } of [...(given?.at ?? [])].reverse()) args.splice(index, words);
  args.unshift('--settings', JSON.stringify(value));
  return { ...plan, args, set: { ...plan.set, [LAUNCH_ID_VARIABLE]: launchId } };
}
