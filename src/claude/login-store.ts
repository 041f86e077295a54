/**
 * Where Claude Code keeps its subscription login, per platform, behind one interface:
 * `<config dir>/.credentials.json` on Linux and Windows, a Keychain item on macOS whose
 * service name Claude Code derives from CLAUDE_CONFIG_DIR (docs/claude-code.md, "Login
 * storage"). ccenv only reads it: the login is Claude Code's, and refreshing or writing it
 * would log Claude Code out (refresh tokens are single-use).
 */
import { createHash } from 'node:crypto';
import { lstatSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { kindOf, readBounded, UnreadableFileError } from '../fs/bounded.js';
import type { Env } from '../paths.js';
import { claudeConfigDir } from './settings.js';
import { shellWordForPath } from '../profiles/directory.js';

/** The file name, in the config directory, on every platform but macOS. */
export const CREDENTIALS_FILE = '.credentials.json';
/** The Keychain service name with no CLAUDE_CONFIG_DIR set. */
export const KEYCHAIN_SERVICE = 'Claude Code-credentials';
/** Far above a real login (about 500 bytes). */
export const LOGIN_LIMIT = 64 * 1024;

export interface OauthLogin {
  accessToken: string;
  refreshToken?: string;
  expiresAt?: number;
  subscriptionType?: string;
}

/** What the store holds, as far as ccenv can tell without a request. */
export type LoginRead =
  | { state: 'absent' }
  /**
   * Cannot be read here (a permission, not a regular file, the Keychain refused). `notFile`:
   * what the path is when it is not a regular file ("a directory"): no mode fixes that.
   */
  | { state: 'unreadable'; why: string; notFile?: string }
  /** Read, but not a login Claude Code can use: not JSON, no claudeAiOauth, no accessToken. */
  | { state: 'malformed'; why: string }
  /** Held in a form ccenv does not read (macOS: a keychainOverflow pointer); nothing to say. */
  | { state: 'opaque'; why: string }
  | { state: 'present'; login: OauthLogin };

export interface LoginStore {
  kind: 'file' | 'keychain';
  /** For people: a path, or `the macOS Keychain item "Claude Code-credentials-1a2b3c4d"`. */
  where: string;
  /** The file (kind `file`) or the Keychain service name (kind `keychain`). */
  name: string;
  /** Reading may make the OS ask the user for permission (the macOS Keychain). */
  mayAsk: boolean;
  read(): Promise<LoginRead & { bytes?: Buffer }>;
}

/** Pure: what a stored login's text says. */
export function parseLogin(text: string): Exclude<LoginRead, { state: 'absent' } | { state: 'unreadable' }> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { state: 'malformed', why: 'it is not JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { state: 'malformed', why: 'it is not a JSON object' };
  const record = data as Record<string, unknown>;
  const inner = record.claudeAiOauth;
  if (inner === undefined && typeof record.keychainOverflow === 'object' && record.keychainOverflow !== null) {
    return { state: 'opaque', why: 'the login is kept in a Keychain overflow section that ccenv does not read' };
  }
  if (typeof inner !== 'object' || inner === null) return { state: 'malformed', why: 'no claudeAiOauth login in it' };
  const o = inner as Record<string, unknown>;
  if (typeof o.accessToken !== 'string' || o.accessToken === '') return { state: 'malformed', why: 'its claudeAiOauth login has no accessToken' };
  if (o.expiresAt !== undefined && typeof o.expiresAt !== 'number') return { state: 'malformed', why: 'its expiresAt is not a number' };
  return {
    state: 'present',
    login: {
      accessToken: o.accessToken,
      ...(typeof o.refreshToken === 'string' && o.refreshToken !== '' ? { refreshToken: o.refreshToken } : {}),
      ...(typeof o.expiresAt === 'number' ? { expiresAt: o.expiresAt } : {}),
      ...(typeof o.subscriptionType === 'string' ? { subscriptionType: o.subscriptionType } : {}),
    },
  };
}

/**
 * Pure: Claude Code's Keychain service name for a login. `configDir` is CLAUDE_CONFIG_DIR
 * exactly as Claude Code sees it (unset or empty: no suffix); CLAUDE_SECURESTORAGE_CONFIG_DIR,
 * when set, is used instead (empty: no suffix). The suffix is the first 8 hex digits of the
 * SHA-256 of that string, NFC-normalised, not resolved: `~/a` and `~/a/` are two items.
 */
export function keychainService(configDir: string | undefined, secureStorageDir?: string): string {
  const source = secureStorageDir !== undefined ? secureStorageDir : configDir;
  if (!source) return KEYCHAIN_SERVICE;
  return `${KEYCHAIN_SERVICE}-${createHash('sha256').update(source.normalize('NFC')).digest('hex').slice(0, 8)}`;
}

/** Pure: the Keychain account Claude Code files the item under: $USER, else the OS user name, if safe. */
export function keychainAccount(env: Env, osUser: () => string = () => userInfo().username): string {
  let user: string;
  try {
    user = env.USER || osUser();
  } catch {
    return 'claude-code-user';
  }
  return /^[a-zA-Z0-9._-]+$/.test(user) ? user : 'claude-code-user';
}

/** Reads a Keychain item's password: undefined when there is none; throws when the Keychain refuses. */
export type KeychainReader = (service: string, account: string) => Promise<string | undefined>;

/** The real reader, through @napi-rs/keyring (never writes). */
export const systemKeychain: KeychainReader = async (service, account) => {
  const { createRequire } = await import('node:module');
  const { AsyncEntry } = createRequire(import.meta.url)('@napi-rs/keyring') as typeof import('@napi-rs/keyring');
  return (await new AsyncEntry(service, account).getPassword()) ?? undefined;
};

/**
 * The login file at `path`, read bounded and at once: absent (a dangling link is not), not a
 * regular file, unreadable, or what it says. What the file store reads, and `list` for each
 * profile without a promise per profile.
 */
export function readLoginFile(path: string): LoginRead & { bytes?: Buffer } {
  let bytes: Buffer;
  try {
    bytes = readBounded(path, LOGIN_LIMIT);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      // A dangling symlink is there all the same: not "absent".
      try {
        lstatSync(path);
      } catch {
        return { state: 'absent' };
      }
    }
    if (error instanceof UnreadableFileError && error.code === 'ENOTREG') {
      let notFile = 'not a regular file';
      try {
        notFile = kindOf(statSync(path));
      } catch {
        // gone meanwhile: still not a login file
      }
      return { state: 'unreadable', why: error.message, notFile };
    }
    return { state: 'unreadable', why: error instanceof UnreadableFileError ? error.message : (code ?? (error as Error).message) };
  }
  return { ...parseLogin(bytes.toString('utf8')), bytes };
}

