/**
 * What a check's result leaves in the health file. Pure: `ok` clears the profile's entry;
 * `limited` counts until the reset the answer gave (else for OUTAGE_MS); `outage` for
 * OUTAGE_MS; `rejected` and `expired` until a check says ok or the secret changes;
 * `unreachable` (the network here, maybe), `unreadable` (a secret this shell cannot read: the
 * server was not asked) and `unchecked` change nothing.
 */
import type { CheckStatus } from './classify.js';
import { OUTAGE_MS, type HealthEntry, type HealthSource } from './state.js';

export interface Seen {
  status: CheckStatus;
  detail: string;
  /** When a limit resets, ms since the epoch, if the answer said. */
  until?: number;
}

/** The new entry (undefined: clear it), or 'keep' to leave what was recorded. */
export function healthOf(seen: Seen, now: number, source: HealthSource = 'check'): HealthEntry | undefined | 'keep' {
  const entry = (until?: number): HealthEntry => ({
    status: seen.status as HealthEntry['status'],
    detail: seen.detail,
    seenAt: now,
    ...(until !== undefined ? { until } : {}),
    source,
  });
  switch (seen.status) {
    case 'ok':
      return undefined;
    case 'limited':
      return entry(seen.until ?? now + OUTAGE_MS);
    case 'outage':
      return entry(now + OUTAGE_MS);
    case 'rejected':
    case 'expired':
      return entry();
    case 'unreachable':
    case 'unreadable':
    case 'unchecked':
      return 'keep';
  }
}

/** The changes for updateHealth from a batch of check results. */
export function healthChanges(results: readonly (Seen & { profile: string })[], now: number, source: HealthSource = 'check'): Record<string, HealthEntry | undefined> {
  const changes: Record<string, HealthEntry | undefined> = {};
  for (const result of results) {
    const next = healthOf(result, now, source);
    if (next !== 'keep') changes[result.profile] = next;
  }
  return changes;
}
