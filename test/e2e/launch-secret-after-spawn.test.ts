/**
 * The real claude and the keychain read (src/launch/secret-timing.ts), against a stand-in
 * API, with a subscription login lying around in its home. An API key is read after claude
 * starts: when that read fails, the launch ends claude before its descriptor closes. Claude
 * Code 2.1.332 given an empty OAuth-token descriptor falls through to that login, so a setup
 * token is read before claude starts. Either way: no request with the login's token,
 * nothing from claude on the terminal, and the keychain's error as before.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CCENV, type Sandbox } from '../helpers/cli.js';
import { CLAUDE, realClaudeSandbox, requireRealClaude } from '../helpers/real-claude.js';
import { inSecretService as inPrivateSecretService, secretServiceRequirement } from '../helpers/secret-service.js';
import { startStandIn, type StandIn } from '../helpers/stand-in.js';

const TOKEN = 'sk-ant-oat01-PROFILE-TOKEN-0011';
const LOGIN = 'sk-ant-oat01-LOGIN-LYING-AROUND-0012';
const KEY = 'sk-ant-api03-PROFILE-KEY-read-after-the-spawn-0013';

describe('a secret read after claude is started, with the real claude', () => {
  if (!requireRealClaude()) return;
  if (!secretServiceRequirement()) return;

  let box: Sandbox;
  let api: StandIn;
  let keyrings: string;
  beforeAll(async () => {
    api = await startStandIn();
    box = realClaudeSandbox({ CCENV_BACKEND: 'keychain' });
    keyrings = join(box.home, 'keyrings-home');
    mkdirSync(keyrings);
    mkdirSync(join(box.home, '.claude'));
    const login = { claudeAiOauth: { accessToken: LOGIN, refreshToken: 'sk-ant-ort01-LOGIN', expiresAt: Date.now() + 864e5, scopes: ['user:inference', 'user:profile'], subscriptionType: 'max' } };
    writeFileSync(join(box.home, '.claude', '.credentials.json'), JSON.stringify(login), { mode: 0o600 });
  });
  afterAll(async () => {
    await api?.close();
    box?.cleanup();
  });

  /** Runs a command inside a private Secret Service whose keyrings persist in `keyrings`. */
  const inSecretService = (command: string[], keyring: 'unlocked' | 'locked', input = '') =>
    inPrivateSecretService(command, { keyring, keyringsHome: keyrings, env: box.env, cwd: box.home, input, timeout: 60_000 });
  const bearers = () => api.requests().map((r) => String(r.headers.authorization ?? ''));

  it('the login is there to be found: claude alone, with no profile, sends it', async () => {
    api.clear();
    const r = await execa(CLAUDE, ['-p', 'hi'], { env: { ...box.env, ANTHROPIC_BASE_URL: api.url }, extendEnv: false, cwd: box.home, reject: false, timeout: 60_000 });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(bearers()).toContain(`Bearer ${LOGIN}`);
  }, 90_000);

  const keys = () => api.requests().map((r) => String(r.headers['x-api-key'] ?? ''));

  it("the profile's API key arrives, read after the spawn", async () => {
    const add = await inSecretService([process.execPath, CCENV, 'add', 'key', '--kind', 'api-key', '--base-url', api.url, '--secret-stdin'], 'unlocked', KEY);
    expect(add.exitCode, add.stderr).toBe(0);
    api.clear();
    const run = await inSecretService([process.execPath, CCENV, '@key', '-p', 'hi'], 'unlocked');
    expect(run.exitCode, run.stderr).toBe(0);
    expect(keys().length).toBeGreaterThan(0);
    expect(new Set(keys())).toEqual(new Set([KEY]));
    expect(bearers().filter(Boolean)).toEqual([]);
  }, 90_000);

  it('the keychain read fails after the spawn: claude is ended before it goes on', async () => {
    api.clear();
    const run = await inSecretService([process.execPath, CCENV, '@key', '-p', 'hi'], 'locked');
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^ccenv: cannot read the secret of profile key .*the keychain is locked/m);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toMatch(/Not logged in|API Error/);
    expect(api.requests()).toEqual([]);
  }, 90_000);

  it("a setup token arrives, read before the spawn", async () => {
    const add = await inSecretService([process.execPath, CCENV, 'add', 'tok', '--kind', 'subscription', '--base-url', api.url, '--secret-stdin'], 'unlocked', TOKEN);
    expect(add.exitCode, add.stderr).toBe(0);
    api.clear();
    const run = await inSecretService([process.execPath, CCENV, '@tok', '-p', 'hi'], 'unlocked');
    expect(run.exitCode, run.stderr).toBe(0);
    expect(bearers().length).toBeGreaterThan(0);
    expect(new Set(bearers())).toEqual(new Set([`Bearer ${TOKEN}`]));
  }, 90_000);

  it('the keychain read of a setup token fails: claude never starts, the login is never used', async () => {
    api.clear();
    const run = await inSecretService([process.execPath, CCENV, '@tok', '-p', 'hi'], 'locked');
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^ccenv: cannot read the secret of profile tok .*the keychain is locked/m);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toMatch(/Not logged in|API Error/);
    expect(bearers()).not.toContain(`Bearer ${LOGIN}`);
    expect(api.requests()).toEqual([]);
  }, 90_000);
});
