import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { brokenBecause, setLoginAside } from '../../src/accounts/repair.js';
import { loginConfigDir, loginEnvironment, loginPlan, runClaudeLogin, type ClaudeLoginRequest, type LoginAction } from '../../src/accounts/login.js';
import { loginProfile, type LoginFlowDeps } from '../../src/accounts/login-flow.js';
import { fileLoginStore, keychainService } from '../../src/claude/login-store.js';
import { recordHealth, readHealth } from '../../src/health/state.js';
import type { Profile } from '../../src/profiles/types.js';
import { MemorySecretStore } from '../../src/secrets/memory.js';
import { storeWorld, type StoreWorld } from '../helpers/store-context.js';
import { treeHashes } from '../helpers/tree-hashes.js';

const NOW = Date.UTC(2026, 10, 28, 4, 0);
const login = (fields: object = {}) => JSON.stringify({ claudeAiOauth: { accessToken: 'sk-ant-oat01-old', refreshToken: 'sk-ant-ort01-old', ...fields } });

describe('the login plan', () => {
  it('runs claude auth login in the profile directory, without the shell credentials', () => {
    const env = { PATH: '/bin', ANTHROPIC_API_KEY: 'k', CLAUDE_CONFIG_DIR: '/other', CCENV_FILE_PASSPHRASE: 'p', CLAUDE_CODE_OAUTH_TOKEN: 't', HOME: '/h' };
    expect(loginPlan({ profile: 'max2', configDir: '/h/.claude-max2', claude: '/bin/claude', env, args: ['--email', 'a@b'] }, 'login')).toEqual({
      command: '/bin/claude',
      args: ['auth', 'login', '--email', 'a@b'],
      env: { PATH: '/bin', HOME: '/h', CLAUDE_CONFIG_DIR: '/h/.claude-max2', CCENV_ACTIVE: 'max2' },
    });
    expect(loginPlan({ profile: 'max', claude: '/bin/claude', env, args: ['--sso'] }, 'logout')).toMatchObject({ args: ['auth', 'logout'] });
    expect(loginEnvironment(env, 'max', undefined)).not.toHaveProperty('CLAUDE_CONFIG_DIR');
  });

  it('a claude that cannot be run is an error that says so, not a crash', async () => {
    await expect(runClaudeLogin({ profile: 'max', claude: '/nonexistent/claude', env: {} })).rejects.toMatchObject({ name: 'CcenvError', message: 'cannot run /nonexistent/claude: not found', exitCode: 127 });
  });

  it.each([
    ['its --config-dir', { configDir: '/h/c2' }, '/h/c2'],
    ['its own login: under $XDG_DATA_HOME/ccenv/accounts', { ownLogin: true }, '/h/data/ccenv/accounts/max2'],
    ["claude's default", {}, undefined],
  ])('the config directory of a profile with %s', (_what, profile, dir) => {
    expect(loginConfigDir({ HOME: '/h', XDG_DATA_HOME: '/h/data' }, 'max2', profile)).toBe(dir);
  });

  it.each([
    ['malformed', { state: 'malformed', why: 'it is not JSON' }, undefined, 'is malformed (it is not JSON)'],
    ['expired, no refresh token', { state: 'present', login: { accessToken: 'a', expiresAt: NOW - 1 } }, undefined, 'expired and cannot be renewed (no refresh token)'],
    ['expired, renewable', { state: 'present', login: { accessToken: 'a', refreshToken: 'r', expiresAt: NOW - 1 } }, undefined, undefined],
    ['fine', { state: 'present', login: { accessToken: 'a' } }, undefined, undefined],
    ['rejected by a check', { state: 'present', login: { accessToken: 'a' } }, { status: 'rejected', detail: 'HTTP 401', seenAt: NOW - 5, source: 'check' }, 'was seen rejected (check: HTTP 401)'],
    ['limited is not broken', { state: 'present', login: { accessToken: 'a' } }, { status: 'limited', detail: '429', seenAt: NOW - 5, until: NOW + 9, source: 'check' }, undefined],
    ['absent', { state: 'absent' }, undefined, undefined],
  ] as const)('%s', (_what, read, health, why) => {
    expect(brokenBecause(read as never, health as never, NOW)).toBe(why);
  });
});


/** A lived-in config directory: history, projects, settings, .claude.json. */
function livedIn(dir: string, credentials: string): void {
  mkdirSync(join(dir, 'projects', '-home-u-app'), { recursive: true });
  writeFileSync(join(dir, 'projects', '-home-u-app', 'a1.jsonl'), '{"type":"user"}\n');
  writeFileSync(join(dir, 'history.jsonl'), '{"display":"hi"}\n');
  writeFileSync(join(dir, 'settings.json'), '{"model":"opus"}\n');
  writeFileSync(join(dir, '.claude.json'), '{"numStartups":3,"oauthAccount":{"emailAddress":"a@b"}}\n');
  writeFileSync(join(dir, '.credentials.json'), credentials, { mode: 0o600 });
}

