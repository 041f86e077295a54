/**
 * Before `claude --bg`: the session is handed to the background service of Claude's config
 * directory, and runs with that service's environment, whichever launch started it
 * (docs/claude-code.md). So a launch that asks for one checks that the running service,
 * if any, was started by ccenv with the same profile, and refuses otherwise; and it warns
 * when the claude is too old to start its processes through ccenv at all.
 * Only launches with `--bg` pay for this (one `claude --version` and a look at /proc).
 */
import { claudeVersion } from '../claude/binary.js';
import { PROCESS_WRAPPER_VARIABLE, readsProcessWrapper, runningService, WRAPPER_SINCE, type BackgroundService } from '../claude/process-wrapper.js';
import { claudeConfigDir } from '../claude/settings.js';
import { CcenvError } from '../errors.js';
import type { Env } from '../paths.js';
import { childEnvironment, type LaunchPlan } from './plan.js';
import { WRAP_CONFIG_VARIABLE } from './wrapper-variables.js';

/** Why a service cannot take a session of this plan, or undefined when it can. */
export function serviceMismatch(service: BackgroundService, plan: LaunchPlan): string | undefined {
  const env = service.env;
  if (!env) return undefined;
  const wrapper = plan.set[PROCESS_WRAPPER_VARIABLE];
  if (!env.CCENV_ACTIVE || !env[PROCESS_WRAPPER_VARIABLE] || env[PROCESS_WRAPPER_VARIABLE] !== wrapper) {
    return 'was not started through ccenv: its sessions use whatever credential it found';
  }
  if (env.CCENV_ACTIVE !== plan.profile || env[WRAP_CONFIG_VARIABLE] !== plan.set[WRAP_CONFIG_VARIABLE]) {
    return `runs under profile ${env.CCENV_ACTIVE}${env[WRAP_CONFIG_VARIABLE] !== plan.set[WRAP_CONFIG_VARIABLE] ? ` of ${env[WRAP_CONFIG_VARIABLE] ?? 'another ccenv'}` : ''}`;
  }
  return undefined;
}

/** Notes for stderr; throws when the session would run under another profile. */
export async function checkBackground(plan: LaunchPlan, caller: Env, version: (path: string) => Promise<string | undefined> = claudeVersion): Promise<string[]> {
  const notes: string[] = [];
  const line = await version(plan.command);
  if (line !== undefined && readsProcessWrapper(line) === false) {
    notes.push(`claude ${line} starts background sessions without ccenv (${PROCESS_WRAPPER_VARIABLE} needs ${WRAPPER_SINCE} or later): they will not carry profile ${plan.profile}; update claude`);
    return notes;
  }
  if (!plan.set[PROCESS_WRAPPER_VARIABLE]) return notes;
  const dir = claudeConfigDir(childEnvironment(plan, caller), plan.set.CLAUDE_CONFIG_DIR);
  const service = runningService(dir);
  if (!service) return notes;
  const mismatch = serviceMismatch(service, plan);
  if (mismatch) {
    throw new CcenvError(`the background service of ${dir} (pid ${service.pid}) ${mismatch}; a background session of profile ${plan.profile} would run with it, so none was started`, {
      hint: 'stop it first with: claude daemon stop (this ends its background sessions), then launch again',
    });
  }
  return notes;
}

/** For `ccenv status` inside a session: whether Claude Code's own processes start through ccenv, and the service's profile. */
export interface BackgroundState {
  wrapped: boolean;
  wrapper: string | null;
  service: { pid: number; profile: string | null; wrapped: boolean } | null;
}

function isOurs(env: Env): boolean {
  const wrapper = env[PROCESS_WRAPPER_VARIABLE];
  return Boolean(wrapper && /(^|\/)ccenv-wrap$/.test(wrapper) && env[WRAP_CONFIG_VARIABLE] && env.CCENV_ACTIVE);
}

export function backgroundState(env: Env): BackgroundState {
  const service = runningService(claudeConfigDir(env));
  return {
    wrapped: isOurs(env),
    wrapper: env[PROCESS_WRAPPER_VARIABLE] || null,
    service: service ? { pid: service.pid, profile: service.env?.CCENV_ACTIVE ?? null, wrapped: service.env ? isOurs(service.env) : false } : null,
  };
}

/** One line for `ccenv status`. */
export function describeBackground(state: BackgroundState, profile: string): string {
  const own = state.wrapped
    ? `wrapped: Claude Code starts its own processes through ${state.wrapper} with profile ${profile}`
    : `not wrapped${state.wrapper ? ` (${PROCESS_WRAPPER_VARIABLE} is ${state.wrapper})` : ''}: this session's background processes will not carry the profile`;
  if (!state.service) return own;
  const service = state.service.wrapped ? `runs under profile ${state.service.profile}` : 'was not started through ccenv';
  return `${own}; the background service (pid ${state.service.pid}) ${service}`;
}

/**
 * For a launch that does not ask for `--bg`: a note when the service of its Claude directory
 * runs under another profile, since tasks sent to the background from inside the session
 * (agent view) go to that service and run with its credential. One small file read.
 */
export function otherServiceNote(plan: LaunchPlan, caller: Env): string | undefined {
  if (!plan.set[PROCESS_WRAPPER_VARIABLE]) return undefined;
  const dir = claudeConfigDir(childEnvironment(plan, caller), plan.set.CLAUDE_CONFIG_DIR);
  const service = runningService(dir);
  const mismatch = service && serviceMismatch(service, plan);
  return mismatch ? `the background service of ${dir} (pid ${service.pid}) ${mismatch}: tasks this session sends to the background would run with it` : undefined;
}
