/**
 * What can be known of Claude Code's own login without a request: the expiry recorded in
 * `<config dir>/.credentials.json`. Read bounded, never written: the login is Claude
 * Code's, and refreshing it here would log Claude Code out (refresh tokens are single-use).
 */
import { join } from 'node:path';
import { claudeConfigDir } from '../claude/settings.js';
import { readBounded, UnreadableFileError } from '../fs/bounded.js';
import type { Env } from '../paths.js';
import type { Verdict } from './classify.js';

const LIMIT = 64 * 1024;

export const LOGIN_NOT_CHECKED = 'checking a login would need a request Claude Code owns; ccenv never refreshes it';

export function loginVerdict(env: Env, configDir: string | undefined, now: number, platform: NodeJS.Platform = process.platform): Verdict {
  const path = join(claudeConfigDir(env, configDir), '.credentials.json');
  let text: string;
  try {
    text = readBounded(path, LIMIT).toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      const where = platform === 'darwin' ? ' (on macOS the login may be in the keychain)' : '';
      return { status: 'unchecked', detail: `no login in ${path}${where}; ${LOGIN_NOT_CHECKED}` };
    }
    const why = error instanceof UnreadableFileError ? error.message : (code ?? (error as Error).message);
    return { status: 'unchecked', detail: `${path} cannot be read: ${why}` };
  }
  let oauth: { expiresAt?: unknown; refreshToken?: unknown } | undefined;
  try {
    const inner = (JSON.parse(text) as { claudeAiOauth?: unknown } | null)?.claudeAiOauth;
    if (inner && typeof inner === 'object') oauth = inner as typeof oauth;
  } catch {
    // malformed: below
  }
  if (!oauth) return { status: 'unchecked', detail: `${path} holds no claudeAiOauth login (ccenv doctor says more)` };
  const expiresAt = typeof oauth.expiresAt === 'number' ? oauth.expiresAt : undefined;
  const canRefresh = typeof oauth.refreshToken === 'string' && oauth.refreshToken !== '';
  if (expiresAt !== undefined && expiresAt < now) {
    const when = `${new Date(expiresAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    if (!canRefresh) return { status: 'expired', detail: `the login expired ${when} and has no refresh token: log in again` };
    return { status: 'unchecked', detail: `the access token expired ${when}; Claude Code renews it at its next start; ${LOGIN_NOT_CHECKED}` };
  }
  return { status: 'unchecked', detail: LOGIN_NOT_CHECKED };
}