describe('ccenv login, with a fake claude', () => {
  let world: StoreWorld;
  let ran: { request: ClaudeLoginRequest; action: LoginAction }[];
  let dir: string;
  const target = (profile: Profile = { kind: 'subscription', configDir: '' }) => ({ name: 'max2', profile: { ...profile, configDir: dir }, claude: '/fake/claude' });
  const deps = (extra: Partial<LoginFlowDeps> = {}): LoginFlowDeps => ({
    platform: 'linux',
    now: () => new Date(NOW),
    run: async (request, action) => {
      ran.push({ request, action });
      return 0;
    },
    ...extra,
  });
  beforeEach(() => {
    world = storeWorld(new MemorySecretStore(), { XDG_STATE_HOME: '' });
    world.ctx.env = { ...world.ctx.env, XDG_STATE_HOME: join(world.dir, 'state') };
    dir = join(world.dir, 'claude-max2');
    ran = [];
  });
  afterEach(() => world.cleanup());

  it('login: claude auth login under the profile directory; nothing of the directory touched by ccenv', async () => {
    livedIn(dir, login());
    const before = treeHashes(dir, () => false);
    expect(await loginProfile(world.ctx, target(), { repair: false }, deps())).toBe(0);
    expect(ran).toEqual([{ action: 'login', request: expect.objectContaining({ profile: 'max2', configDir: dir, claude: '/fake/claude' }) }]);
    expect(treeHashes(dir, () => false)).toEqual(before);
  });

  it('--repair: a malformed login is set aside (0600, same bytes), every other file byte-identical, then claude logs in', async () => {
    const broken = '{"claudeAiOauth": {"accessTok';
    livedIn(dir, broken);
    const before = treeHashes(dir, (p) => p === '.credentials.json');
    expect(await loginProfile(world.ctx, target(), { repair: true }, deps())).toBe(0);
    const backups = readdirSync(dir).filter((f) => f.startsWith('.credentials.json.ccenv-backup-'));
    expect(backups).toEqual(['.credentials.json.ccenv-backup-20261128T040000Z']);
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toBe(broken);
    expect(statSync(join(dir, backups[0]!)).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).not.toContain('.credentials.json');
    expect(treeHashes(dir, (p) => p.startsWith('.credentials.json'))).toEqual(before);
    expect(ran.map((r) => r.action)).toEqual(['login']);
    expect(world.err.join('')).toContain('the login of max2 is malformed (it is not JSON): set aside as');
  });

  it('--repair: a login a check saw rejected is set aside; a fine one is not; a successful login clears the health', async () => {
    livedIn(dir, login());
    expect(await loginProfile(world.ctx, target(), { repair: true }, deps())).toBe(0);
    expect(readdirSync(dir)).toContain('.credentials.json');
    expect(world.err.join('')).toContain('looks fine and no check saw it rejected: nothing set aside');
    recordHealth(world.ctx.env, 'max2', { status: 'rejected', detail: 'HTTP 401', seenAt: NOW - 1000, source: 'check' }, NOW);
    expect(await loginProfile(world.ctx, target(), { repair: true }, deps())).toBe(0);
    expect(readdirSync(dir)).not.toContain('.credentials.json');
    expect(readHealth(world.ctx.env).max2).toBeUndefined();
  });

  it('--repair without a terminal (doctor --fix): sets aside, and says how to log in instead of starting claude', async () => {
    livedIn(dir, login({ refreshToken: '', expiresAt: NOW - 60_000 }));
    expect(await loginProfile(world.ctx, target(), { repair: true, noLogin: true }, deps())).toBe(0);
    expect(ran).toEqual([]);
    expect(world.err.join('')).toContain('log in again: ccenv login max2');
  });

  it('--repair on macOS: the Keychain item is copied aside (0600) and removed by claude auth logout, never written by ccenv', async () => {
    livedIn(dir, login());
    const before = treeHashes(dir, () => false);
    const asked: string[] = [];
    const keychain = async (service: string) => {
      asked.push(service);
      return '{"claudeAiOauth":';
    };
    expect(await loginProfile(world.ctx, target(), { repair: true }, deps({ platform: 'darwin', keychain }))).toBe(0);
    expect(asked).toEqual([keychainService(dir)]);
    expect(ran.map((r) => [r.action, r.request.configDir])).toEqual([['logout', dir], ['login', dir]]);
    const backup = `${keychainService(dir)}.keychain.ccenv-backup-20261128T040000Z`;
    expect(readFileSync(join(dir, backup), 'utf8')).toBe('{"claudeAiOauth":');
    expect(statSync(join(dir, backup)).mode & 0o777).toBe(0o600);
    expect(treeHashes(dir, (p) => p === backup)).toEqual(before);
    expect(world.err.join('')).toMatch(/reading Claude Code's login from the macOS Keychain item .* macOS may ask you to allow it/);
  });

  it('--repair on macOS: a logout that fails keeps the copy and stops before the login', async () => {
    const keychain = async () => '{';
    const run = async (_r: ClaudeLoginRequest, action: LoginAction) => {
      ran.push({ request: _r, action });
      return 1;
    };
    mkdirSync(dir, { recursive: true });
    await expect(loginProfile(world.ctx, target(), { repair: true }, deps({ platform: 'darwin', keychain, run }))).rejects.toThrow('claude auth logout ended with 1');
    expect(ran.map((r) => r.action)).toEqual(['logout']);
  });

  it('--repair: a login renewed by a session of claude while ccenv sets it aside is left alone, with no backup behind', async () => {
    livedIn(dir, '{');
    const store = fileLoginStore(dir);
    const read = await store.read();
    writeFileSync(join(dir, '.credentials.json'), login());
    await expect(setLoginAside(store, read, { dir, now: new Date(NOW), removeItem: async () => {} })).rejects.toThrow('changed while ccenv was setting it aside');
    expect(readFileSync(join(dir, '.credentials.json'), 'utf8')).toBe(login());
    expect(readdirSync(dir).filter((f) => f.includes('ccenv-backup'))).toEqual([]);
  });
});
