/**
 * After an interactive session claude prints `claude --resume <id>`; a plain `claude` would
 * resume it under whatever credential the shell has. ccenv says once, per user, how to
 * resume it through ccenv instead. Never with -p, nor when stdout is not a terminal.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, type Env } from '../paths.js';

const PRINT_FLAGS = new Set(['-p', '--print']);

/** The line to say after this session, or undefined; records that it was said. */
export function resumeHintOnce(env: Env, profile: string, args: readonly string[], terminal: boolean): string | undefined {
  if (!terminal || env.CCENV_QUIET === '1') return undefined;
  const end = args.indexOf('--');
  if ((end === -1 ? args : args.slice(0, end)).some((a) => PRINT_FLAGS.has(a))) return undefined;
  const marker = join(dataDir(env), 'resume-hint-said');
  if (existsSync(marker)) return undefined;
  try {
    mkdirSync(dataDir(env), { recursive: true, mode: 0o700 });
    writeFileSync(marker, '', { mode: 0o600 });
  } catch {
    return undefined; // never say it at every launch because the note cannot be kept
  }
  return `to resume a session under the same profile, use \`cc --resume <id>\` (or \`ccenv @${profile} --resume <id>\`) rather than \`claude --resume <id>\`; said once`;
}
