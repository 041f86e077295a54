import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keychainService } from '../../src/claude/login-store.js';
import type { DoctorInput } from '../../src/doctor/finding.js';
import { loginFindings } from '../../src/doctor/login.js';
import { recordHealth } from '../../src/health/state.js';
import { emptyConfig } from '../../src/profiles/store.js';

const NOW = Date.UTC(2026, 10, 28, 4, 0);
const oauth = (fields: object = {}) => JSON.stringify({ claudeAiOauth: { accessToken: 'sk-ant-oat01-x', refreshToken: 'r', expiresAt: NOW + 3_600_000, subscriptionType: 'max', ...fields } });

let home: string;
let input: DoctorInput;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'ccenv-doctor-login-'));
  mkdirSync(join(home, '.claude'));
  input = { env: { HOME: home, USER: 'ann', XDG_STATE_HOME: join(home, 'state') }, cwd: home, home, now: NOW, config: emptyConfig(), profiles: [], secrets: async () => { throw new Error('not used'); }, context: undefined as never };
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const linux = { platform: 'linux' as const, keychain: async () => { throw new Error('the Keychain asked on Linux'); } };
const mac = (item: string | undefined, asked: string[] = []) => ({
  platform: 'darwin' as const,
  notice: () => {},
  keychain: async (service: string, account: string) => {
    asked.push(`${service}|${account}`);
    return item;
  },
});

describe("doctor's view of the subscription login, per platform", () => {
  it.each([
    ['Linux', () => writeFileSync(join(home, '.claude', '.credentials.json'), oauth(), { mode: 0o600 }), linux],
    ['macOS', () => undefined, mac(oauth())],
  ])('%s: a login that looks fine names the plan and the account', async (_os, set, options) => {
    set();
    writeFileSync(join(home, '.claude.json'), JSON.stringify({ oauthAccount: { emailAddress: 'ann@example.com', organizationName: 'Ann Co' } }));
    const [f] = await loginFindings({ dir: join(home, '.claude') }, input, options);
    expect(f).toMatchObject({ id: 'login.ok', what: expect.stringContaining('(max, ann@example.com, Ann Co)') });
  });

  it.each([
    ['Linux', (text: string) => writeFileSync(join(home, '.claude', '.credentials.json'), text, { mode: 0o600 }), (_t: string) => linux],
    ['macOS', () => undefined, (text: string) => mac(text)],
  ])('%s: malformed and expired logins are errors, repairable through ccenv login --repair', async (_os, set, options) => {
    set('{"claudeAiOauth":');
    const [malformed] = await loginFindings({ dir: join(home, '.claude') }, input, options('{"claudeAiOauth":'));
    expect(malformed).toMatchObject({ id: 'login.malformed', severity: 'error', fixable: { kind: 'repair-login', profile: 'subscription' } });
    expect(malformed!.fix).toContain('ccenv login --repair subscription');
    const expired = oauth({ expiresAt: NOW - 1, refreshToken: '' });
    set(expired);
    const [f] = await loginFindings({ dir: join(home, '.claude') }, input, options(expired));
    expect(f).toMatchObject({ id: 'login.expired', fixable: { kind: 'repair-login' } });
  });

  it('Linux: a login a check saw rejected is an error with the repair', async () => {
    writeFileSync(join(home, '.claude', '.credentials.json'), oauth(), { mode: 0o600 });
    recordHealth(input.env, 'subscription', { status: 'rejected', detail: 'HTTP 401', seenAt: NOW - 60_000, source: 'check' }, NOW);
    const found = await loginFindings({ dir: join(home, '.claude') }, input, linux);
    expect(found.map((f) => f.id)).toEqual(['login.rejected']);
    expect(found[0]!.fix).toBe('ccenv login --repair subscription');
  });

  it("macOS: a profile's own directory reads the item named for it, never its file; no mode check there", async () => {
    const dir = join(home, 'claude-max2');
    mkdirSync(dir);
    writeFileSync(join(dir, '.credentials.json'), '{', { mode: 0o644 });
    const asked: string[] = [];
    const found = await loginFindings({ dir, profile: 'max2', configDir: dir }, input, mac(oauth(), asked));
    expect(asked).toEqual([`${keychainService(dir)}|ann`]);
    expect(found.map((f) => f.id)).toEqual(['login.ok']);
    expect(found[0]!.what).toContain(`the macOS Keychain item "${keychainService(dir)}"`);
  });

  it('macOS: no item for a profile is a warning with the login to run; a Keychain that refuses says how to allow it', async () => {
    const dir = join(home, 'claude-max2');
    expect(await loginFindings({ dir, profile: 'max2', configDir: dir }, input, mac(undefined))).toEqual([
      expect.objectContaining({ id: 'login.none', severity: 'warning', fix: expect.stringContaining('ccenv login max2') }),
    ]);
    const refused = { platform: 'darwin' as const, notice: () => {}, keychain: async () => { throw new Error('User canceled the operation.'); } };
    const [f] = await loginFindings({ dir: join(home, '.claude') }, input, refused);
    expect(f).toMatchObject({ id: 'login.unreadable', what: expect.stringContaining('User canceled the operation.'), fix: expect.stringContaining('allow the read when macOS asks') });
  });
});
