/** Who a Claude directory is logged in as, from its files; on macOS the login itself is in the Keychain. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountIdentity, describeIdentity } from '../../src/accounts/identity.js';
import { scratchDir } from '../helpers/scratch.js';

const NOW = Date.UTC(2026, 10, 28, 12);
const ACCOUNT = { oauthAccount: { emailAddress: 'one@example.com', organizationName: 'Org One' } };

function home(files: { login?: boolean; account?: boolean }): string {
  const dir = scratchDir('ccenv-identity');
  mkdirSync(join(dir, '.claude'));
  if (files.account) writeFileSync(join(dir, '.claude.json'), JSON.stringify(ACCOUNT));
  if (files.login) {
    writeFileSync(join(dir, '.claude', '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: 'at', refreshToken: 'rt', expiresAt: NOW + 1000, subscriptionType: 'max' } }));
  }
  return dir;
}

describe('accountIdentity and describeIdentity', () => {
  it.each([
    ['linux, a login file', 'linux', { login: true, account: true }, 'one@example.com, Org One, max'],
    ['linux, no login file', 'linux', { account: true }, 'not logged in (was one@example.com)'],
    ['linux, nothing', 'linux', {}, 'not logged in'],
    // Claude Code keeps a macOS login in the Keychain, not in .credentials.json: no file is no verdict.
    ['macOS, no login file', 'darwin', { account: true }, 'one@example.com, Org One; the login is kept in the macOS Keychain (not read here: ccenv status --verify asks claude)'],
    ['macOS, nothing', 'darwin', {}, 'the login is kept in the macOS Keychain (not read here: ccenv status --verify asks claude)'],
    ['macOS, a login file all the same', 'darwin', { login: true, account: true }, 'one@example.com, Org One, max'],
  ] as const)('%s', (_, platform, files, said) => {
    const id = accountIdentity({ HOME: home(files) }, undefined, NOW, platform);
    expect(describeIdentity(id)).toBe(said);
  });
});
