/**
 * The subscription login, where Claude Code keeps it (src/claude/login-store.ts:
 * `.credentials.json` in the config directory, or the macOS Keychain item named for it),
 * for $CLAUDE_CONFIG_DIR (default ~/.claude) and each subscription profile's own
 * --config-dir. Unreadable, malformed, expired, rejected by a check, or readable by others.
 * The fix names that one login (or `ccenv login --repair`), never the whole directory,
 * which also holds history, projects and settings.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { keychainNotice, loginAccount, loginStore, notFileAdvice, type KeychainReader, type LoginStore } from '../claude/login-store.js';
import { claudeConfigDir } from '../claude/settings.js';
import { counts, readHealth } from '../health/state.js';
import { loginConfigDir } from '../accounts/login.js';
import { BUILTIN_PROFILE } from '../profiles/names.js';
import type { Profile } from '../profiles/types.js';
import { tilde, type Check, type DoctorInput, type Finding } from './finding.js';

export interface LoginDir {
  dir: string;
  /** The profile that uses this directory, when it is not the default one. */
  profile?: string;
  /** The profile's own config directory, as its launches set CLAUDE_CONFIG_DIR. */
  configDir?: string;
}

function loginDirs(input: DoctorInput): LoginDir[] {
  const dirs: LoginDir[] = [];
  const seen = new Set<string>();
  const own = (name: string, p: Profile) => loginConfigDir(input.env, name, p);
  if (!input.only || input.profiles.some(([name, p]) => p.kind === 'subscription' && !own(name, p) && !p.hasSecret)) {
    const dir = claudeConfigDir(input.env);
    dirs.push({ dir });
    seen.add(dir);
  }
  for (const [name, profile] of input.profiles) {
    const configDir = own(name, profile);
    if (profile.kind !== 'subscription' || !configDir || profile.hasSecret) continue;
    const dir = claudeConfigDir(input.env, configDir);
    if (seen.has(dir)) continue;
    seen.add(dir);
    dirs.push({ dir, profile: name, configDir });
  }
  return dirs;
}

/** The profile whose login lives in this directory: its own, or the built-in one for ~/.claude. */
function profileOf(login: LoginDir, input: DoctorInput): string | undefined {
  if (login.profile) return login.profile;
  if (login.dir === join(input.home, '.claude')) return BUILTIN_PROFILE;
  return undefined;
}

/**
 * `claude auth ...` for this directory, spelled through ccenv so that a leftover credential
 * variable in the shell (ANTHROPIC_AUTH_TOKEN, ...) cannot take part: `ccenv @NAME auth login`.
 */
export function claudeCommand(login: LoginDir, input: DoctorInput, args: string): string {
  const name = profileOf(login, input);
  if (name) return `ccenv @${name} ${args}`;
  // A $CLAUDE_CONFIG_DIR elsewhere is better kept as a profile.
  return `ccenv add NAME --kind subscription --config-dir ${tilde(login.dir, input.home)}, then ccenv @NAME ${args}`;
}

/** `ccenv login --repair NAME` for this directory, when a profile stands for it. */
function repairCommand(login: LoginDir, input: DoctorInput): string | undefined {
  const name = profileOf(login, input);
  return name ? `ccenv login --repair ${name}` : undefined;
}

export interface LoginCheckOptions {
  platform?: NodeJS.Platform;
  keychain?: KeychainReader;
  /** Said before a read that may make macOS ask for permission. */
  notice?: (line: string) => void;
}

