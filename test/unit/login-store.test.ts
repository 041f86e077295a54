import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileLoginStore, keychainAccount, keychainService, loginStore, notFileAdvice, parseLogin } from '../../src/claude/login-store.js';

describe("Claude Code's Keychain service name for a config directory", () => {
  // The suffixes were computed apart, with `printf %s DIR | sha256sum | cut -c1-8`.
  it.each([
    ['no CLAUDE_CONFIG_DIR', undefined, undefined, 'Claude Code-credentials'],
    ['an empty CLAUDE_CONFIG_DIR', '', undefined, 'Claude Code-credentials'],
    ['a directory', '/Users/ann/.claude-max', undefined, 'Claude Code-credentials-e413602c'],
    ['the same with a trailing slash: another item', '/Users/ann/.claude-max/', undefined, 'Claude Code-credentials-33cbbdb3'],
    ['a decomposed é, NFC-normalised first', 'cafe\u0301', undefined, 'Claude Code-credentials-850f7dc4'],
    ['CLAUDE_SECURESTORAGE_CONFIG_DIR wins', '/elsewhere', '/Users/ann/.claude-max', 'Claude Code-credentials-e413602c'],
    ['an empty CLAUDE_SECURESTORAGE_CONFIG_DIR: no suffix', '/elsewhere', '', 'Claude Code-credentials'],
  ])('%s', (_what, configDir, secure, service) => {
    expect(keychainService(configDir, secure)).toBe(service);
  });

  it.each([
    [{ USER: 'ann' }, 'ann'],
    [{ USER: 'a.b-c_1' }, 'a.b-c_1'],
    [{ USER: 'ann smith' }, 'claude-code-user'],
    [{}, 'osuser'],
  ])('the account for %j is %s', (env, account) => {
    expect(keychainAccount(env, () => 'osuser')).toBe(account);
  });
});

describe('what a stored login says', () => {
  const ok = { accessToken: 'sk-ant-oat01-x' };
  it.each([
    ['not JSON', '{', { state: 'malformed', why: 'it is not JSON' }],
    ['truncated', '{"claudeAiOauth":{"accessToken":"sk-ant', { state: 'malformed', why: 'it is not JSON' }],
    ['null', 'null', { state: 'malformed', why: 'it is not a JSON object' }],
    ['an array', '[]', { state: 'malformed', why: 'it is not a JSON object' }],
    ['no login', '{"other":1}', { state: 'malformed', why: 'no claudeAiOauth login in it' }],
    ['no access token', '{"claudeAiOauth":{"refreshToken":"r"}}', { state: 'malformed', why: 'its claudeAiOauth login has no accessToken' }],
    ['an expiry that is not a number', JSON.stringify({ claudeAiOauth: { ...ok, expiresAt: 'soon' } }), { state: 'malformed', why: 'its expiresAt is not a number' }],
    ['a Keychain overflow pointer', '{"keychainOverflow":{"slot":"a","key":"k"}}', { state: 'opaque', why: expect.stringContaining('overflow') }],
    ['a login', JSON.stringify({ claudeAiOauth: { ...ok, refreshToken: 'r', expiresAt: 5, subscriptionType: 'max' } }), { state: 'present', login: { ...ok, refreshToken: 'r', expiresAt: 5, subscriptionType: 'max' } }],
    ['an empty refresh token counts as none', JSON.stringify({ claudeAiOauth: { ...ok, refreshToken: '' } }), { state: 'present', login: ok }],
  ])('%s', (_what, text, read) => {
    expect(parseLogin(text)).toEqual(read);
  });
});

describe('the store per platform', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ccenv-login-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('Linux: the file in the config directory, read bounded; the Keychain is never asked', async () => {
    const keychain = async () => {
      throw new Error('asked the Keychain on Linux');
    };
    const store = loginStore({ env: {}, configDir: dir, platform: 'linux', keychain });
    expect(store).toMatchObject({ kind: 'file', where: join(dir, '.credentials.json'), mayAsk: false });
    expect(await store.read()).toEqual({ state: 'absent' });
    writeFileSync(join(dir, '.credentials.json'), '{"claudeAiOauth":{"accessToken":"a"}}');
    expect(await store.read()).toMatchObject({ state: 'present', login: { accessToken: 'a' } });
  });

  it('Linux: a dangling symlink or a file it may not read is there, unreadable', async () => {
    symlinkSync(join(dir, 'nowhere'), join(dir, '.credentials.json'));
    expect((await fileLoginStore(dir).read()).state).toBe('unreadable');
    rmSync(join(dir, '.credentials.json'));
    writeFileSync(join(dir, '.credentials.json'), '{}');
    chmodSync(join(dir, '.credentials.json'), 0);
    if (process.getuid?.() !== 0) expect(await fileLoginStore(dir).read()).toEqual({ state: 'unreadable', why: 'EACCES' });
  });

  it("macOS: the Keychain item named for the profile's directory, under $USER; the file is not read", async () => {
    writeFileSync(join(dir, '.credentials.json'), '{');
    const asked: string[][] = [];
    const keychain = async (service: string, account: string) => {
      asked.push([service, account]);
      return '{"claudeAiOauth":{"accessToken":"a","subscriptionType":"max"}}';
    };
    const store = loginStore({ env: { USER: 'ann', CLAUDE_CONFIG_DIR: '/ignored' }, configDir: '/Users/ann/.claude-max', platform: 'darwin', keychain });
    expect(store).toMatchObject({ kind: 'keychain', name: 'Claude Code-credentials-e413602c', mayAsk: true });
    expect(await store.read()).toMatchObject({ state: 'present', login: { subscriptionType: 'max' } });
    expect(asked).toEqual([['Claude Code-credentials-e413602c', 'ann']]);
    // Without a directory of its own: $CLAUDE_CONFIG_DIR, as claude itself would see it.
    expect(loginStore({ env: { CLAUDE_CONFIG_DIR: '/Users/ann/.claude-max' }, platform: 'darwin', keychain }).name).toBe('Claude Code-credentials-e413602c');
    expect(loginStore({ env: {}, platform: 'darwin', keychain }).name).toBe('Claude Code-credentials');
  });
});

describe('the advice for a login path that is not a file', () => {
  it.each([
    ['/h/.claude/.credentials.json', 'mv ~/.claude/.credentials.json ~/.claude/.credentials.json.moved'],
    ["/h/my claude/it's/.credentials.json", `mv '/h/my claude/it'\\''s/.credentials.json' '/h/my claude/it'\\''s/.credentials.json'.moved`],
  ])('%s: a command that works as typed', (path, command) => {
    expect(notFileAdvice({ HOME: '/h' }, path)).toContain(`(${command})`);
  });
});
