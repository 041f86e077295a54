/**
 * Checks profiles in parallel, each within its own time limit; one result per profile. The
 * limit covers the whole check of a profile, reading its secret included (a source program,
 * the keychain, the file backend's key derivation), and `ms` measures the same span. A read
 * the limit abandons is told to stop (a source program is ended with what it started).
 * A launch's check instead awaits the read (`secretUntimed`), so that the launch takes the
 * secret from it and never runs the source a second time; its limit then starts after it.
 */
import type { Env } from '../paths.js';
import { kindSpec } from '../profiles/kinds/index.js';
import type { Profile } from '../profiles/types.js';
import { awsCheckPlan } from './aws.js';
import { classify, type CheckStatus } from './classify.js';
import { loginVerdict } from './login.js';
import { planCheck, type CheckPlan } from './plan.js';
import { probe } from './probe.js';
import { resetAt } from './reset.js';

export interface CheckResult {
  profile: string;
  kind: string;
  status: CheckStatus;
  detail: string;
  /** How long the check took, in milliseconds. */
  ms: number;
  /** limited: when the answer says the limit resets, ms since the epoch (for the health file, not printed). */
  until?: number;
}

export interface CheckInput {
  env: Env;
  timeoutMs: number;
  now: number;
  /**
   * The profile's secret (from its source, or undefined if the store holds none); throws when
   * it cannot be read. `signal` aborts when the limit abandons the read.
   */
  readSecret(name: string, profile: Profile, signal: AbortSignal): Promise<string | undefined>;
  /** The read is awaited, outside the time limit, which starts once the secret is read (a launch's check). */
  secretUntimed?: boolean;
  /** Where the secrets are, for a message about a missing one. */
  describeStore(): Promise<string>;
}

/** The secret, or 'late' when the deadline (a performance.now() time) passes first: the read is then aborted. */
async function secretBy(deadline: number, read: (signal: AbortSignal) => Promise<string | undefined>): Promise<string | undefined | 'late'> {
  const abandon = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => {
      abandon.abort();
      resolve('late');
    }, Math.max(0, deadline - performance.now()));
    timer.unref();
  });
  try {
    return await Promise.race([read(abandon.signal), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function checkOne(name: string, profile: Profile, input: CheckInput, start: number): Promise<Omit<CheckResult, 'ms'>> {
  let deadline = start + input.timeoutMs;
  const spec = kindSpec(profile.kind);
  const row = (status: CheckStatus, detail: string) => ({ profile: name, kind: profile.kind, status, detail });
  const problems = spec.problems(profile);
  if (problems.length > 0) return row('unchecked', problems.join('; '));
  let secret: string | undefined;
  if (spec.launch(profile).secret) {
    try {
      if (input.secretUntimed) {
        secret = await input.readSecret(name, profile, new AbortController().signal);
        deadline = performance.now() + input.timeoutMs;
      } else {
        const read = await secretBy(deadline, (signal) => input.readSecret(name, profile, signal));
        // Not `outage`: the endpoint was not asked.
        if (read === 'late') return row('unreadable', `its secret was not read within ${input.timeoutMs} ms (--timeout)`);
        secret = read;
      }
    } catch (error) {
      // Not `rejected`: the server never said so, and a locked keychain or a variable unset in
      // this shell says nothing of the launches elsewhere (a recorded rejection would send them
      // to a fallback). A secret the store does not hold at all is `rejected`, below.
      const hint = error instanceof Error && 'hint' in error && error.hint ? `; ${String(error.hint)}` : '';
      return row('unreadable', `its secret cannot be read: ${error instanceof Error ? error.message : String(error)}${hint}`);
    }
    if (secret === undefined || secret === '') {
      return row('rejected', `no secret stored in ${await input.describeStore()}: ccenv edit ${name} --secret-stdin`);
    }
  }
  const aws = profile.kind === 'bedrock' || profile.kind === 'mantle';
  const plan: CheckPlan = aws ? await awsCheckPlan(profile, secret, input.env) : planCheck(profile, secret);
  if ('verdict' in plan) return row(plan.verdict.status, plan.verdict.detail);
  if ('login' in plan) {
    const verdict = await loginVerdict(input.env, plan.login, input.now, process.platform, { profile: name });
    return row(verdict.status, verdict.detail);
  }
  // What is left of the limit; a time-out is told as the whole limit, which it was.
  const answered = await probe(plan.probe, Math.max(1, Math.round(deadline - performance.now())));
  const outcome = 'timeout' in answered ? { timeout: input.timeoutMs } : answered;
  const verdict = plan.judge ? plan.judge(outcome) : classify(outcome, plan.probe.url);
  const until = verdict.status === 'limited' && 'answer' in outcome ? resetAt(outcome.headers, input.now) : undefined;
  return { ...row(verdict.status, verdict.detail), ...(until !== undefined ? { until } : {}) };
}

export async function checkProfiles(profiles: readonly [string, Profile][], input: CheckInput): Promise<CheckResult[]> {
  return Promise.all(
    profiles.map(async ([name, profile]) => {
      const start = performance.now();
      const result = await checkOne(name, profile, input, start);
      return { ...result, ms: Math.round(performance.now() - start) };
    }),
  );
}
