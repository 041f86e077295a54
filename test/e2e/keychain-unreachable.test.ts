/**
 * The keychain out of reach, for real: no session bus (a plain SSH login), a bus turned
 * off (DBUS_SESSION_BUS_ADDRESS=disabled:), and a Secret Service that hangs (a stopped
 * gnome-keyring-daemon in scripts/with-secret-service.sh).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CCENV, ccenv, ROOT, sandbox, type Sandbox } from '../helpers/cli.js';
import { inSecretService, secretServiceRequirement } from '../helpers/secret-service.js';

let box: Sandbox;
beforeEach(() => {
  box = sandbox({ CCENV_BACKEND: 'keychain' });
  delete (box.env as Record<string, string | undefined>).CCENV_FILE_PASSPHRASE;
  mkdirSync(box.configDir, { recursive: true });
  // A profile whose secret went into the keychain on a day the keychain was there.
  writeFileSync(join(box.configDir, 'config.json'), JSON.stringify({ version: 1, profiles: { w: { kind: 'api-key', hasSecret: true } } }));
});
afterEach(() => box.cleanup());

describe('no session bus', () => {
  it.each([
    ['DBUS_SESSION_BUS_ADDRESS unset', {}, 'there is no D-Bus session bus'],
    ['DBUS_SESSION_BUS_ADDRESS=disabled:', { DBUS_SESSION_BUS_ADDRESS: 'disabled:' }, 'DBUS_SESSION_BUS_ADDRESS="disabled:" names no session bus'],
  ])('%s: says so and how to start one; show degrades as status does', async (_what, env, reason) => {
    const added = await ccenv(box, ['add', 'x', '--kind', 'api-key', '--secret-stdin'], { env, input: 'sk-ant-api03-secret-1234567890' });
    expect(added.exitCode).toBe(1);
    expect(added.stderr).toContain(reason);
    expect(added.stderr).toContain('dbus-run-session');
    expect(added.stderr).toContain('CCENV_BACKEND=file');
    expect(added.stderr).not.toMatch(/unlock your keychain|Platform failure|DBus error|Could not parse/);

    const show = await ccenv(box, ['show', 'w'], { env });
    expect(show.exitCode).toBe(1);
    expect(show.stdout).toMatch(/^auth +API key$/m);
    expect(show.stdout).toMatch(/^secret +unreadable/m);
    expect(show.stderr).toContain(reason);
    const json = JSON.parse((await ccenv(box, ['show', 'w', '--json'], { env })).stdout);
    expect(json).toMatchObject({ name: 'w', kind: 'api-key', secret: { stored: null, problem: expect.stringContaining(reason) } });
    const status = await ccenv(box, ['status', '@w', '--json'], { env });
    expect(JSON.parse(status.stdout)).toMatchObject({ secret: 'unreadable', secretProblem: expect.stringContaining(reason) });
  });
});

describe('a Secret Service that hangs', () => {
  if (!secretServiceRequirement({ secretTool: true })) return;

  it('gives up after the figure it names, which is the README figure', async () => {
    const script = `
      kill -STOP "$SS_DAEMON_PID"
      start=$(date +%s%N)
      node ${CCENV} show w; echo "show=$?"
      echo "ms=$(( ($(date +%s%N) - start) / 1000000 ))"
      kill -CONT "$SS_DAEMON_PID"`;
    const run = await inSecretService(['bash', '-c', script], { env: box.env, timeout: 60_000 });
    expect(run.stdout).toContain('show=1');
    const seconds = Number(/no answer within (\d+(?:\.\d+)?) s/.exec(run.stderr)?.[1]);
    expect(seconds).toBeGreaterThan(0);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain(`gives up after ${seconds} s`);
    expect(readme).not.toContain('within a second');
    // Honest, with room for a loaded machine: Node's start and the bus come on top.
    const ms = Number(/ms=(\d+)/.exec(run.stdout)?.[1]);
    expect(ms).toBeGreaterThanOrEqual(seconds * 1000);
    expect(ms).toBeLessThan(seconds * 1000 + 6000);
  }, 60_000);
});
