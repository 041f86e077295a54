/**
 * Secrets read from a source at each launch, through the built CLI with a fake claude: the
 * value arrives on descriptor 3, and every way a source can fail stops the launch with a
 * message naming the profile, the source and the fix, never the secret, claude not started.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAlive } from '../../src/process-alive.js';
import { parseStat } from '../../src/process-tree.js';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import { fakeClaudeOnPath, type FakeClaude } from '../helpers/fake-claude.js';

let box: Sandbox;
let fake: FakeClaude;
let bin: string;

/** A program on the sandbox's PATH. */
function program(name: string, body: string): string {
  const path = join(bin, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

beforeEach(() => {
  box = sandbox();
  fake = fakeClaudeOnPath(box);
  bin = join(box.home, 'source-bin');
  mkdirSync(bin);
  box.env.PATH = `${bin}:${box.env.PATH}`;
});
afterEach(() => box.cleanup());

/** Whether `pid` ends (no such process, or a zombie left for a parent that is not us) within `ms`. */
async function endsWithin(pid: number, ms: number): Promise<boolean> {
  const ended = () => {
    if (!isAlive(pid)) return true;
    try {
      const stat = parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      return stat?.state === 'Z' && stat.ppid !== process.pid;
    } catch {
      return process.platform === 'linux';
    }
  };
  const deadline = Date.now() + ms;
  while (!ended()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

async function addCommand(name: string, argv: string[], kind = ['--kind', 'api-key']): Promise<void> {
  const run = await ccenv(box, ['add', name, ...kind, '--secret-command', '--', ...argv]);
  expect(run.exitCode, run.stderr).toBe(0);
}

describe('a source that works', () => {
  it('op: `op read` with the reference, recorded argv; the value reaches claude on descriptor 3 and nowhere else', async () => {
    const log = join(box.home, 'op.argv');
    program('op', `printf '%s\\n' "$@" > '${log}'\nprintf 'sk-ant-api03-FROM-OP\\n'`);
    expect((await ccenv(box, ['add', 'team', '--kind', 'api-key', '--secret-from', 'op://Team/Anthropic/credential'])).exitCode).toBe(0);
    const run = await ccenv(box, ['@team', '-p', 'hi']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(readFileSync(log, 'utf8').split('\n').slice(0, -1)).toEqual(['read', '--no-newline', 'op://Team/Anthropic/credential']);
    expect(fake.fd3()).toBe('sk-ant-api03-FROM-OP');
    expect(JSON.stringify(fake.env())).not.toContain('FROM-OP');
    expect(fake.argv()).toEqual(['-p', 'hi']);
    // Nothing of the secret in ccenv's files.
    expect(readFileSync(join(box.configDir, 'config.json'), 'utf8')).not.toContain('FROM-OP');
  });

  it('a command: argv as given (no shell), one trailing newline taken off, nothing else', async () => {
    await addCommand('cmd', ['printf', '%s\\n', ' spaced $HOME `x` ']);
    const run = await ccenv(box, ['@cmd', '-p', 'hi']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(fake.fd3()).toBe(' spaced $HOME `x` ');
  });

  it("a source program does not get ccenv's own variables (the file backend's passphrase)", async () => {
    await addCommand('careful', ['sh', '-c', 'if [ -n "$CCENV_FILE_PASSPHRASE$CCENV_BACKEND" ]; then echo leaked >&2; exit 9; fi; printf sk-ant-api03-CAREFUL']);
    const run = await ccenv(box, ['@careful', '-p', 'hi']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(fake.fd3()).toBe('sk-ant-api03-CAREFUL');
  });

  it('env: the variable reaches claude on the descriptor and is gone from its environment', async () => {
    expect((await ccenv(box, ['add', 'ci', '--kind', 'api-key', '--secret-from', 'env:CI_ANTHROPIC_KEY'])).exitCode).toBe(0);
    const run = await ccenv(box, ['@ci', '-p', 'hi'], { env: { CI_ANTHROPIC_KEY: 'sk-ant-api03-FROM-CI' } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(fake.fd3()).toBe('sk-ant-api03-FROM-CI');
    expect(fake.env().CI_ANTHROPIC_KEY).toBeUndefined();
    expect(JSON.stringify(fake.env())).not.toContain('FROM-CI');
  });

  it('env: ANTHROPIC_API_KEY itself as the source, the usual CI spelling, is read and not passed on', async () => {
    expect((await ccenv(box, ['add', 'ci', '--kind', 'api-key', '--secret-from', 'env:ANTHROPIC_API_KEY'])).exitCode).toBe(0);
    const run = await ccenv(box, ['@ci', '-p', 'hi'], { env: { ANTHROPIC_API_KEY: 'sk-ant-api03-CI-OWN' } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(fake.fd3()).toBe('sk-ant-api03-CI-OWN');
    expect(fake.env().ANTHROPIC_API_KEY).toBeUndefined();
    expect(run.stderr).not.toContain('ignored from your environment');
  });

  it('a launch from a source never opens the secret store (no file passphrase needed, none asked)', async () => {
    await addCommand('cmd', ['printf', 'sk-ant-api03-NO-STORE']);
    const run = await ccenv(box, ['@cmd', '-p', 'hi'], { env: { CCENV_FILE_PASSPHRASE: '' } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(fake.fd3()).toBe('sk-ant-api03-NO-STORE');
    const stored = await ccenv(box, ['add', 'kept', '--kind', 'api-key', '--secret-stdin'], { input: 'sk-ant-api03-KEPT' });
    expect(stored.exitCode, stored.stderr).toBe(0);
    // The same environment does need the passphrase for a profile whose secret is stored.
    const needs = await ccenv(box, ['@kept', '-p', 'hi'], { env: { CCENV_FILE_PASSPHRASE: '' } });
    expect(needs.exitCode).not.toBe(0);
    expect(needs.stderr).toMatch(/passphrase/i);
  });

  it('a subscription token from a source goes on its own descriptor', async () => {
    await addCommand('sub', ['printf', 'sk-ant-oat01-FROM-CMD'], ['--kind', 'subscription']);
    const run = await ccenv(box, ['@sub', '-p', 'hi']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(fake.fd3()).toBe('sk-ant-oat01-FROM-CMD');
    expect(fake.env().CLAUDE_CODE_OAUTH_TOKEN_FILE_DESCRIPTOR).toBe('3');
  });
});

describe('a source that fails: a message naming the profile, the source and the fix; claude not started', () => {
  async function fails(name: string, env: Record<string, string> = {}): Promise<string> {
    const run = await ccenv(box, [`@${name}`, '-p', 'hi'], { env });
    expect(run.exitCode).toBe(1);
    expect(fake.ran()).toBe(false);
    expect(run.stderr).toContain(`profile ${name}: its secret source `);
    expect(run.stderr).not.toContain('SECRET-LINE');
    return run.stderr;
  }

  it('a program that is not installed', async () => {
    await addCommand('gone', ['no-such-secret-program', 'get']);
    expect(await fails('gone')).toMatch(/command: no-such-secret-program get needs no-such-secret-program, which is not found on PATH\nccenv: install it or give its full path/);
  });

  it('op not installed: how to get the 1Password CLI', async () => {
    box.env.PATH = `${bin}:/usr/bin:/bin`.replace(`${bin}:`, `${bin}:${fake.bin}:`);
    expect((await ccenv(box, ['add', 'team', '--kind', 'api-key', '--secret-from', 'op://T/I/F'])).exitCode).toBe(0);
    const stderr = await fails('team');
    expect(stderr).toContain('op://T/I/F needs op, which is not found on PATH');
    expect(stderr).toContain('install the 1Password CLI');
  });

  it('a program that hangs: stopped at the time limit', async () => {
    await addCommand('slow', ['sleep', '30']);
    const started = Date.now();
    expect(await fails('slow', { CCENV_SOURCE_TIMEOUT: '1' })).toContain('command: sleep 30 did not answer within 1 s (stopped)');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('a program that hangs: what it started in the background is stopped with it', async () => {
    const pidfile = join(box.home, 'grandchild.pid');
    await addCommand('slower', ['sh', '-c', `sleep 300 & echo $! > '${pidfile}'; sleep 300`]);
    expect(await fails('slower', { CCENV_SOURCE_TIMEOUT: '0.5' })).toContain('did not answer within');
    const grandchild = Number(readFileSync(pidfile, 'utf8'));
    try {
      expect(await endsWithin(grandchild, 3000)).toBe(true);
    } finally {
      try {
        process.kill(grandchild, 'SIGKILL');
      } catch {
        // Gone, as it should be.
      }
    }
  });

  it('a program that exits non-zero: its own words on stderr, then ours', async () => {
    await addCommand('bad', ['sh', '-c', 'echo vault: permission denied >&2; exit 3']);
    const stderr = await fails('bad');
    expect(stderr).toContain('vault: permission denied');
    expect(stderr).toContain('exited with status 3');
  });

  it('op not signed in', async () => {
    program('op', `echo '[ERROR] 2026/11/28 04:00:00 You are not currently signed in. Please run \`op signin --help\`' >&2\nexit 1`);
    expect((await ccenv(box, ['add', 'team', '--kind', 'api-key', '--secret-from', 'op://Team/Anthropic/credential'])).exitCode).toBe(0);
    const stderr = await fails('team');
    expect(stderr).toContain('You are not currently signed in');
    expect(stderr).toContain('profile team: its secret source op://Team/Anthropic/credential op exited with status 1');
    expect(stderr).toContain('sign in to 1Password first (op signin');
  });

  it('a program that prints nothing', async () => {
    await addCommand('empty', ['printf', '\\n']);
    expect(await fails('empty')).toContain('command: printf');
    expect(await fails('empty')).toContain('printed nothing');
  });

  it('a program that prints several lines: refused, the lines not shown', async () => {
    program('two-lines', "printf 'SECRET-LINE-1\\nSECRET-LINE-2\\n'");
    await addCommand('lines', ['two-lines']);
    expect(await fails('lines')).toContain('printed several lines');
  });

  it('two trailing newlines: only one is taken off, so it is two lines', async () => {
    program('blank-after', "printf 'SECRET-LINE\\n\\n'");
    await addCommand('two', ['blank-after']);
    expect(await fails('two')).toContain('printed several lines');
  });

  it('env: naming a variable that is not set', async () => {
    expect((await ccenv(box, ['add', 'ci', '--kind', 'api-key', '--secret-from', 'env:CI_KEY'])).exitCode).toBe(0);
    const stderr = await fails('ci');
    expect(stderr).toContain('profile ci: its secret source env:CI_KEY names a variable that is not set');
    expect(stderr).toContain('set CI_KEY in the environment ccenv runs in');
  });

  it('a source program never eats input meant for claude when stdin is not a terminal', async () => {
    await addCommand('greedy', ['sh', '-c', 'cat >/dev/null; printf sk-ant-api03-GREEDY']);
    const run = await ccenv(box, ['@greedy', '-p', 'hi'], { input: 'for claude', env: { FAKE_CAT: '1' } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toBe('for claude');
  });
});

describe('add and edit', () => {
  it('refuse a source that is no source, a secret on stdin beside a source, a source for a profile with no secret, a stray word', async () => {
    const bad = await ccenv(box, ['add', 'x', '--kind', 'api-key', '--secret-from', 'vault:kv/x']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("--secret-from: 'vault:kv/x' is not a source: op://VAULT/ITEM/FIELD, pass:PATH or env:VAR");
    const both = await ccenv(box, ['add', 'x', '--kind', 'api-key', '--secret-from', 'env:K', '--secret-stdin'], { input: 'sk' });
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain('reads its secret from its source at each launch');
    const none = await ccenv(box, ['add', 'x', '--kind', 'bedrock', '--region', 'us-east-1', '--aws-profile', 'corp', '--secret-from', 'env:K']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('--secret-from does not apply: this bedrock profile takes no secret');
    const stray = await ccenv(box, ['add', 'x', 'extra', '--kind', 'api-key']);
    expect(stray.exitCode).toBe(2);
    expect(stray.stderr).toContain('unexpected argument "extra"');
    const empty = await ccenv(box, ['add', 'x', '--kind', 'api-key', '--secret-command']);
    expect(empty.stderr).toContain('--secret-command: give the program after --');
    expect(existsSync(join(box.configDir, 'config.json'))).toBe(false);
  });

  it('edit: a new source replaces the other; --unset secret-from goes back to the store and asks for its secret', async () => {
    await addCommand('p', ['printf', 'k1']);
    expect((await ccenv(box, ['edit', 'p', '--secret-from', 'env:K'])).exitCode).toBe(0);
    const shown = JSON.parse((await ccenv(box, ['show', 'p', '--json'])).stdout);
    expect(shown).toMatchObject({ secretFrom: 'env:K' });
    expect(shown.secretCommand).toBeUndefined();
    const back = await ccenv(box, ['edit', 'p', '--unset', 'secret-from']);
    expect(back.exitCode).toBe(2);
    expect(back.stderr).toContain('needs an API key');
    expect((await ccenv(box, ['edit', 'p', '--unset', 'secret-from', '--secret-stdin'], { input: 'sk-ant-api03-STORED' })).exitCode).toBe(0);
    expect((await ccenv(box, ['@p', '-p', 'hi'])).exitCode).toBe(0);
    expect(fake.fd3()).toBe('sk-ant-api03-STORED');
  });
});

describe('show, status, list --json, check and doctor name the source, never the secret', () => {
  it('each names it; doctor finds a missing program; check and doctor use the secret against the API', async () => {
    const { startStandIn } = await import('../helpers/stand-in.js');
    const api = await startStandIn();
    try {
      program('vault-get', `printf 'sk-ant-api03-FROM-VAULT\\n'`);
      await addCommand('vault', ['vault-get', 'kv/anthropic'], ['--kind', 'api-key', '--base-url', api.url]);
      await addCommand('gone', ['no-such-secret-program'], ['--kind', 'api-key', '--base-url', api.url]);
      expect((await ccenv(box, ['add', 'ci', '--kind', 'api-key', '--secret-from', 'env:CI_KEY'])).exitCode).toBe(0);

      const list = JSON.parse((await ccenv(box, ['list', '--json'])).stdout) as { name: string; secretSource?: string }[];
      expect(Object.fromEntries(list.map((r) => [r.name, r.secretSource]))).toEqual({
        subscription: undefined,
        vault: 'command: vault-get kv/anthropic',
        gone: 'command: no-such-secret-program',
        ci: 'env:CI_KEY',
      });
      expect((await ccenv(box, ['show', 'vault'])).stdout).toMatch(/^secret +read at each launch from command: vault-get kv\/anthropic$/m);
      const status = await ccenv(box, ['status', '@vault', '--json']);
      expect(JSON.parse(status.stdout)).toMatchObject({ secret: 'from source', secretSource: 'command: vault-get kv/anthropic' });
      const unset = await ccenv(box, ['status', '@ci']);
      expect(unset.stdout).toMatch(/^secret +MISSING \(CI_KEY is not set\), read at each launch from env:CI_KEY$/m);

      const check = await ccenv(box, ['check', '@vault', '@gone', '--json']);
      const rows = JSON.parse(check.stdout) as { profile: string; status: string; detail: string }[];
      expect(rows.map((r) => [r.profile, r.status])).toEqual([['vault', 'ok'], ['gone', 'unreadable']]);
      expect(rows[1]!.detail).toContain('needs no-such-secret-program, which is not found on PATH');
      expect(api.requests().some((r) => r.headers['x-api-key'] === 'sk-ant-api03-FROM-VAULT')).toBe(true);

      const doctor = await ccenv(box, ['doctor', '--json']);
      const findings = (JSON.parse(doctor.stdout) as { findings: { id: string; what: string }[] }).findings;
      const ids = (profile: string) => findings.filter((f) => f.id.startsWith('source.') && f.what.startsWith(`profile ${profile}:`)).map((f) => f.id);
      expect([ids('vault'), ids('gone'), ids('ci')]).toEqual([['source.ok'], ['source.program-missing'], ['source.env-unset']]);
      expect(doctor.exitCode).toBe(1);
      for (const out of [check.stdout, check.stderr, doctor.stdout, doctor.stderr, status.stdout]) expect(out).not.toContain('FROM-VAULT');
    } finally {
      await api.close();
    }
  }, 90_000);
});
