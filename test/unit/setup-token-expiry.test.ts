import { mkdirSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { add } from '../../src/commands/add.js';
import { edit } from '../../src/commands/edit.js';
import { list } from '../../src/commands/list.js';
import { show } from '../../src/commands/show.js';
import { status } from '../../src/commands/status.js';
import { describeTokenEnd, setupTokenEndingSoon } from '../../src/claude/setup-token.js';
import { doctorInput } from '../../src/doctor/input.js';
import { sameShape } from '../../src/init/detect.js';
import { profiles as profilesCheck } from '../../src/doctor/profiles.js';
import { readConfig, updateConfig } from '../../src/profiles/store.js';
import type { Profile } from '../../src/profiles/types.js';
import { MemorySecretStore } from '../../src/secrets/memory.js';
import { storeWorld, type StoreWorld } from '../helpers/store-context.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 28, 4, 0);
const token = (fields: Partial<Profile> = {}): Profile => ({ kind: 'subscription', hasSecret: true, secretSetAt: NOW - 351 * DAY, ...fields });

describe('when a setup token ends', () => {
  it.each([
    ['14 days before its year ends', token(), { endsAt: NOW + 14 * DAY, daysLeft: 14 }],
    ['15 days before: nothing yet', token({ secretSetAt: NOW - 350 * DAY }), undefined],
    ['its last day', token({ secretSetAt: NOW - 365 * DAY + 3_600_000 }), { endsAt: NOW + 3_600_000, daysLeft: 0 }],
    ['past its year', token({ secretSetAt: NOW - 367 * DAY }), { endsAt: NOW - 2 * DAY, daysLeft: -2 }],
    ['stored before the time was recorded: unknown, nothing said', token({ secretSetAt: undefined }), undefined],
    ["claude's own login, no token", { kind: 'subscription', secretSetAt: NOW - 400 * DAY } as Profile, undefined],
    ['an API key is not a setup token', token({ kind: 'api-key' }), undefined],
    ['a token read from a source at each launch: not stored, no time', token({ secretFrom: 'op://v/i/f' }), undefined],
  ])('%s', (_what, profile, end) => {
    expect(setupTokenEndingSoon(profile, NOW)).toEqual(end);
  });

  it.each([
    [{ endsAt: Date.UTC(2026, 11, 12), daysLeft: 14 }, 'the setup token of max-token ends by 2026-12-12 (in 14 days)'],
    [{ endsAt: Date.UTC(2026, 11, 12), daysLeft: 1 }, 'ends by 2026-12-12 (in 1 day)'],
    [{ endsAt: Date.UTC(2026, 11, 12), daysLeft: 0 }, 'ends by 2026-12-12 (today)'],
    [{ endsAt: Date.UTC(2026, 11, 12), daysLeft: -3 }, 'ended by 2026-12-12'],
  ])('%j reads %s', (end, words) => {
    expect(describeTokenEnd('max-token', end)).toContain(words);
    expect(describeTokenEnd('max-token', end)).toContain('claude setup-token, then printf %s "$TOKEN" | ccenv edit max-token --secret-stdin');
  });
});

describe('status, list and doctor warn from 14 days before', () => {
  let world: StoreWorld;
  afterEach(() => world.cleanup());

  it('the time is recorded when the token is stored and when it is rotated', async () => {
    world = storeWorld(new MemorySecretStore());
    const before = Date.now();
    await add(world.withInput('sk-ant-oat01-FIXTURE-one'), 'max-token', { kind: 'subscription', secretStdin: true });
    const first = (await readConfig(world.ctx.env)).profiles['max-token']!.secretSetAt!;
    expect(first).toBeGreaterThanOrEqual(before);
    expect(first).toBeLessThanOrEqual(Date.now());
    await updateConfig(world.ctx.env, (c) => void (c.profiles['max-token']!.secretSetAt = 1));
    await edit(world.withInput('sk-ant-oat01-FIXTURE-two'), 'max-token', { secretStdin: true });
    expect((await readConfig(world.ctx.env)).profiles['max-token']!.secretSetAt).toBeGreaterThanOrEqual(first);
    world.out.length = 0;
    await show(world.ctx, 'max-token', {});
    expect(world.out.join('')).toContain(`(stored ${new Date(first).toISOString().slice(0, 10)})`);
    expect(world.out.join('')).not.toContain('secretSetAt');
  });

  it('names the end in status (stderr and a row), list (the line and JSON) and doctor (a warning)', async () => {
    world = storeWorld(new MemorySecretStore({ soon: 'sk-ant-oat01-FIXTURE-x', later: 'sk-ant-oat01-FIXTURE-y', unknown: 'sk-ant-oat01-FIXTURE-z' }));
    const now = Date.now();
    mkdirSync(world.ctx.env.CCENV_CONFIG_DIR!, { recursive: true });
    writeFileSync(
      `${world.ctx.env.CCENV_CONFIG_DIR}/config.json`,
      JSON.stringify({
        version: 1,
        profiles: {
          soon: { kind: 'subscription', hasSecret: true, secretSetAt: now - 360 * DAY },
          later: { kind: 'subscription', hasSecret: true, secretSetAt: now - 100 * DAY },
          unknown: { kind: 'subscription', hasSecret: true },
        },
      }),
    );
    const ends = new Date(now - 360 * DAY + 365 * DAY).toISOString().slice(0, 10);
    await status(world.ctx, '@soon', {});
    expect(world.err.join('')).toContain(`the setup token of soon ends by ${ends} (in 4 days)`);
    expect(world.out.join('')).toMatch(new RegExp(`token +setup token ends by ${ends}`));
    world.out.length = 0;
    world.err.length = 0;
    await status(world.ctx, '@unknown', {});
    expect(world.err.join('')).not.toContain('setup token');
    world.out.length = 0;
    await list(world.ctx, {});
    const lines = world.out.join('').split('\n');
    expect(lines.find((l) => l.includes(' soon '))).toContain(`(setup token ends by ${ends})`);
    expect(lines.find((l) => l.includes(' later '))).not.toContain('setup token ends');
    expect(lines.find((l) => l.includes(' unknown '))).not.toContain('setup token ends');
    world.out.length = 0;
    await list(world.ctx, { json: true });
    const rows = JSON.parse(world.out.join('')) as { name: string; tokenEndsAt?: number }[];
    expect(rows.filter((r) => r.tokenEndsAt !== undefined).map((r) => r.name)).toEqual(['soon']);
    const found = await profilesCheck.run(await doctorInput(world.ctx));
    expect(found.filter((f) => f.id === 'profile.token-ending')).toEqual([
      expect.objectContaining({ severity: 'warning', what: `profile soon: the setup token of soon ends by ${ends} (in 4 days)` }),
    ]);
  });
});

describe('the time a secret was stored is not part of what a profile is', () => {
  it('init still finds a profile it made when the shell offers the same key again', () => {
    expect(sameShape({ kind: 'api-key', hasSecret: true, secretSetAt: NOW }, { kind: 'api-key' })).toBe(true);
  });
});
