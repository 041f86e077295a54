import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
    ['expired, no refresh token', oauth({ expiresAt: NOW - 60_000 }), 'expired', 'the login expired 2026-11-28 02:59 UTC and has no refresh token: log in again'],
    ['expired, an empty refresh token', oauth({ expiresAt: NOW - 60_000, refreshToken: '' }), 'expired', 'the login expired 2026-11-28 02:59 UTC and has no refresh token: log in again'],
    ['expired, renewable', oauth({ expiresAt: NOW - 60_000, refreshToken: 'r' }), 'unchecked', `the access token expired 2026-11-28 02:59 UTC; Claude Code renews it at its next start; ${LOGIN_NOT_CHECKED}`],
    ['not expired', oauth({ expiresAt: NOW + 60_000 }), 'unchecked', LOGIN_NOT_CHECKED],
    ['no expiry', oauth({}), 'unchecked', LOGIN_NOT_CHECKED],
  ])('%s: %s', (_what, text, status, detail) => {
    writeFileSync(join(dir, '.credentials.json'), text);
    expect(loginVerdict({ HOME: '/nowhere' }, dir, NOW, 'linux')).toEqual({ status, detail });
  });

  it.each([
    ['not JSON', '{', 'holds no claudeAiOauth login'],
    ['JSON null', 'null', 'holds no claudeAiOauth login'],
    ['no login in it', '{"other": 1}', 'holds no claudeAiOauth login'],
  ])('%s: unchecked, and says so', (_what, text, words) => {
    writeFileSync(join(dir, '.credentials.json'), text);
    expect(loginVerdict({}, dir, NOW, 'linux')).toMatchObject({ status: 'unchecked', detail: expect.stringContaining(words) });
  });

  it('finds no login in a directory without the file; on macOS it may be in the keychain', () => {
    expect(loginVerdict({}, dir, NOW, 'linux').detail).toBe(`no login in ${join(dir, '.credentials.json')}; ${LOGIN_NOT_CHECKED}`);
    expect(loginVerdict({}, dir, NOW, 'darwin').detail).toContain('on macOS the login may be in the keychain');
  });

  it('refuses a credentials file that is not a regular file', () => {
    mkdirSync(join(dir, '.credentials.json'));
    expect(loginVerdict({}, dir, NOW, 'linux')).toMatchObject({ status: 'unchecked', detail: expect.stringContaining('.credentials.json cannot be read: not a regular file (a directory)') });
  });

  it('uses $CLAUDE_CONFIG_DIR, then ~/.claude, when the profile has no directory of its own', () => {
    writeFileSync(join(dir, '.credentials.json'), oauth({ expiresAt: NOW - 1 }));
    expect(loginVerdict({ CLAUDE_CONFIG_DIR: dir }, undefined, NOW, 'linux').status).toBe('expired');
    mkdirSync(join(dir, '.claude'));
    writeFileSync(join(dir, '.claude', '.credentials.json'), oauth({ expiresAt: NOW - 1 }));
    expect(loginVerdict({ HOME: dir }, undefined, NOW, 'linux').status).toBe('expired');
  });
});
