/**
 * The subscription login: `.credentials.json` in $CLAUDE_CONFIG_DIR (default ~/.claude) and
 * in each subscription profile's own --config-dir. Unreadable, malformed, expired, or
 * readable by others. The fix names that one file (or `ccenv @NAME auth logout`), never the
 * whole directory, which also holds history, projects and settings.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { claudeConfigDir } from '../claude/settings.js';
import { BUILTIN_PROFILE } from '../profiles/names.js';
import { tilde, type Check, type DoctorInput, type Finding } from './finding.js';

interface LoginDir {
  dir: string;
  /** The profile that uses this directory, when it is not the default one. */
  profile?: string;
}

function loginDirs(input: DoctorInput): LoginDir[] {
  const dirs: LoginDir[] = [];
  const seen = new Set<string>();
  if (!input.only || input.profiles.some(([, p]) => p.kind === 'subscription' && !p.configDir)) {
    const dir = claudeConfigDir(input.env);
    dirs.push({ dir });
    seen.add(dir);
  }
  for (const [name, profile] of input.profiles) {
    if (profile.kind !== 'subscription' || !profile.configDir) continue;
    const dir = claudeConfigDir(input.env, profile.configDir);
    if (seen.has(dir)) continue;
    seen.add(dir);
    dirs.push({ dir, profile: name });
  }
  return dirs;
}

/**
 * `claude auth ...` for this directory, spelled through ccenv so that a leftover credential
 * variable in the shell (ANTHROPIC_AUTH_TOKEN, ...) cannot take part: `ccenv @NAME auth login`.
 */
export function claudeCommand(login: LoginDir, input: DoctorInput, args: string): string {
  if (login.profile) return `ccenv @${login.profile} ${args}`;
  // The built-in profile uses ~/.claude; a $CLAUDE_CONFIG_DIR elsewhere is better kept as a profile.
  if (login.dir === join(input.home, '.claude')) return `ccenv @${BUILTIN_PROFILE} ${args}`;
  return `ccenv add NAME --kind subscription --config-dir ${tilde(login.dir, input.home)}, then ccenv @NAME ${args}`;
}

export function loginFindings(login: LoginDir, input: DoctorInput, platform: NodeJS.Platform = process.platform): Finding[] {
  const path = join(login.dir, '.credentials.json');
  const shown = tilde(path, input.home);
  const whose = login.profile ? `the login of profile ${login.profile}` : 'your subscription login';
  const logout = claudeCommand(login, input, 'auth logout');
  const relogin = claudeCommand(login, input, 'auth login');
  const keep = `only that file: history, projects and settings in ${tilde(login.dir, input.home)} stay`;
  let stat;
  try {
    stat = statSync(path);
  } catch {
    if (platform === 'darwin' && !login.profile) return [];
    return [
      {
        id: 'login.none',
        severity: login.profile ? 'warning' : 'ok',
        what: `no subscription login in ${tilde(login.dir, input.home)}${login.profile ? ` (profile ${login.profile})` : ''}`,
        ...(login.profile ? { why: `profile ${login.profile} cannot start until it has one`, fix: relogin } : {}),
      },
    ];
  }
  const out: Finding[] = [];
  if (platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    out.push({
      id: 'login.mode',
      severity: 'error',
      what: `${shown} is readable by others (mode ${(stat.mode & 0o777).toString(8).padStart(4, '0')})`,
      where: { file: path },
      why: `it holds ${whose}: anyone on this machine who can read it can use your account`,
      fix: `chmod 600 ${shown}`,
      fixable: { kind: 'chmod', file: path, mode: 0o600 },
    });
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    out.push({
      id: 'login.unreadable',
      severity: 'error',
      what: `${shown} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      where: { file: path },
      why: `claude cannot use ${whose}`,
      fix: `make it yours and private (chown $USER ${shown}; chmod 600 ${shown}), or remove that file (${keep}) and run ${relogin}`,
    });
    return out;
  }
  let oauth: Record<string, unknown> | undefined;
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    const inner = data?.claudeAiOauth;
    if (inner && typeof inner === 'object' && typeof (inner as Record<string, unknown>).accessToken === 'string') {
      oauth = inner as Record<string, unknown>;
    }
  } catch {
    // malformed: below
  }
  if (!oauth) {
    out.push({
      id: 'login.malformed',
      severity: 'error',
      what: `${shown} is malformed: no claudeAiOauth login in it`,
      where: { file: path },
      why: `claude treats ${whose} as logged out, and may fail to write a new one`,
      fix: `run ${logout} (or delete ${shown}: ${keep}), then ${relogin}`,
    });
    return out;
  }
  const expiresAt = typeof oauth.expiresAt === 'number' ? oauth.expiresAt : undefined;
  const canRefresh = typeof oauth.refreshToken === 'string' && oauth.refreshToken !== '';
  if (expiresAt !== undefined && expiresAt < input.now) {
    const when = new Date(expiresAt).toISOString().slice(0, 16).replace('T', ' ');
    if (canRefresh) {
      out.push({ id: 'login.refresh', severity: 'ok', what: `${whose}: the access token expired ${when} UTC; claude renews it at its next start` });
    } else {
      out.push({
        id: 'login.expired',
        severity: 'error',
        what: `${whose} in ${shown} expired ${when} UTC and cannot be renewed (no refresh token)`,
        where: { file: path },
        why: 'claude will ask you to log in, or fail in scripts',
        fix: `run ${relogin} (or ${logout} first; ${keep})`,
      });
    }
  }
  if (out.length === 0) {
    const plan = typeof oauth.subscriptionType === 'string' ? ` (${oauth.subscriptionType})` : '';
    out.push({ id: 'login.ok', severity: 'ok', what: `${whose}${plan} in ${shown} looks fine` });
  }
  return out;
}

export const login: Check = {
  name: 'subscription login',
  async run(input) {
    return loginDirs(input).flatMap((dir) => loginFindings(dir, input));
  },
};
