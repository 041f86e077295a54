/**
 * `claude auth status` under a launch plan: what Claude Code itself says it will use, and
 * whether that is what the profile means. It needs no network (FACTS).
 */
import { spawn, type StdioOptions } from 'node:child_process';
import type { Env } from '../paths.js';
import type { ProfileKind } from '../profiles/types.js';

/** What of a launch plan asking Claude Code needs (src/launch/plan.ts builds the whole plan). */
export interface PlanToAsk {
  profile: string;
  kind: ProfileKind;
  command: string;
  args: string[];
  set: Record<string, string>;
  descriptors: { fd: number; variable: string; secret: string }[];
}

export interface AuthStatus {
  loggedIn?: boolean;
  authMethod?: string;
  apiProvider?: string;
  [key: string]: unknown;
}

/**
 * Runs the plan's claude (its args should end in `auth status`) in `env`, the environment
 * the launch builds for it, and parses its JSON.
 */
export function runAuthStatus(plan: PlanToAsk, env: Env, timeoutMs = 20_000): Promise<{ status?: AuthStatus; problem?: string }> {
  const stdio: StdioOptions = ['ignore', 'pipe', 'pipe'];
  for (const { fd } of plan.descriptors) {
    while (stdio.length < fd) stdio.push('ignore');
    stdio[fd] = 'pipe';
  }
  return new Promise((done) => {
    const child = spawn(plan.command, plan.args, { stdio, env, timeout: timeoutMs });
    for (const { fd, secret } of plan.descriptors) {
      const stream = child.stdio[fd] as NodeJS.WritableStream & { on(e: 'error', f: () => void): unknown };
      stream.on('error', () => {});
      stream.end(secret);
    }
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (error) => done({ problem: `cannot run ${plan.command}: ${error.message}` }));
    child.on('close', (code, signal) => {
      try {
        done({ status: JSON.parse(out) as AuthStatus });
      } catch {
        const why = signal ? `ended by ${signal}` : `exit ${code}`;
        done({ problem: `claude auth status gave no JSON (${why}): ${(err || out).trim().split('\n')[0]?.slice(0, 200) ?? ''}` });
      }
    });
  });
}

/** What Claude Code should report for this plan. */
export function expectedAuth(plan: PlanToAsk): { authMethod: string; apiProvider: string } {
  const viaDescriptor = (variable: string) => plan.descriptors.some((d) => d.variable === variable);
  switch (plan.kind) {
    case 'subscription':
      return Object.hasOwn(plan.set, 'CLAUDE_CODE_OAUTH_TOKEN') || viaDescriptor('CLAUDE_CODE_OAUTH_TOKEN_FILE_DESCRIPTOR')
        ? { authMethod: 'oauth_token', apiProvider: 'firstParty' }
        : { authMethod: 'claude.ai', apiProvider: 'firstParty' };
    case 'api-key':
      return { authMethod: 'api_key', apiProvider: 'firstParty' };
    case 'gateway':
      return plan.set.CLAUDE_CODE_USE_GATEWAY === '1'
        ? { authMethod: 'third_party', apiProvider: 'gateway' }
        : { authMethod: 'oauth_token', apiProvider: 'firstParty' };
    default:
      return { authMethod: 'third_party', apiProvider: plan.kind };
  }
}

/** Whether Claude Code agrees with the profile, and if not, in words. */
export function compareAuth(plan: PlanToAsk, status: AuthStatus): { agrees: boolean; says: string } {
  const want = expectedAuth(plan);
  const says = `loggedIn ${String(status.loggedIn)}, authMethod ${String(status.authMethod)}, apiProvider ${String(status.apiProvider)}`;
  if (status.loggedIn !== true) {
    return { agrees: false, says: `${says}: not logged in${plan.kind === 'subscription' ? ` (log in: ccenv @${plan.profile} auth login)` : ''}` };
  }
  if (status.authMethod === want.authMethod && status.apiProvider === want.apiProvider) return { agrees: true, says };
  return { agrees: false, says: `${says}; the profile means authMethod ${want.authMethod}, apiProvider ${want.apiProvider}` };
}
