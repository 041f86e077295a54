/**
 * Claude Code's process wrapper and the background service it starts processes for
 * (docs/claude-code.md, "Background sessions and the process wrapper").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBounded } from '../fs/bounded.js';
import { isAlive } from '../process-alive.js';

/** The variable naming a launcher for every process Claude Code starts from its own binary. */
export const PROCESS_WRAPPER_VARIABLE = 'CLAUDE_CODE_PROCESS_WRAPPER';
/** The settings key with the same meaning; the variable wins over it. */
export const PROCESS_WRAPPER_SETTING = 'processWrapper';
/** The first Claude Code that reads either. */
export const WRAPPER_SINCE = '2.1.208';

/** Options that hand a session to the background service. */
const BACKGROUND_OPTIONS = new Set(['--bg', '--background']);

/** Whether claude's arguments ask for a background session (before any `--`). */
export function asksForBackground(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (BACKGROUND_OPTIONS.has(arg) || arg.startsWith('--bg=') || arg.startsWith('--background=')) return true;
  }
  return false;
}

/** `2.1.332 (Claude Code)` -> [2, 1, 332]; undefined when it is not a version. */
export function parseVersion(text: string): [number, number, number] | undefined {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(text);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** Whether a `claude --version` line names a Claude Code that reads the wrapper variable. */
export function readsProcessWrapper(versionLine: string): boolean | undefined {
  const version = parseVersion(versionLine);
  if (!version) return undefined;
  const since = parseVersion(WRAPPER_SINCE)!;
  for (let i = 0; i < 3; i++) if (version[i] !== since[i]) return version[i]! > since[i]!;
  return true;
}

/** The background service of one Claude config directory, as seen from outside. */
export interface BackgroundService {
  pid: number;
  /** The variables it runs with, or undefined when they cannot be read (another user, not Linux). */
  env?: Record<string, string>;
}

/** `daemon.status.json` beside Claude's config: the running service's pid. */
export function serviceStatusFile(claudeConfigDir: string): string {
  return join(claudeConfigDir, 'daemon.status.json');
}

/** A process's environment from /proc, or undefined. */
function processEnvironment(pid: number): Record<string, string> | undefined {
  try {
    const env: Record<string, string> = {};
    for (const entry of readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0')) {
      const eq = entry.indexOf('=');
      if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
    return env;
  } catch {
    return undefined;
  }
}

/** The running background service of a Claude config directory, or undefined when none runs. */
export function runningService(claudeConfigDir: string): BackgroundService | undefined {
  let pid: unknown;
  try {
    pid = (JSON.parse(readBounded(serviceStatusFile(claudeConfigDir), 64 << 10).toString('utf8')) as { supervisorPid?: unknown }).supervisorPid;
  } catch {
    return undefined;
  }
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  const env = processEnvironment(pid);
  return env ? { pid, env } : { pid };
}
