/**
 * A subscription profile's login, repaired first when asked: what `ccenv login [--repair]`
 * and `ccenv doctor --fix` run. Repair sets the broken login aside (src/accounts/repair.ts);
 * the login is Claude Code's own (src/accounts/login.ts). A login that ends well clears the
 * health recorded for the profile: the credential changed.
 */
import { homedir } from 'node:os';
import { keychainNotice, loginStore, notFileAdvice, type KeychainReader } from '../claude/login-store.js';
import { claudeConfigDir } from '../claude/settings.js';
import type { Context } from '../context.js';
import { CcenvError } from '../errors.js';
import { readHealth, recordHealth } from '../health/state.js';
import type { Profile } from '../profiles/types.js';
import { tilde } from '../terminal.js';
import { loginConfigDir, loginEnvironment, runClaudeLogin, type ClaudeLoginRequest, type LoginAction } from './login.js';
import { brokenBecause, setLoginAside } from './repair.js';

export interface LoginTarget {
  name: string;
  profile: Profile;
  claude: string;
}

export interface LoginFlowOptions {
  repair: boolean;
  /** More words for claude auth login. */
  args?: readonly string[];
  /** Set aside only, and say how to log in (doctor --fix without a terminal). */
  noLogin?: boolean;
}

/** What the flow needs from the outside, for tests. */
export interface LoginFlowDeps {
  platform?: NodeJS.Platform;
  keychain?: KeychainReader;
  now?: () => Date;
  run?: (request: ClaudeLoginRequest, action: LoginAction) => Promise<number>;
}

/** Sets the login aside when it is broken (with --repair); returns whether it did. */
export async function repairLogin(ctx: Context, target: LoginTarget, deps: LoginFlowDeps = {}): Promise<boolean> {
  const run = deps.run ?? runClaudeLogin;
  const now = (deps.now ?? (() => new Date()))();
  const configDir = loginConfigDir(ctx.env, target.name, target.profile);
  const env = loginEnvironment(ctx.env, target.name, configDir);
  const home = ctx.env.HOME || homedir();
  const store = loginStore({ env, configDir, platform: deps.platform ?? process.platform, ...(deps.keychain ? { keychain: deps.keychain } : {}) });
  const shown = store.kind === 'file' ? tilde(store.where, home) : store.where;
  if (store.mayAsk) ctx.io.err(`${keychainNotice(store)}\n`);
  const read = await store.read();
  if (read.state === 'unreadable' && read.notFile) {
    throw new CcenvError(`${shown} is ${read.notFile}, not a login file; ccenv sets aside only a login it could copy, so nothing changed`, {
      hint: `${notFileAdvice(ctx.env, store.where)}; then run again`,
    });
  }
  if (read.state === 'unreadable') {
    throw new CcenvError(`${shown} cannot be read (${read.why}); ccenv sets aside only a login it could copy, so nothing changed`, {
      hint: store.kind === 'file' ? `make it yours and private (chown $USER ${shown}; chmod 600 ${shown}), then run again` : 'allow the read when macOS asks, then run again',
    });
  }
  const why = brokenBecause(read, readHealth(ctx.env)[target.name], now.getTime());
  if (!why) {
    const what = read.state === 'absent' ? `no login in ${shown}: nothing to set aside` : `the login in ${shown} looks fine and no check saw it rejected: nothing set aside`;
    ctx.io.err(`ccenv: ${what}\n`);
    return false;
  }
  const backup = await setLoginAside(store, read, {
    dir: claudeConfigDir(env, configDir),
    now,
    removeItem: async () => {
      const code = await run({ profile: target.name, configDir, claude: target.claude, env: ctx.env }, 'logout');
      if (code !== 0) throw new CcenvError(`claude auth logout ended with ${code}: ${store.where} is still there (its copy is kept)`);
    },
  });
  ctx.io.err(
    `ccenv: the login of ${target.name} ${why}: set aside as ${tilde(backup, home)} (mode 0600; it holds the old login, delete it once the new one works)\n`,
  );
  return true;
}

/** `ccenv login [--repair] NAME`: returns claude's exit code (0 when only set aside). */
export async function loginProfile(ctx: Context, target: LoginTarget, options: LoginFlowOptions, deps: LoginFlowDeps = {}): Promise<number> {
  if (options.repair) await repairLogin(ctx, target, deps);
  if (options.noLogin) {
    ctx.io.err(`ccenv: log in again: ccenv login ${target.name}\n`);
    return 0;
  }
  const run = deps.run ?? runClaudeLogin;
  const configDir = loginConfigDir(ctx.env, target.name, target.profile);
  ctx.io.err(`ccenv: claude auth login for ${target.name}${configDir ? ` (CLAUDE_CONFIG_DIR=${configDir})` : ''}\n`);
  const code = await run({ profile: target.name, configDir, claude: target.claude, env: ctx.env, ...(options.args ? { args: options.args } : {}) }, 'login');
  if (code === 0 && readHealth(ctx.env)[target.name]) recordHealth(ctx.env, target.name, undefined);
  return code;
}
