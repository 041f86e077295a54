/**
 * Secret sources with the real things: real `pass` and `gpg` (a key made here), and the real
 * claude against the stand-in API. A launch sends the entry's current value; changing the
 * entry changes the next launch; a locked key with no terminal stops the launch before
 * claude starts; in a CI-like run an `env:` source's variable is absent from what claude's
 * Bash tool sees, while its value reaches the API.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccenv, type Sandbox } from '../helpers/cli.js';
import { realClaudeSandbox, requireRealClaude } from '../helpers/real-claude.js';
import { requirement } from '../helpers/requirements.js';
import { has } from '../helpers/shells.js';
import { startStandIn, type StandIn } from '../helpers/stand-in.js';

const FIRST = 'sk-ant-api03-FROM-PASS-0001';
const ROTATED = 'sk-ant-api03-FROM-PASS-0002';
const CI_KEY = 'sk-ant-api03-FROM-CI-ENV-0003';

describe('secret sources with real pass and the real claude', () => {
  if (!requireRealClaude()) return;
  if (!requirement('pass and gpg', has('pass') && has('gpg'), 'apt install pass gnupg')) return;
  let box: Sandbox;
  let api: StandIn;

  async function tool(args: string[], env: Record<string, string> = {}, input?: string) {
    const run = await execa(args[0]!, args.slice(1), { env: { ...box.env, ...env }, extendEnv: false, reject: false, input: input ?? '' });
    expect(run.exitCode, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    return String(run.stdout);
  }
  /** A GnuPG home with one key (a passphrase or none) and a password store encrypted to it. */
  async function keyring(name: string, passphrase: string): Promise<Record<string, string>> {
    const env = { GNUPGHOME: join(box.home, `gnupg-${name}`), PASSWORD_STORE_DIR: join(box.home, `store-${name}`) };
    mkdirSync(env.GNUPGHOME, { mode: 0o700 });
    await tool(['gpg', '--batch', '--pinentry-mode', 'loopback', '--passphrase', passphrase, '--quick-gen-key', `ccenv test ${name} <${name}@example.invalid>`, 'default', 'default', 'never'], env);
    await tool(['pass', 'init', `${name}@example.invalid`], env);
    // The agent forgets any passphrase it was given while the key was made.
    await tool(['gpgconf', '--kill', 'gpg-agent'], env);
    return env;
  }
  const insert = (env: Record<string, string>, value: string) => tool(['pass', 'insert', '--multiline', '--force', 'work/anthropic'], env, `${value}\nlogin: team@example.invalid\n`);
  const keysSent = () => api.requests().filter((r) => r.method === 'POST').map((r) => r.headers['x-api-key']);

  let open: Record<string, string>;
  let locked: Record<string, string>;
  beforeAll(async () => {
    api = await startStandIn();
    box = realClaudeSandbox();
    open = await keyring('open', '');
    locked = await keyring('locked', 'a passphrase nobody types');
    await insert(open, FIRST);
    await insert(locked, FIRST);
    const add = await ccenv(box, ['add', 'team', '--kind', 'api-key', '--base-url', api.url, '--secret-from', 'pass:work/anthropic']);
    expect(add.exitCode, add.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    for (const env of [open, locked]) if (env) await execa('gpgconf', ['--kill', 'gpg-agent'], { env: { ...box.env, ...env }, extendEnv: false, reject: false });
    await api?.close();
    box?.cleanup();
  });

  it("a launch sends the entry's current value (its first line); changing the entry changes the next launch", async () => {
    api.clear();
    const first = await ccenv(box, ['@team', '-p', 'hi'], { env: open });
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toContain('stand-in ok');
    expect(new Set(keysSent())).toEqual(new Set([FIRST]));

    await insert(open, ROTATED);
    api.clear();
    const second = await ccenv(box, ['@team', '-p', 'hi'], { env: open });
    expect(second.exitCode, second.stderr).toBe(0);
    expect(new Set(keysSent())).toEqual(new Set([ROTATED]));
  }, 120_000);

  it('a locked GPG key and no terminal: the message names the profile, the source and the fix; claude not started', async () => {
    api.clear();
    const run = await ccenv(box, ['@team', '-p', 'hi'], { env: { ...locked, CCENV_SOURCE_TIMEOUT: '8' } });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/ccenv: profile team: its secret source pass:work\/anthropic (pass exited with status \d+|did not answer within 8 s)/);
    expect(run.stderr).toContain('a locked GPG key needs its passphrase');
    expect(run.stderr).toContain('there is no terminal here to answer a prompt on');
    expect(run.stderr).not.toContain('FROM-PASS');
    expect(api.requests()).toEqual([]);
  }, 60_000);

  it("env: in a CI-like run with no terminal, claude's Bash tool does not see the variable; the key reaches the API", async () => {
    const tools = await startStandIn({ mode: 'tool', toolCommand: 'env' });
    try {
      const add = await ccenv(box, ['add', 'ci', '--kind', 'api-key', '--base-url', tools.url, '--secret-from', 'env:CI_ANTHROPIC_KEY']);
      expect(add.exitCode, add.stderr).toBe(0);
      const run = await ccenv(box, ['@ci', '-p', 'run env', '--allowedTools', 'Bash'], { env: { CI: 'true', GITHUB_ACTIONS: 'true', CI_ANTHROPIC_KEY: CI_KEY } });
      expect(run.exitCode, run.stderr).toBe(0);
      const output = tools.toolResults().join('\n');
      expect(output).toContain('CCENV_ACTIVE=ci');
      expect(output).toContain('GITHUB_ACTIONS=true');
      expect(output).not.toContain('CI_ANTHROPIC_KEY');
      expect(output).not.toContain(CI_KEY);
      expect(tools.requests().filter((r) => r.method === 'POST').map((r) => r.headers['x-api-key'])).toContain(CI_KEY);
    } finally {
      await tools.close();
    }
  }, 120_000);
});
