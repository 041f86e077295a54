/**
 * What Claude Code says it will use (`claude auth status`, offline) under a profile's
 * launch environment, against what the profile means. The launch is planned exactly as
 * `ccenv @NAME` would plan it (same scrubbing, same descriptors, same --settings override);
 * only the output is captured instead of handed to the terminal.
 */
import { spawn, type StdioOptions } from 'node:child_process';
import { CcenvError } from '../errors.js';
import { childEnvironment, type LaunchPlan } from '../launch/plan.js';
import type { Env } from '../paths.js';
import { findProfile } from '../profiles/lookup.js';
import type { Profile } from '../profiles/types.js';
import type { Check, DoctorInput, Finding } from './finding.js';

export interface AuthStatus {
  loggedIn?: boolean;
  authMethod?: string;
  apiProvider?: string;
  apiKeySource?: string;
}

/** Runs the planned claude with `auth status` and parses its JSON; undefined when it gives none. */
export function runAuthStatus(plan: LaunchPlan, caller: Env, timeoutMs = 20_000): Promise<AuthStatus | undefined> {
  const stdio: StdioOptions = ['ignore', 'pipe', 'ignore'];
  for (const { fd } of plan.descriptors) {
    while (stdio.length < fd) stdio.push('ignore');
    stdio[fd] = 'pipe';
  }
  return new Promise((done) => {
    const child = spawn(plan.command, plan.args, { stdio, env: childEnvironment(plan, caller), timeout: timeoutMs });
    for (const { fd, secret } of plan.descriptors) {
      const stream = child.stdio[fd] as NodeJS.WritableStream & { on(event: 'error', listener: () => void): unknown };
      stream.on('error', () => {});
      stream.end(secret);
    }
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      if (out.length < 1_000_000) out += chunk.toString('utf8');
    });
    child.once('error', () => done(undefined));
    child.once('close', () => {
      try {
        const parsed = JSON.parse(out) as unknown;
        done(parsed && typeof parsed === 'object' ? (parsed as AuthStatus) : undefined);
      } catch {
        done(undefined);
      }
    });
  });
}

/** What `auth status` should say for a profile: the provider, and the auth methods that fit. */
export function expectedAuth(profile: Profile): { apiProvider: string; authMethods: string[]; words: string } {
  switch (profile.kind) {
    case 'subscription':
      return profile.hasSecret
        ? { apiProvider: 'firstParty', authMethods: ['oauth_token'], words: 'a subscription token' }
        : { apiProvider: 'firstParty', authMethods: ['claude.ai'], words: 'the claude.ai login' };
    case 'api-key':
      return { apiProvider: 'firstParty', authMethods: ['api_key'], words: 'an API key' };
    case 'gateway':
      return { apiProvider: 'firstParty', authMethods: ['oauth_token'], words: 'a bearer token (ANTHROPIC_AUTH_TOKEN)' };
    default:
      return { apiProvider: profile.kind, authMethods: ['third_party'], words: profile.kind };
  }
}

export function compareAuth(name: string, profile: Profile, status: AuthStatus, builtin: boolean): Finding {
  const want = expectedAuth(profile);
  const said = `authMethod ${status.authMethod ?? '?'}, apiProvider ${status.apiProvider ?? '?'}${status.apiKeySource ? `, key from ${status.apiKeySource}` : ''}`;
  const agrees = status.apiProvider === want.apiProvider && want.authMethods.includes(status.authMethod ?? '');
  if (agrees) return { id: 'auth-status.agrees', severity: 'ok', what: `profile ${name}: claude auth status agrees (${said})` };
  if (profile.kind === 'subscription' && !profile.hasSecret && status.authMethod === 'none') {
    const dir = profile.configDir ? `CLAUDE_CONFIG_DIR=${profile.configDir} ` : '';
    return {
      id: 'auth-status.not-logged-in',
      severity: builtin ? 'ok' : 'error',
      what: `profile ${name}: claude is not logged in${builtin ? ' (the built-in profile needs `claude auth login` before use)' : ''}`,
      ...(builtin ? {} : { why: `profile ${name} cannot start a session`, fix: `${dir}claude auth login` }),
    };
  }
  return {
    id: 'auth-status.disagrees',
    severity: 'error',
    what: `profile ${name} means ${want.words}, but claude auth status under it says: ${said}`,
    why: 'something outranks the profile (a settings apiKeyHelper or env block, managed settings, the ant active_config); claude bills what it says, not what the profile means',
    fix:
      status.apiKeySource === 'apiKeyHelper' || status.authMethod === 'api_key_helper'
        ? 'remove apiKeyHelper from the settings file named above'
        : 'fix the other problems doctor lists, then run ccenv doctor again',
  };
}

async function checkOne(input: DoctorInput, name: string | undefined): Promise<Finding[]> {
  const { preparePlan } = await import('../launch/run.js');
  let prepared;
  try {
    prepared = await preparePlan(input.context, { ...(name !== undefined ? { atName: name } : {}), mode: 'claude', args: ['auth', 'status'] });
  } catch (error) {
    if (!(error instanceof CcenvError)) throw error;
    // No claude to ask: the claude binaries check says so already.
    if (error.exitCode === 127) return [];
    return [
      {
        id: 'auth-status.cannot-plan',
        severity: 'error',
        what: `a launch${name ? ` of profile ${name}` : ' here'} stops: ${error.message}`,
        ...(error.hint ? { fix: error.hint } : {}),
      },
    ];
  }
  const { plan, resolved, config } = prepared;
  const status = await runAuthStatus(plan, input.env);
  if (!status) {
    return [
      {
        id: 'auth-status.no-answer',
        severity: 'warning',
        what: `profile ${resolved.name}: ${plan.command} auth status gave no JSON answer`,
        why: 'doctor cannot confirm what claude will use under this profile',
        fix: `run it yourself: ccenv @${resolved.name} auth status`,
      },
    ];
  }
  const builtin = !Object.hasOwn(config.profiles, resolved.name) && findProfile(config, resolved.name) !== undefined;
  return [compareAuth(resolved.name, resolved.profile, status, builtin)];
}

export const authStatus: Check = {
  name: 'claude auth status',
  async run(input) {
    if (input.configError) return [];
    // The profile named with @NAME, else the one a launch from here would use.
    return checkOne(input, input.only);
  },
};
