import { describe, expect, it } from 'vitest';
import { healthChanges, healthOf } from '../../src/health/record.js';
import { resetAt } from '../../src/health/reset.js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { counts, healthFile, moveHealth, OUTAGE_MS, readHealth, recordHealth, type HealthEntry } from '../../src/health/state.js';
import { scratchDir } from '../helpers/scratch.js';

const NOW = Date.UTC(2026, 10, 28, 3, 0);

describe('when a limit resets, from the answer', () => {
  it.each<[string, Record<string, string>, number | undefined]>([
    ['nothing', {}, undefined],
    ['retry-after seconds', { 'retry-after': '30' }, NOW + 30_000],
    ['retry-after as a date', { 'retry-after': 'Sat, 28 Nov 2026 04:05:00 GMT' }, Date.UTC(2026, 10, 28, 4, 5)],
    ['retry-after wins over the resets', { 'retry-after': '30', 'anthropic-ratelimit-tokens-reset': '2026-11-28T05:00:00Z' }, NOW + 30_000],
    [
      'the latest rate-limit reset',
      { 'anthropic-ratelimit-requests-reset': '2026-11-28T03:10:00Z', 'anthropic-ratelimit-tokens-reset': '2026-11-28T04:05:00Z' },
      Date.UTC(2026, 10, 28, 4, 5),
    ],
    ['the unified reset, in epoch seconds', { 'anthropic-ratelimit-unified-reset': String(NOW / 1000 + 3600) }, NOW + 3_600_000],
    ['garbage', { 'retry-after': 'soon', 'anthropic-ratelimit-tokens-reset': 'later' }, undefined],
    ['a reset in the past', { 'anthropic-ratelimit-tokens-reset': '2026-11-28T02:00:00Z' }, undefined],
  ])('%s', (_, headers, expected) => {
    expect(resetAt(headers, NOW)).toBe(expected);
  });
});

describe('what a check leaves in the health file', () => {
  it.each<[string, Parameters<typeof healthOf>[0], ReturnType<typeof healthOf>]>([
    ['ok clears the entry', { status: 'ok', detail: 'HTTP 200' }, undefined],
    ['limited until its reset', { status: 'limited', detail: 'HTTP 429; retry after 30 s', until: NOW + 30_000 }, { status: 'limited', detail: 'HTTP 429; retry after 30 s', seenAt: NOW, until: NOW + 30_000, source: 'check' }],
    ['limited without a reset: a few minutes', { status: 'limited', detail: 'HTTP 429' }, { status: 'limited', detail: 'HTTP 429', seenAt: NOW, until: NOW + OUTAGE_MS, source: 'check' }],
    ['an outage for a few minutes', { status: 'outage', detail: 'HTTP 529 (overloaded)' }, { status: 'outage', detail: 'HTTP 529 (overloaded)', seenAt: NOW, until: NOW + OUTAGE_MS, source: 'check' }],
    ['rejected without end', { status: 'rejected', detail: 'HTTP 401' }, { status: 'rejected', detail: 'HTTP 401', seenAt: NOW, source: 'check' }],
    ['expired without end', { status: 'expired', detail: 'login expired' }, { status: 'expired', detail: 'login expired', seenAt: NOW, source: 'check' }],
    ['unreachable changes nothing', { status: 'unreachable', detail: 'ECONNREFUSED' }, 'keep'],
    ['unchecked changes nothing', { status: 'unchecked', detail: 'no signer' }, 'keep'],
  ])('%s', (_, seen, expected) => {
    expect(healthOf(seen, NOW)).toEqual(expected);
  });

  it('gathers a batch into one change', () => {
    const changes = healthChanges(
      [
        { profile: 'a', status: 'ok', detail: '' },
        { profile: 'b', status: 'unreachable', detail: '' },
        { profile: 'c', status: 'rejected', detail: 'HTTP 401' },
      ],
      NOW,
    );
    expect(changes).toEqual({ a: undefined, c: { status: 'rejected', detail: 'HTTP 401', seenAt: NOW, source: 'check' } });
    expect(Object.keys(changes)).toEqual(['a', 'c']);
  });
});

describe('a rejection counts until the secret changes', () => {
  const rejected: HealthEntry = { status: 'rejected', detail: 'HTTP 401', seenAt: 1000, source: 'check' };
  it.each<[string, HealthEntry, number | undefined, boolean]>([
    ['no secret time recorded', rejected, undefined, true],
    ['the secret stored before the rejection', rejected, 500, true],
    ['the secret stored after the rejection', rejected, 1500, false],
    ['a limit is about the account, not the secret', { ...rejected, status: 'limited', until: 9000 }, 1500, true],
  ])('%s', (_, entry, secretSetAt, expected) => {
    expect(counts(entry, 2000, secretSetAt)).toBe(expected);
  });
});

describe('rename and remove take the entry along', () => {
  const rejected: HealthEntry = { status: 'rejected', detail: 'HTTP 401', seenAt: 1000, source: 'check' };
  const env = () => {
    const dir = scratchDir('ccenv-health-move');
    return { HOME: dir, XDG_STATE_HOME: join(dir, 'state') };
  };

  it('follows a rename, goes with a remove, and leaves the others', () => {
    const e = env();
    recordHealth(e, 'old', rejected);
    recordHealth(e, 'other', rejected);
    moveHealth(e, 'old', 'new');
    expect(Object.keys(readHealth(e)).sort()).toEqual(['new', 'other']);
    moveHealth(e, 'new');
    expect(Object.keys(readHealth(e))).toEqual(['other']);
  });

  it('never throws, and leaves a file it cannot parse alone', () => {
    const e = env();
    mkdirSync(join(e.XDG_STATE_HOME, 'ccenv'), { recursive: true });
    writeFileSync(healthFile(e), 'garbage');
    expect(() => moveHealth(e, 'old', 'new')).not.toThrow();
    expect(readFileSync(healthFile(e), 'utf8')).toBe('garbage');
  });
});
