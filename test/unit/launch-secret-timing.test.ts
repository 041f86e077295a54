/** When a launch reads its secret (before or after claude starts), and the delivery after the spawn. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan, secretRoute } from '../../src/launch/plan.js';
import { secretTiming } from '../../src/launch/secret-timing.js';
import { runPlan } from '../../src/launch/spawn.js';
import type { Profile } from '../../src/profiles/types.js';

const API: Profile = { kind: 'api-key' };
const TOKEN: Profile = { kind: 'subscription', hasSecret: true };
const LOGIN: Profile = { kind: 'subscription' };
const FOUNDRY: Profile = { kind: 'foundry', resource: 'r' };
const WITH_PASSPHRASE = { CCENV_FILE_PASSPHRASE: 'a passphrase' };

describe('secretRoute', () => {
  it.each([
    ['api key, claude', API, 'claude', ['-p', 'hi'], 'descriptor'],
    ['api key, exec', API, 'exec', [], 'variable'],
    ['api key, claude --bare', API, 'claude', ['--bare', '-p', 'hi'], 'variable'],
    ['api key, --bare after --', API, 'claude', ['--', '--bare'], 'descriptor'],
    ['setup token, claude', TOKEN, 'claude', [], 'descriptor'],
    ['own login', LOGIN, 'claude', [], 'none'],
    ['foundry key (no descriptor in claude)', FOUNDRY, 'claude', [], 'variable'],
  ] as const)('%s: %s', (_what, profile, mode, args, route) => {
    expect(secretRoute(profile, mode, args)).toBe(route);
  });
});

describe('secretTiming', () => {
  it.each([
    ['keychain, descriptor', {}, 'keychain', API, 'descriptor', 'after'],
    ['file with its passphrase in the environment', WITH_PASSPHRASE, 'file', API, 'descriptor', 'after'],
    ['file that would ask for its passphrase on the terminal', {}, 'file', API, 'descriptor', 'before'],
    ['a variable (exec, --bare)', {}, 'keychain', API, 'variable', 'before'],
    ['no secret', {}, 'keychain', LOGIN, 'none', 'before'],
    ['a source that runs a program (op://)', {}, 'keychain', { ...API, secretFrom: 'op://v/i/f' }, 'descriptor', 'before'],
    ['a secret command', WITH_PASSPHRASE, 'file', { ...API, secretCommand: ['pass', 'x'] } as Profile, 'descriptor', 'before'],
    // An empty token descriptor lets claude go on with a login lying around: never left open to that.
    ['a setup token (an empty token descriptor falls through to the login)', {}, 'keychain', TOKEN, 'descriptor', 'before'],
    ['a gateway token (not seen what an empty one does)', {}, 'keychain', { kind: 'gateway', baseUrl: 'https://gw.example' } as Profile, 'descriptor', 'before'],
  ] as const)('%s: %s', (_what, env, backend, profile, route, timing) => {
    expect(secretTiming(env, backend, profile, route)).toBe(timing);
  });
});

describe('runPlan with a secret after the spawn', () => {
  const plan = (args: string[]) =>
    buildPlan({
      resolved: { name: 'p', profile: API, source: { from: 'argument' } },
      caller: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      secret: undefined,
      secretAfterSpawn: true,
      mode: 'claude',
      command: 'sh',
      args,
    });

  it('the child waits on its descriptor for a secret that comes late', async () => {
    // Exit 0 only when the late secret is what the descriptor held.
    const p = plan(['-c', 'test "$(cat <&3)" = late-secret']);
    expect(p.descriptors[0]!.secret).toBe('');
    const late = () => new Promise<string>((done) => setTimeout(() => done('late-secret'), 300));
    expect(await runPlan(p, process.env, { lateSecret: late })).toEqual({ code: 0 });
  });

  it('a failed read: the child is killed before its descriptor closes, and the error is thrown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccenv-late-'));
    try {
      // Had the descriptor closed first, the child would have gone on past its read.
      const p = plan(['-c', `IFS= read -r s <&3; : > ${join(dir, 'went-on')}`]);
      const failing = () => new Promise<string>((_, fail) => setTimeout(() => fail(new Error('keychain locked')), 100));
      await expect(runPlan(p, process.env, { lateSecret: failing })).rejects.toThrow('keychain locked');
      expect(existsSync(join(dir, 'went-on'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a plan that waits for a secret nobody delivers', async () => {
    await expect(runPlan(plan(['-c', 'true']), process.env)).rejects.toThrow(/needs its secret delivered/);
  });
});
