import { describe, expect, it } from 'vitest';
import { chooseProfile, clock, type LaunchChoice } from '../../src/health/choose.js';
import type { Health, HealthEntry } from '../../src/health/state.js';
import type { Profile } from '../../src/profiles/types.js';

process.env.TZ = 'UTC';
const NOW = Date.UTC(2026, 10, 28, 13, 0);
const at = (h: number, m: number) => Date.UTC(2026, 10, 28, h, m);

const PROFILES: Record<string, Profile> = {
  max: { kind: 'subscription', fallback: ['work-api', 'glm'] },
  'work-api': { kind: 'api-key', secretSetAt: at(12, 0) },
  glm: { kind: 'gateway', baseUrl: 'https://gw.example' },
  max2: { kind: 'subscription' },
  solo: { kind: 'api-key' },
  'to-max2': { kind: 'subscription', fallback: ['max2'] },
  'to-gone': { kind: 'subscription', fallback: ['gone', 'work-api'] },
  // work-api's own chain is not followed from max
  chained: { kind: 'subscription', fallback: ['work-api'] },
};

const e = (status: HealthEntry['status'], extra: Partial<HealthEntry> = {}): HealthEntry => ({ status, detail: '', seenAt: at(12, 30), source: 'check', ...extra });
const limited = e('limited', { detail: 'HTTP 429', until: at(14, 5) });

function choose(name: string, health: Health, noFallback = false): LaunchChoice {
  return chooseProfile({ name, profile: PROFILES[name]!, health, now: NOW, find: (n) => PROFILES[n] }, { noFallback });
}
const launches = (name: string, line?: string) => (line === undefined ? { launch: name } : expect.objectContaining({ launch: name, line }));

describe('which profile a launch uses', () => {
  it.each<[string, string, Health, boolean, unknown]>([
    ['nothing recorded: the profile itself', 'max', {}, false, launches('max')],
    ['only others recorded', 'max', { glm: e('outage', { until: at(13, 3) }) }, false, launches('max')],
    ['a limit that has reset', 'max', { max: e('limited', { until: at(12, 59) }) }, false, launches('max')],
    ['limited: the first fallback, billing named', 'max', { max: limited }, false, launches('work-api', 'max is limited until 14:05; launching work-api (API billing)')],
    [
      'the first fallback failing too: the next one',
      'max',
      { max: limited, 'work-api': e('rejected', { detail: 'HTTP 401', seenAt: at(12, 40) }) },
      false,
      launches('glm', "max is limited until 14:05; work-api was rejected (HTTP 401, seen 12:40); launching glm (the gateway's billing)"),
    ],
    [
      'a rejection from before the secret was stored again does not count',
      'max',
      { max: limited, 'work-api': e('rejected', { seenAt: at(11, 0) }) },
      false,
      launches('work-api', 'max is limited until 14:05; launching work-api (API billing)'),
    ],
    ['the same billing is not said', 'to-max2', { 'to-max2': e('expired') }, false, launches('max2', 'to-max2 has an expired login (seen 12:30); launching max2')],
    ['an outage without an end', 'max', { max: e('outage', { detail: 'HTTP 529' }) }, false, launches('work-api', 'max is down (HTTP 529, seen 12:30); launching work-api (API billing)')],
    ['a limit ending another day', 'max', { max: e('limited', { until: Date.UTC(2026, 10, 29, 9, 0) }) }, false, launches('work-api', 'max is limited until Nov 29 09:00; launching work-api (API billing)')],
    ['a fallback removed by hand is skipped', 'to-gone', { 'to-gone': e('rejected') }, false, launches('work-api', 'to-gone was rejected (seen 12:30); fallback gone no longer exists; launching work-api (API billing)')],
    ['no chain: the profile itself, said', 'solo', { solo: e('rejected') }, false, launches('solo', 'solo was rejected (seen 12:30); launching it anyway')],
    ['--no-fallback: the profile itself, said', 'max', { max: limited }, true, launches('max', 'max is limited until 14:05; launching it anyway (--no-fallback)')],
    [
      'every link failing: stop',
      'max',
      { max: limited, 'work-api': e('rejected', { seenAt: at(12, 40) }), glm: e('outage', { until: at(13, 5) }) },
      false,
      { allBad: 'max is limited until 14:05; work-api was rejected (seen 12:40); glm is down until 13:05: no profile of the chain max -> work-api -> glm is usable' },
    ],
    [
      "a fallback's own chain is not followed",
      'chained',
      { chained: limited, 'work-api': e('limited', { until: at(14, 0) }) },
      false,
      { allBad: 'chained is limited until 14:05; work-api is limited until 14:00: no profile of the chain chained -> work-api is usable' },
    ],
  ])('%s', (_, name, health, noFallback, expected) => {
    expect(choose(name, health, noFallback)).toEqual(expected);
  });

  it('writes times as a person reads them', () => {
    expect(clock(at(9, 5), NOW)).toBe('09:05');
    expect(clock(Date.UTC(2027, 0, 2, 23, 59), NOW)).toBe('Jan 2 23:59');
  });
});

describe("ccenv's launch options come off the front of the words", async () => {
  const { takeLaunchOptions } = await import('../../src/launch/fallback.js');
  it.each<[string[], object, string[]]>([
    [[], {}, []],
    [['-p', 'hi'], {}, ['-p', 'hi']],
    [['--no-fallback', '-p', 'hi'], { noFallback: true }, ['-p', 'hi']],
    [['--check', '--no-fallback', '@x'], { noFallback: true, check: true }, ['@x']],
    [['-p', '--no-fallback'], {}, ['-p', '--no-fallback']],
    [['--', '--check'], {}, ['--', '--check']],
  ])('%j', (words, options, rest) => {
    expect(takeLaunchOptions(words)).toEqual({ options, rest });
  });
});
