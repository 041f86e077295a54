/**
 * Health seen from inside a session, without a request of ccenv's own: the usage windows
 * Claude Code gives its status line, and the errors its StopFailure hook reports. Pure:
 * each turns an observation into the entry to record (or to clear).
 */
import type { StatusLineInput } from '../claude/statusline.js';
import { USAGE_WINDOWS } from '../claude/statusline.js';
import { OUTAGE_MS, type BadStatus, type HealthEntry } from './state.js';

/** How long a rate limit counts when nothing says when it resets. */
export const LIMIT_MS = OUTAGE_MS;

/** Which StopFailure errors say the credential failed, and how. Others (a bad request, a missing model) are not the credential's. */
const FAILURE_STATUS: Readonly<Record<string, BadStatus>> = {
  authentication_failed: 'rejected',
  oauth_org_not_allowed: 'rejected',
  account_on_hold: 'rejected',
  verification_required: 'rejected',
  cloud_credential_error: 'rejected',
  billing_error: 'rejected',
  rate_limit: 'limited',
  overloaded: 'outage',
  server_error: 'outage',
};

export function failureStatus(error: string): BadStatus | undefined {
  return Object.hasOwn(FAILURE_STATUS, error) ? FAILURE_STATUS[error] : undefined;
}

export interface SessionTags {
  launch?: string;
  sessionId?: string;
  transcript?: string;
}

function tags(t: SessionTags): Partial<HealthEntry> {
  return {
    ...(t.launch ? { launch: t.launch } : {}),
    ...(t.sessionId ? { sessionId: t.sessionId } : {}),
    ...(t.transcript ? { transcript: t.transcript } : {}),
  };
}

/**
 * The entry a StopFailure error makes, or undefined when it is not the credential's. A
 * rate limit keeps a later reset already known (from the status line).
 */
export function entryFromFailure(error: string, now: number, t: SessionTags, known?: HealthEntry): HealthEntry | undefined {
  const status = failureStatus(error);
  if (!status) return undefined;
  let until: number | undefined;
  if (status === 'outage') until = now + OUTAGE_MS;
  if (status === 'limited') until = known?.status === 'limited' && known.until !== undefined && known.until > now ? known.until : now + LIMIT_MS;
  return { status, detail: `Claude Code: ${error}`, seenAt: now, ...(until !== undefined ? { until } : {}), source: 'hook', ...tags(t) };
}

/**
 * What the status line's usage windows say: `limited` until the latest reset among the
 * windows at 100%; `clear` when none is full (a limit the status line recorded is over);
 * `keep` when it says nothing.
 */
export function entryFromUsage(input: StatusLineInput, now: number, t: SessionTags): { record: HealthEntry } | 'clear' | 'keep' {
  const windows = USAGE_WINDOWS.map((w) => ({ label: w.label, window: input[w.field] })).filter((w) => w.window !== undefined);
  if (windows.length === 0) return 'keep';
  const full = windows.filter((w) => w.window!.percent >= 100);
  if (full.length === 0) return 'clear';
  const resets = full.map((w) => w.window!.resetsAt).filter((r): r is number => r !== undefined && r > now);
  const until = resets.length > 0 ? Math.max(...resets) : now + LIMIT_MS;
  const label = full.map((w) => w.label).join(' and ');
  return {
    record: { status: 'limited', detail: `${label} limit at 100%`, seenAt: now, until, source: 'statusline', ...tags(t) },
  };
}
