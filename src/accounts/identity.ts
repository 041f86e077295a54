/**
 * Who a config directory is logged in as, from what Claude Code stored there: the account
 * block of `.claude.json` (e-mail, organisation, plan name) and the login's plan and expiry
 * in `.credentials.json`. No request, no token read out: only those fields are kept.
 */
import { join } from 'node:path';
import { CREDENTIALS_FILE, GLOBAL_CONFIG_LIMIT, globalConfigFile, mainClaudeDir, storedAccount, type StoredAccount } from '../claude/account-files.js';
import { readLoginFile, type OauthLogin } from '../claude/login-store.js';
import { readBounded } from '../fs/bounded.js';
import type { Env } from '../paths.js';
import type { Profile } from '../profiles/types.js';

export interface AccountIdentity extends StoredAccount {
  loggedIn: boolean;
  /**
   * macOS with no login file: Claude Code keeps the login in the Keychain, which ccenv does
   * not read for this (macOS may ask the user), so whether it is there is not known.
   */
  inKeychain?: boolean;
  /** `subscriptionType` of the login ("max", "pro"). */
  plan?: string;
  /** The access token expired and there is no refresh token to renew it. */
  expired?: boolean;
  /** The login file is there but not a login: malformed, or cannot be read (not on macOS). */
  loginProblem?: { state: 'malformed' | 'unreadable'; why: string };
}

/** The login file's `claudeAiOauth`, or why it is not one; neither when there is no file. */
function readLogin(path: string): { oauth?: Partial<OauthLogin>; problem?: NonNullable<AccountIdentity['loginProblem']> } {
  const read = readLoginFile(path);
  if (read.state === 'present') return { oauth: read.login };
  if (read.state === 'malformed' || read.state === 'unreadable') return { problem: { state: read.state, why: read.why } };
  // None, or a Keychain overflow pointer: the login is elsewhere, as with no file.
  return {};
}

function readJson(path: string, limit: number): unknown {
  try {
    return JSON.parse(readBounded(path, limit).toString('utf8'));
  } catch {
    return undefined;
  }
}

/** `configDir` undefined: the main login (~/.claude and ~/.claude.json). */
export function accountIdentity(env: Env, configDir: string | undefined, now: number = Date.now(), platform: NodeJS.Platform = process.platform): AccountIdentity {
  const stored = storedAccount(readJson(globalConfigFile(env, configDir), GLOBAL_CONFIG_LIMIT)) ?? {};
  const { oauth, problem } = readLogin(join(configDir ?? mainClaudeDir(env), CREDENTIALS_FILE));
  const loggedIn = typeof oauth?.accessToken === 'string' && oauth.accessToken !== '';
  const out: AccountIdentity = {
    loggedIn,
    ...stored,
    ...(!loggedIn && platform === 'darwin' ? { inKeychain: true } : {}),
    ...(problem && platform !== 'darwin' ? { loginProblem: problem } : {}),
  };
  if (loggedIn && typeof oauth.subscriptionType === 'string') out.plan = oauth.subscriptionType;
  const canRefresh = typeof oauth?.refreshToken === 'string' && oauth.refreshToken !== '';
  if (loggedIn && typeof oauth.expiresAt === 'number' && oauth.expiresAt < now && !canRefresh) out.expired = true;
  return out;
}

/** "one@example.com, Org One, max" / "not logged in": for list, show and the status line. */
export function describeIdentity(id: AccountIdentity): string {
  if (id.inKeychain) {
    const known = [id.email, id.organization, id.planName].filter((p): p is string => Boolean(p));
    return `${known.length > 0 ? `${known.join(', ')}; ` : ''}the login is kept in the macOS Keychain (not read here: ccenv status --verify asks claude)`;
  }
  if (id.loginProblem) return `${id.email ? `${id.email}, ` : ''}${id.loginProblem.state}: ${id.loginProblem.why}`;
  if (!id.loggedIn) return id.email ? `not logged in (was ${id.email})` : 'not logged in';
  const parts = [id.email ?? 'logged in', id.organization, id.planName ?? id.plan].filter((p): p is string => Boolean(p));
  return `${parts.join(', ')}${id.expired ? ' (login expired)' : ''}`;
}

/**
 * The account of a subscription profile that uses a login (not a setup-token), read once per
 * config directory (`seen`); undefined for other profiles.
 */
export function identityOf(env: Env, profile: Profile, seen: Map<string, AccountIdentity | undefined> = new Map()): AccountIdentity | undefined {
  if (profile.kind !== 'subscription' || profile.hasSecret) return undefined;
  const key = profile.configDir ?? '';
  if (!seen.has(key)) seen.set(key, accountIdentity(env, profile.configDir));
  return seen.get(key);
}

/**
 * The account of a subscription login profile where its login can be seen without asking
 * anyone: Claude Code's `.credentials.json`. undefined for other profiles, and on macOS,
 * where Claude Code keeps the login in the Keychain (a read there may make macOS ask).
 */
export function knownIdentity(env: Env, profile: Profile, platform: NodeJS.Platform = process.platform): AccountIdentity | undefined {
  return platform === 'darwin' ? undefined : identityOf(env, profile);
}

/**
 * What to run about a profile's login, for status and list: the repair doctor gives for a
 * malformed login, doctor itself for one that cannot be read (what to do depends on why).
 */
export function loginProblemFix(name: string, id: AccountIdentity): string | undefined {
  if (id.loginProblem?.state === 'malformed') return `fix: ccenv login --repair ${name}`;
  if (id.loginProblem?.state === 'unreadable') return `see: ccenv doctor @${name}`;
  return undefined;
}

/** The command that logs a subscription profile in. */
export function loginCommand(name: string): string {
  return `ccenv login ${name}`;
}
