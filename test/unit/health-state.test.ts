import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { counts, healthFile, readHealth, recordHealth, type HealthEntry } from '../../src/health/state.js';
import { scratchDir } from '../helpers/scratch.js';

const home = () => {
  const dir = scratchDir('ccenv-health');
  return { HOME: dir, XDG_STATE_HOME: join(dir, 'state') };
};
const limited = (until?: number): HealthEntry => ({ status: 'limited', detail: 'HTTP 429', seenAt: 1000, until, source: 'check' });

describe('the health file', () => {
  it('lives under $XDG_STATE_HOME/ccenv, else ~/.local/state/ccenv', () => {
    expect(healthFile({ HOME: '/h', XDG_STATE_HOME: '/s' })).toBe('/s/ccenv/health.json');
    expect(healthFile({ HOME: '/h' })).toBe('/h/.local/state/ccenv/health.json');
  });

  it('keeps what was recorded, per profile, with mode 0600', () => {
    const env = home();
    recordHealth(env, 'max', limited(5000), 2000);
    recordHealth(env, 'api', { status: 'rejected', detail: 'HTTP 401', seenAt: 1500, source: 'hook' }, 2000);
    expect(readHealth(env)).toEqual({ max: limited(5000), api: { status: 'rejected', detail: 'HTTP 401', seenAt: 1500, source: 'hook' } });
    expect(statSync(healthFile(env)).mode & 0o777).toBe(0o600);
  });

  it('clears an entry when a profile is seen ok, and drops entries that stopped counting', () => {
    const env = home();
    recordHealth(env, 'max', limited(5000), 2000);
    recordHealth(env, 'old', limited(3000), 2000);
    recordHealth(env, 'api', limited(9000), 4000);
    expect(Object.keys(readHealth(env)).sort()).toEqual(['api', 'max']);
    recordHealth(env, 'max', undefined, 4000);
    expect(Object.keys(readHealth(env))).toEqual(['api']);
  });

  it.each([
    ['garbage', 'not json{'],
    ['truncated', '{"version":1,"profiles":{"max":{"status":"lim'],
    ['an unknown version', '{"version":7,"profiles":{}}'],
  ])('ignores a %s file with one line, and is rewritten by the next record', (_, text) => {
    const env = home();
    mkdirSync(join(env.XDG_STATE_HOME, 'ccenv'), { recursive: true });
    writeFileSync(healthFile(env), text);
    const lines: string[] = [];
    expect(readHealth(env, (l) => lines.push(l))).toEqual({});
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(healthFile(env));
    recordHealth(env, 'max', limited(5000), 2000);
    expect(JSON.parse(readFileSync(healthFile(env), 'utf8')).profiles.max.status).toBe('limited');
  });

  it('drops malformed entries and keeps the good ones', () => {
    const env = home();
    mkdirSync(join(env.XDG_STATE_HOME, 'ccenv'), { recursive: true });
    writeFileSync(healthFile(env), JSON.stringify({ version: 1, profiles: { max: limited(5000), bad: { status: 'ok' }, worse: 3 } }));
    expect(readHealth(env)).toEqual({ max: limited(5000) });
  });

  it('ignores a health file that is not a regular file, with one line', () => {
    const env = home();
    mkdirSync(healthFile(env), { recursive: true });
    const lines: string[] = [];
    expect(readHealth(env, (l) => lines.push(l))).toEqual({});
    expect(lines).toEqual([expect.stringContaining('not a regular file')]);
  });
});

describe('whether an entry counts', () => {
  it.each([
    ['no entry', undefined, false],
    ['until the future', limited(5000), true],
    ['until the past', limited(3000), false],
    ['until exactly now', limited(4000), false],
    ['with no end', limited(undefined), true],
  ])('%s', (_, entry, expected) => {
    expect(counts(entry, 4000)).toBe(expected);
  });
});