export async function loginFindings(login: LoginDir, input: DoctorInput, options: LoginCheckOptions = {}): Promise<Finding[]> {
  const platform = options.platform ?? process.platform;
  const store: LoginStore = loginStore({ env: input.env, configDir: login.configDir, platform, ...(options.keychain ? { keychain: options.keychain } : {}) });
  const isFile = store.kind === 'file';
  const shown = isFile ? tilde(store.where, input.home) : store.where;
  const whose = login.profile ? `the login of profile ${login.profile}` : 'your subscription login';
  const logout = claudeCommand(login, input, 'auth logout');
  const relogin = claudeCommand(login, input, 'auth login');
  const repair = repairCommand(login, input);
  const name = profileOf(login, input);
  const repairable = name ? { fixable: { kind: 'repair-login' as const, profile: name, dir: login.dir } } : {};
  const orRepair = repair ? `; or in one step: ${repair}` : '';
  const keep = isFile
    ? `only that file: history, projects and settings in ${tilde(login.dir, input.home)} stay`
    : `only that item: history, projects and settings in ${tilde(login.dir, input.home)} stay`;
  const where = isFile ? { where: { file: store.where } } : {};
  if (store.mayAsk) (options.notice ?? ((line) => void process.stderr.write(`${line}\n`)))(keychainNotice(store));
  const read = await store.read();
  if (read.state === 'absent') {
    if (platform === 'darwin' && !login.profile) return [];
    return [
      {
        id: 'login.none',
        severity: login.profile ? 'warning' : 'ok',
        what: `no subscription login in ${tilde(login.dir, input.home)}${login.profile ? ` (profile ${login.profile})` : ''}`,
        ...(login.profile ? { why: `profile ${login.profile} cannot start until it has one`, fix: `${relogin} (or: ccenv login ${login.profile})` } : {}),
      },
    ];
  }
  const out: Finding[] = [];
  if (isFile && platform !== 'win32') {
    let mode: number | undefined;
    try {
      const stats = statSync(store.where);
      // A directory, a FIFO, ...: no mode makes it a login (the read says what it is).
      if (stats.isFile()) mode = stats.mode;
    } catch {
      // gone meanwhile, or a dangling link: the read says more
    }
    if (mode !== undefined && (mode & 0o077) !== 0) {
      out.push({
        id: 'login.mode',
        severity: 'error',
        what: `${shown} is readable by others (mode ${(mode & 0o777).toString(8).padStart(4, '0')})`,
        where: { file: store.where },
        why: `it holds ${whose}: anyone on this machine who can read it can use your account`,
        fix: `chmod 600 ${shown}`,
        fixable: { kind: 'chmod', file: store.where, mode: 0o600 },
      });
    }
  }
  if (read.state === 'unreadable' && read.notFile) {
    out.push({
      id: 'login.not-file',
      severity: 'error',
      what: `${shown} is ${read.notFile}, not a login file`,
      ...where,
      why: `claude keeps ${whose} in a file of that name, and cannot while this is there`,
      fix: `${notFileAdvice(input.env, store.where)}; then run ${relogin}`,
    });
    return out;
  }
  if (read.state === 'unreadable') {
    out.push({
      id: 'login.unreadable',
      severity: 'error',
      what: `${shown} cannot be read: ${read.why}`,
      ...where,
      why: `claude cannot use ${whose}`,
      fix: isFile
        ? `make it yours and private (chown $USER ${shown}; chmod 600 ${shown}), or remove that file (${keep}) and run ${relogin}`
        : `allow the read when macOS asks (Keychain Access shows the item), or run ${relogin}`,
    });
    return out;
  }
  if (read.state === 'opaque') {
    out.push({ id: 'login.opaque', severity: 'ok', what: `${whose} is in ${shown}: ${read.why}` });
    return out;
  }
  if (read.state === 'malformed') {
    out.push({
      id: 'login.malformed',
      severity: 'error',
      what: `${shown} is malformed: ${read.why}`,
      ...where,
      why: `claude treats ${whose} as logged out, and may fail to write a new one`,
      fix: `run ${logout} (or delete ${shown}: ${keep}), then ${relogin}${orRepair}`,
      ...repairable,
    });
    return out;
  }
  const { expiresAt, refreshToken, subscriptionType } = read.login;
  if (expiresAt !== undefined && expiresAt < input.now) {
    const when = new Date(expiresAt).toISOString().slice(0, 16).replace('T', ' ');
    if (refreshToken) {
      out.push({ id: 'login.refresh', severity: 'ok', what: `${whose}: the access token expired ${when} UTC; claude renews it at its next start` });
    } else {
      out.push({
        id: 'login.expired',
        severity: 'error',
        what: `${whose} in ${shown} expired ${when} UTC and cannot be renewed (no refresh token)`,
        ...where,
        why: 'claude will ask you to log in, or fail in scripts',
        fix: `run ${relogin} (or ${logout} first; ${keep})${orRepair}`,
        ...repairable,
      });
    }
  }
  const seen = name ? readHealth(input.env)[name] : undefined;
  if (seen && counts(seen, input.now) && seen.status === 'rejected') {
    out.push({
      id: 'login.rejected',
      severity: 'error',
      what: `${whose} in ${shown} was rejected (${seen.source}, ${new Date(seen.seenAt).toISOString().slice(0, 16).replace('T', ' ')} UTC: ${seen.detail})`,
      ...where,
      why: 'claude cannot use it until you log in again',
      fix: repair ?? `run ${logout}, then ${relogin}`,
      ...repairable,
    });
  }
  if (out.length === 0) {
    const account = loginAccount(input.env, login.configDir, input.home);
    const about = [subscriptionType, account?.email, account?.organization].filter(Boolean).join(', ');
    const plan = about ? ` (${about})` : '';
    out.push({ id: 'login.ok', severity: 'ok', what: `${whose}${plan} in ${shown} looks fine` });
  }
  return out;
}

export const login: Check = {
  name: 'subscription login',
  async run(input) {
    const notice = (line: string) => input.context.io.err(`${line}\n`);
    const out: Finding[] = [];
    for (const dir of loginDirs(input)) out.push(...(await loginFindings(dir, input, { notice })));
    return out;
  },
};