export function fileLoginStore(dir: string): LoginStore {
  const path = join(dir, CREDENTIALS_FILE);
  return {
    kind: 'file',
    where: path,
    name: path,
    mayAsk: false,
    read: async () => readLoginFile(path),
  };
}

export function keychainLoginStore(service: string, account: string, reader: KeychainReader): LoginStore {
  return {
    kind: 'keychain',
    where: `the macOS Keychain item "${service}"`,
    name: service,
    mayAsk: true,
    async read() {
      let text: string | undefined;
      try {
        text = await reader(service, account);
      } catch (error) {
        return { state: 'unreadable', why: `the Keychain refused: ${error instanceof Error ? error.message : String(error)}` };
      }
      if (text === undefined) return { state: 'absent' };
      return { ...parseLogin(text), bytes: Buffer.from(text) };
    },
  };
}

export interface LoginStoreOptions {
  env: Env;
  /** A profile's own config directory (CLAUDE_CONFIG_DIR for its launches); else $CLAUDE_CONFIG_DIR, else ~/.claude. */
  configDir?: string | undefined;
  platform?: NodeJS.Platform;
  keychain?: KeychainReader;
}

/** The store Claude Code uses for this config directory on this platform. */
export function loginStore({ env, configDir, platform = process.platform, keychain = systemKeychain }: LoginStoreOptions): LoginStore {
  if (platform === 'darwin') {
    return keychainLoginStore(keychainService(configDir || env.CLAUDE_CONFIG_DIR, env.CLAUDE_SECURESTORAGE_CONFIG_DIR), keychainAccount(env), keychain);
  }
  return fileLoginStore(claudeConfigDir(env, configDir));
}

/**
 * What to do with a login path that is not a regular file: move it aside, with a command
 * that works as typed whatever the path holds. Nothing of ccenv's deletes it: it may hold
 * something of the user's.
 */
export function notFileAdvice(env: Env, path: string): string {
  const word = shellWordForPath(env, path);
  return `move it aside (mv ${word} ${word}.moved) and look at what it holds; ccenv never deletes it`;
}

/** The line said before a read that may make macOS ask for permission. */
export function keychainNotice(store: LoginStore): string {
  return `ccenv: reading Claude Code's login from ${store.where} (read only); macOS may ask you to allow it`;
}

/**
 * Which account a login is: `oauthAccount` in Claude Code's global file, `.claude.json` in
 * CLAUDE_CONFIG_DIR when set, else in the home directory (not in ~/.claude). Read bounded;
 * undefined when absent or unreadable.
 */
export function loginAccount(env: Env, configDir: string | undefined, home: string): { email?: string; organization?: string } | undefined {
  const dir = configDir || env.CLAUDE_CONFIG_DIR || home;
  let data: unknown;
  try {
    data = JSON.parse(readBounded(join(dir, '.claude.json'), 4 << 20).toString('utf8'));
  } catch {
    return undefined;
  }
  const account = (data as { oauthAccount?: unknown } | null)?.oauthAccount;
  if (typeof account !== 'object' || account === null) return undefined;
  const { emailAddress, organizationName } = account as Record<string, unknown>;
  const out = {
    ...(typeof emailAddress === 'string' ? { email: emailAddress } : {}),
    ...(typeof organizationName === 'string' ? { organization: organizationName } : {}),
  };
  return out.email || out.organization ? out : undefined;
}
