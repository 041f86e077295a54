/**
 * What can be known of Claude Code's own login without a request: the expiry recorded where
 * Claude Code keeps it (src/claude/login-store.ts: the file, or the macOS Keychain). Read
 * bounded, never written: the login is Claude Code's, and refreshing it here would log
 * Claude Code out (refresh tokens are single-use).
 */
import { keychainNotice, loginStore, type KeychainReader } from '../claude/login-store.js';
import type { Env } from '../paths.js';
import type { Verdict } from './classify.js';

export const LOGIN_NOT_CHECKED = 'checking a login would need a request Claude Code owns; ccenv never refreshes it';

export interface LoginVerdictOptions {
  keychain?: KeychainReader;
  /** Where to say, before it happens, that macOS may ask for permission. */
  notice?: (line: string) => void;
  /** The profile whose login this is: the hint to log in again names it. */
  profile?: string;
}

export async function loginVerdict(
  env: Env,
  configDir: string | undefined,
  now: number,
  platform: NodeJS.Platform = process.platform,
  options: LoginVerdictOptions = {},
): Promise<Verdict> {
  const store = loginStore({ env, configDir, platform, ...(options.keychain ? { keychain: options.keychain } : {}) });
  if (store.mayAsk) (options.notice ?? ((line) => void process.stderr.write(`${line}\n`)))(keychainNotice(store));
  const read = await store.read();
  const path = store.where;
  switch (read.state) {
    case 'absent':
      return { status: 'unchecked', detail: `no login in ${path}; ${LOGIN_NOT_CHECKED}` };
    case 'unreadable':
      return { status: 'unchecked', detail: `${path} cannot be read: ${read.why}` };
    case 'malformed':
      return { status: 'unchecked', detail: `${path} holds no claudeAiOauth login (${read.why}; ccenv doctor says more)` };
    case 'opaque':
      return { status: 'unchecked', detail: `${read.why}; ${LOGIN_NOT_CHECKED}` };
  }
  const { expiresAt, refreshToken } = read.login;
  if (expiresAt !== undefined && expiresAt < now) {
    const when = `${new Date(expiresAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    if (!refreshToken) return { status: 'expired', detail: `the login expired ${when} and has no refresh token: log in again (ccenv login${options.profile ? ` ${options.profile}` : ''})` };
    return { status: 'unchecked', detail: `the access token expired ${when}; Claude Code renews it at its next start; ${LOGIN_NOT_CHECKED}` };
  }
  return { status: 'unchecked', detail: LOGIN_NOT_CHECKED };
}
