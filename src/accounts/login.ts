/**
 * Claude Code's own login and logout (`claude auth login|logout`) for a subscription
 * profile, run in that profile's config directory: CLAUDE_CONFIG_DIR is the profile's own
 * directory when it has one, else unset (Claude Code's default, ~/.claude), as a launch of
 * the profile sets it. Every other credential variable of the caller is left out, so the
 * login is the subscription's whatever the shell holds. The login itself is Claude Code's:
 * ccenv neither sees nor stores a token.
 *
 * Used by `ccenv login`/`logout`, `ccenv doctor --fix` and `ccenv add --own-login`.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { AUTH_LOGIN, AUTH_LOGOUT } from '../claude/subcommands.js';
import { isCredentialVariable } from '../claude/variables.js';
import { CcenvError } from '../errors.js';
import { join } from 'node:path';
import { dataDir, type Env } from '../paths.js';

export type LoginAction = 'login' | 'logout';

export interface ClaudeLoginRequest {
  /** The profile's name: CCENV_ACTIVE for claude, and words for people. */
  profile: string;
  /** The profile's own config directory; undefined: Claude Code's default. */
  configDir?: string | undefined;
  /** The claude to run (findClaude). */
  claude: string;
  /** The caller's environment. */
  env: Env;
  /** More words for `claude auth login` (`--email`, `--sso`). */
  args?: readonly string[];
}

export interface LoginPlan {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** Pure: the environment claude's login runs in. */
export function loginEnvironment(env: Env, profile: string, configDir: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || isCredentialVariable(name) || name === 'CLAUDE_SECURESTORAGE_CONFIG_DIR' || name.startsWith('CCENV_')) continue;
    out[name] = value;
  }
  if (configDir) out.CLAUDE_CONFIG_DIR = configDir;
  out.CCENV_ACTIVE = profile;
  return out;
}

/** Pure: what runs. */
export function loginPlan(request: ClaudeLoginRequest, action: LoginAction): LoginPlan {
  return {
    command: request.claude,
    args: [...(action === 'login' ? AUTH_LOGIN : AUTH_LOGOUT), ...(action === 'login' ? (request.args ?? []) : [])],
    env: loginEnvironment(request.env, request.profile, request.configDir),
  };
}

/**
 * Runs claude's login (or logout) on the terminal and resolves with its exit code (a child
 * ended by a signal: 128 + its number). Ctrl-C reaches claude alone; SIGTERM and SIGHUP sent
 * to ccenv are passed on.
 */
export function runClaudeLogin(request: ClaudeLoginRequest, action: LoginAction = 'login'): Promise<number> {
  const plan = loginPlan(request, action);
  const child = spawn(plan.command, plan.args, { stdio: 'inherit', env: plan.env });
  const ignore = () => {};
  const forward = (signal: NodeJS.Signals) => void child.kill(signal);
  process.on('SIGINT', ignore);
  process.on('SIGQUIT', ignore);
  process.on('SIGTERM', forward);
  process.on('SIGHUP', forward);
  const cleanUp = () => {
    process.off('SIGINT', ignore);
    process.off('SIGQUIT', ignore);
    process.off('SIGTERM', forward);
    process.off('SIGHUP', forward);
  };
  return new Promise((done, fail) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      cleanUp();
      fail(new CcenvError(`cannot run ${plan.command}: ${error.code === 'ENOENT' ? 'not found' : error.message}`, { exitCode: error.code === 'ENOENT' ? 127 : 126 }));
    });
    child.once('exit', (code, signal) => {
      cleanUp();
      done(signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 0));
    });
  });
}

/**
 * The config directory a profile's launches give claude (CLAUDE_CONFIG_DIR): its
 * --config-dir, or with --own-login ccenv's own under $XDG_DATA_HOME/ccenv/accounts/NAME
 * (SPEC, "Several subscription accounts"); undefined: Claude Code's default.
 */
export function loginConfigDir(env: Env, name: string, profile: { configDir?: string | undefined; ownLogin?: boolean | undefined }): string | undefined {
  if (profile.configDir) return profile.configDir;
  if (profile.ownLogin) return join(dataDir(env), 'accounts', name);
  return undefined;
}
