/**
 * One status per profile, from what its endpoint answered (or failed to). Pure: the table
 * in test/unit/check-classify.test.ts is the contract.
 */
import { urlWithoutCredentials } from '../terminal.js';

export const CHECK_STATUSES = ['ok', 'rejected', 'expired', 'limited', 'outage', 'unreachable', 'unreadable', 'unchecked'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** What a request came to: an answer (headers lower-cased), a time-out, or a failure before any answer. */
export type Outcome =
  | { answer: number; headers: Readonly<Record<string, string>>; body?: string }
  | { timeout: number }
  | { failure: string; message: string };

export interface Verdict {
  status: CheckStatus;
  detail: string;
}

/** Failures that mean the endpoint could not be reached at all: name, route, refusal, TLS. */
const UNREACHABLE = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL|EPROTO|ERR_TLS_.*|ERR_SSL_.*|CERT_.*|UNABLE_TO_.*|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_INVALID_URL)$/;

/** Failures after a connection was made: the server dropped it or never answered in time. */
const OUTAGE = /^(ECONNRESET|EPIPE|ETIMEDOUT|UND_ERR_.*)$/;

/** At most this many characters of anything an endpoint sent. */
const SHOWN = 80;

export function clip(value: string): string {
  return value.length > SHOWN ? `${value.slice(0, SHOWN)}...` : value;
}

/** When a 429 says the limit resets: retry-after (seconds or a date), else the latest anthropic-ratelimit-*-reset. */
export function resetOf(headers: Readonly<Record<string, string>>): string | undefined {
  const after = headers['retry-after']?.trim();
  if (after) return /^\d+$/.test(after) ? `retry after ${after} s` : `retry after ${clip(after)}`;
  const resets = Object.entries(headers)
    .filter(([name, value]) => /^anthropic-ratelimit-[a-z0-9-]*reset$/.test(name) && value.trim() !== '')
    .map(([, value]) => value.trim())
    .sort();
  const latest = resets.at(-1);
  return latest === undefined ? undefined : `resets ${clip(latest)}`;
}

/**
 * `url`: the URL asked, named in the detail of a 404. A 404 stays `unchecked`: a gateway may
 * not offer GET /v1/models at all, and its credential was not judged (nothing is recorded, no
 * fallback is sent to); but a wrong --base-url path answers the same, so the detail says both.
 */
export function classify(outcome: Outcome, url?: string): Verdict {
  if ('timeout' in outcome) return { status: 'outage', detail: `no answer within ${outcome.timeout} ms` };
  if ('failure' in outcome) {
    const detail = clip(`${outcome.failure}${outcome.message ? `: ${outcome.message}` : ''}`);
    return { status: OUTAGE.test(outcome.failure) && !UNREACHABLE.test(outcome.failure) ? 'outage' : 'unreachable', detail };
  }
  const code = outcome.answer;
  const http = `HTTP ${code}`;
  if (code >= 200 && code < 300) return { status: 'ok', detail: http };
  if (code === 401 || code === 403) return { status: 'rejected', detail: http };
  if (code === 429) {
    const reset = resetOf(outcome.headers);
    return { status: 'limited', detail: reset ? `${http}; ${reset}` : http };
  }
  if (code >= 500) return { status: 'outage', detail: code === 529 ? `${http} (overloaded)` : http };
  if (code >= 300 && code < 400) return { status: 'unchecked', detail: `${http}: a redirect, not followed (it would carry the credential elsewhere)` };
  if (code === 404 && url !== undefined) {
    return { status: 'unchecked', detail: `${http}: nothing answers at ${urlWithoutCredentials(url) ?? 'the URL asked'}; a wrong --base-url path is one cause, an endpoint without GET /v1/models another` };
  }
  return { status: 'unchecked', detail: `${http}: the endpoint has no free request to check against` };
}

/** Whether the exit status is 0: every profile that was checked is ok (unchecked ones do not count; unreadable ones do). */
export function allOk(statuses: readonly CheckStatus[]): boolean {
  return statuses.every((s) => s === 'ok' || s === 'unchecked');
}
