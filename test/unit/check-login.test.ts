import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keychainService } from '../../src/claude/login-store.js';
import { LOGIN_NOT_CHECKED, loginVerdict } from '../../src/health/login.js';

const NOW = Date.UTC(2026, 10, 28, 3, 0);
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccenv-login-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const oauth = (fields: object) => JSON.stringify({ claudeAiOauth: { accessToken: 'sk-ant-oat01-x', ...fields } });

describe("what Claude's own login says without a request", () => {
  it.each([
    ['expired, no refresh token', oauth({ expiresAt: NOW - 60_000 }), 'expired', 'the login expired 2026-11-28 02:59 UTC and has no refresh token: log in again (ccenv login)'],
    ['expired, an empty refresh token', oauth({ expiresAt: NOW - 60_000, refreshToken: '' }), 'expired', 'the login expired 2026-11-28 02:59 UTC and has no refresh token: log in again (ccenv login)'],
    ['expired, renewable', oauth({ expiresAt: NOW - 60_000, refreshToken: 'r' }), 'unchecked', `the access token expired 2026-11-28 02:59 UTC; Claude Code renews it at its next start; ${LOGIN_NOT_CHECKED}`],
    ['not expired', oauth({ expiresAt: NOW + 60_000 }), 'unchecked', LOGIN_NOT_CHECKED],
    ['no expiry', oauth({}), 'unchecked', LOGIN_NOT_CHECKED],
  ])('%s: %s', async (_what, text, status, detail) => {
    writeFileSync(join(dir, '.credentials.json'), text);
    expect(await loginVerdict({ HOME: '/nowhere' }, dir, NOW, 'linux')).toEqual({ status, detail });
  });

  it.each([
    ['not JSON', '{', 'holds no claudeAiOauth login'],
    ['JSON null', 'null', 'holds no claudeAiOauth login'],
    ['no login in it', '{"other": 1}', 'holds no claudeAiOauth login'],
  ])('%s: unchecked, and says so', async (_what, text, words) => {
    writeFileSync(join(dir, '.credentials.json'), text);
    expect(await loginVerdict({}, dir, NOW, 'linux')).toMatchObject({ status: 'unchecked', detail: expect.stringContaining(words) });
  });

  it('finds no login in a directory without the file', async () => {
    expect((await loginVerdict({}, dir, NOW, 'linux')).detail).toBe(`no login in ${join(dir, '.credentials.json')}; ${LOGIN_NOT_CHECKED}`);
  });

  it('refuses a credentials file that is not a regular file', async () => {
    mkdirSync(join(dir, '.credentials.json'));
    expect(await loginVerdict({}, dir, NOW, 'linux')).toMatchObject({ status: 'unchecked', detail: expect.stringContaining('.credentials.json cannot be read: not a regular file (a directory)') });
  });

  it('uses $CLAUDE_CONFIG_DIR, then ~/.claude, when the profile has no directory of its own', async () => {
    writeFileSync(join(dir, '.credentials.json'), oauth({ expiresAt: NOW - 1 }));
    expect((await loginVerdict({ CLAUDE_CONFIG_DIR: dir }, undefined, NOW, 'linux')).status).toBe('expired');
    mkdirSync(join(dir, '.claude'));
    writeFileSync(join(dir, '.claude', '.credentials.json'), oauth({ expiresAt: NOW - 1 }));
    expect((await loginVerdict({ HOME: dir }, undefined, NOW, 'linux')).status).toBe('expired');
  });

  it('reads the macOS Keychain item for the directory, says so first, and never the file there', async () => {
    writeFileSync(join(dir, '.credentials.json'), oauth({ expiresAt: NOW + 60_000 }));
    const asked: string[] = [];
    const notices: string[] = [];
    const keychain = async (service: string, account: string) => {
      asked.push(`${service}|${account}`);
      return oauth({ expiresAt: NOW - 60_000 });
    };
    const verdict = await loginVerdict({ USER: 'ann' }, '/Users/ann/.claude-max', NOW, 'darwin', { keychain, notice: (l) => void notices.push(l) });
    expect(verdict.status).toBe('expired');
    expect(asked).toEqual([`${keychainService('/Users/ann/.claude-max')}|ann`]);
    expect(notices).toEqual([expect.stringContaining('macOS may ask you to allow it')]);
  });

  it('on macOS: no item, an item that is not a login, a Keychain that refuses', async () => {
    const quiet = { notice: () => {} };
    expect((await loginVerdict({}, undefined, NOW, 'darwin', { ...quiet, keychain: async () => undefined })).detail).toContain('no login in the macOS Keychain item "Claude Code-credentials"');
    expect((await loginVerdict({}, undefined, NOW, 'darwin', { ...quiet, keychain: async () => '{' })).detail).toContain('holds no claudeAiOauth login');
    const refused = async () => {
      throw new Error('User interaction is not allowed.');
    };
    expect((await loginVerdict({}, undefined, NOW, 'darwin', { ...quiet, keychain: refused })).detail).toContain('the Keychain refused: User interaction is not allowed.');
  });
});
