/**
 * What Claude Code says it will use (`claude auth status`, offline) under a profile's
 * launch environment, against what the profile means. The launch is planned exactly as
 * `ccenv @NAME` would plan it (same scrubbing, descriptors and --settings override), and
 * asked through src/claude/auth-status.ts, as `ccenv status --verify` does.
 */
import { compareAuth, runAuthStatus, type AuthStatus } from '../claude/auth-status.js';
import { CcenvError } from '../errors.js';
import { childEnvironment, type LaunchPlan } from '../launch/plan.js';
import type { Check, DoctorInput, Finding } from './finding.js';

/** One finding from claude's answer: agrees, not logged in, or disagrees (and what outranks the profile). */
export function judgeAuth(plan: LaunchPlan, status: AuthStatus, builtin: boolean, configDir?: string): Finding {
  const name = plan.profile;
  const { agrees, says } = compareAuth(plan, status);
  if (agrees) return { id: 'auth-status.agrees', severity: 'ok', what: `profile ${name}: claude auth status agrees (${says})` };
  const viaToken = plan.descriptors.length > 0 || Object.hasOwn(plan.set, 'CLAUDE_CODE_OAUTH_TOKEN');
  if (plan.kind === 'subscription' && !viaToken && status.authMethod === 'none') {
    return {
      id: 'auth-status.not-logged-in',
      severity: builtin ? 'ok' : 'error',
      what: `profile ${name}: claude is not logged in${builtin ? ` (the built-in profile needs \`ccenv @${name} auth login\` before use)` : ''}`,
      ...(builtin ? {} : { why: `profile ${name} cannot start a session`, fix: `ccenv @${name} auth login${configDir ? ` (it logs in to ${configDir})` : ''}` }),
    };
  }
  const helper = status.apiKeySource === 'apiKeyHelper' || status.authMethod === 'api_key_helper';
  return {
    id: 'auth-status.disagrees',
    severity: 'error',
    what: `profile ${name}: claude auth status under it says ${says}`,
    why: 'something outranks the profile (a settings apiKeyHelper or env block, managed settings, the ant active_config); claude bills what it says, not what the profile means',
    fix: helper ? 'remove apiKeyHelper from the settings file named above' : 'fix the other problems doctor lists, then run ccenv doctor again',
  };
}

export const authStatus: Check = {
  name: 'claude auth status',
  async run(input: DoctorInput) {
    if (input.configError) return [];
    const { preparePlan } = await import('../launch/run.js');
    let prepared;
    try {
      // The profile named with @NAME, else the one a launch from here would use.
      prepared = await preparePlan(input.context, { ...(input.only !== undefined ? { atName: input.only } : {}), mode: 'claude', args: ['auth', 'status'] });
    } catch (error) {
      if (!(error instanceof CcenvError)) throw error;
      // No claude to ask: the claude binaries check says so already.
      if (error.exitCode === 127) return [];
      return [
        {
          id: 'auth-status.cannot-plan',
          severity: 'error',
          what: `a launch${input.only ? ` of profile ${input.only}` : ' here'} stops: ${error.message}`,
          ...(error.hint ? { fix: error.hint } : {}),
        },
      ];
    }
    const { plan, resolved, config } = prepared;
    const { status, problem } = await runAuthStatus(plan, childEnvironment(plan, input.env));
    if (!status) {
      return [
        {
          id: 'auth-status.no-answer',
          severity: 'warning',
          what: `profile ${resolved.name}: ${problem ?? 'claude auth status gave no answer'}`,
          why: 'doctor cannot confirm what claude will use under this profile',
          fix: `run it yourself: ccenv @${resolved.name} auth status`,
        },
      ];
    }
    const builtin = !Object.hasOwn(config.profiles, resolved.name);
    return [judgeAuth(plan, status, builtin, resolved.profile.configDir)];
  },
};
