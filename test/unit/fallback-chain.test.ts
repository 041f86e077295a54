import { describe, expect, it } from 'vitest';
import { chainProblems, dropFromChains, namingAsFallback, renameInChains } from '../../src/profiles/fallback.js';
import type { ConfigData } from '../../src/profiles/store.js';
import type { Profile } from '../../src/profiles/types.js';

const p = (fallback?: string[]): Profile => ({ kind: 'api-key', ...(fallback ? { fallback } : {}) });
const config = (profiles: Record<string, Profile>): ConfigData => ({ version: 1, profiles });

// max -> api -> gw; solo has none
const world = () => config({ max: p(['api']), api: p(['gw']), gw: p(), solo: p(), work: p() });

describe('a fallback chain is checked when its profile is saved', () => {
  it.each<[string, string, string[], string[]]>([
    ['a chain of existing profiles', 'solo', ['api', 'gw'], []],
    ['the built-in profile', 'solo', ['subscription'], []],
    ['a profile not saved yet', 'new', ['max', 'api'], []],
    ['itself', 'solo', ['solo'], ['--fallback solo: a profile cannot fall back to itself']],
    ['a name given twice', 'solo', ['api', 'api'], ['--fallback api is given twice']],
    ['an unknown name', 'solo', ['nope'], ['--fallback nope: no profile named nope']],
    ['a slip of the keyboard', 'solo', ['wrk'], ['--fallback wrk: no profile named wrk; did you mean work?']],
    ['a direct cycle', 'gw', ['max'], ['--fallback max: max already falls back to gw (gw -> max -> api -> gw), which would make a cycle']],
    ['a cycle through a chain', 'api', ['max'], ['--fallback max: max already falls back to api (api -> max -> api), which would make a cycle']],
    ['a chain that only meets another', 'work', ['max', 'gw'], []],
  ])('%s', (_, name, chain, problems) => {
    expect(chainProblems(world(), name, chain)).toEqual(problems);
  });
});

describe('rename and remove keep chains whole', () => {
  it('rename puts the new name in every chain that named the old one', () => {
    const c = config({ max: p(['api', 'gw']), other: p(['api']), gw: p(), api: p() });
    expect(renameInChains(c, 'api', 'key')).toEqual(['max', 'other']);
    expect(c.profiles.max!.fallback).toEqual(['key', 'gw']);
    expect(c.profiles.other!.fallback).toEqual(['key']);
  });

  it('remove takes the name out of every chain, and drops a chain left empty', () => {
    const c = config({ max: p(['api', 'gw']), other: p(['api']), gw: p(), api: p() });
    expect(namingAsFallback(c, 'api')).toEqual(['max', 'other']);
    expect(dropFromChains(c, 'api')).toEqual(['max', 'other']);
    expect(c.profiles.max!.fallback).toEqual(['gw']);
    expect(c.profiles.other).not.toHaveProperty('fallback');
    expect(namingAsFallback(c, 'gw')).toEqual(['max']);
  });
});

describe('doctor reports a chain edited by hand', () => {
  it('names the profile, the problem, and the fix', async () => {
    const { profiles } = await import('../../src/doctor/profiles.js');
    const c = config({ max: { kind: 'subscription', fallback: ['gone', 'api'] }, api: { kind: 'subscription', fallback: ['max'] } });
    const input = {
      env: {},
      cwd: '/',
      home: '/nonexistent',
      now: 0,
      config: c,
      profiles: Object.entries(c.profiles),
      secrets: () => Promise.reject(new Error('not used')),
      context: undefined as never,
    };
    const found = (await profiles.run(input)).filter((f) => f.id === 'profile.fallback');
    expect(found.map((f) => [f.severity, f.what])).toEqual([
      ['warning', 'profile max: --fallback gone: no profile named gone'],
      ['warning', 'profile max: --fallback api: api already falls back to max (max -> api -> max), which would make a cycle'],
      ['warning', 'profile api: --fallback max: max already falls back to api (api -> max -> api), which would make a cycle'],
    ]);
    expect(found[0]!.fix).toBe('ccenv edit max --fallback OTHER ... (the whole chain, in order), or: ccenv edit max --unset fallback');
  });
});
