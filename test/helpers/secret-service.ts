/**
 * A private, throw-away Secret Service for real keychain tests: scripts/with-secret-service.sh
 * runs a command on its own D-Bus session bus with its own gnome-keyring-daemon, torn down
 * when the command ends. Its keyrings persist between runs only in a keyrings home given here.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { execa } from 'execa';
import { ROOT } from './cli.js';
import { requirement } from './requirements.js';
import { has } from './shells.js';

export const WITH_SECRET_SERVICE = join(ROOT, 'scripts', 'with-secret-service.sh');

/**
 * Whether this machine can run a private Secret Service (and, with `secretTool`, secret-tool
 * to look into it); when not, `requirement` skips or fails the enclosing tests and says why.
 */
export function secretServiceRequirement(options: { secretTool?: boolean } = {}): boolean {
  const tools = ['dbus-run-session', 'gnome-keyring-daemon', ...(options.secretTool ? ['secret-tool'] : [])];
  return requirement(
    `a Secret Service (${tools.join(', ')})`,
    process.platform === 'linux' && tools.every(has),
    'bash .ci/run installs dbus, dbus-x11, gnome-keyring and libsecret-tools',
  );
}

export interface SecretServiceRun {
  /** How the login collection is before the command runs; 'none': a bus with no Secret Service on it. */
  keyring?: 'unlocked' | 'locked' | 'none';
  /** Where the keyrings persist between runs; by default a fresh one, gone when the run ends. */
  keyringsHome?: string;
  /** The whole environment of the command (nothing else is inherited). */
  env: Record<string, string>;
  cwd?: string;
  input?: string;
  /** Milliseconds. */
  timeout?: number;
}

export interface SecretServiceResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

function harnessEnv(run: SecretServiceRun): Record<string, string> {
  return {
    ...run.env,
    ...(run.keyring ? { SS_KEYRING: run.keyring } : {}),
    ...(run.keyringsHome ? { SS_KEYRING_HOME: run.keyringsHome } : {}),
  };
}

/** Runs `command` (argv) inside a private Secret Service, and waits for it. */
export function inSecretServiceSync(command: string[], run: SecretServiceRun): SecretServiceResult {
  const r = spawnSync('bash', [WITH_SECRET_SERVICE, ...command], {
    env: harnessEnv(run),
    cwd: run.cwd,
    input: run.input ?? '',
    encoding: 'utf8',
    timeout: run.timeout ?? 30_000,
  });
  return { exitCode: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `command` (argv) inside a private Secret Service; stdout and stderr lose their final newline. */
export async function inSecretService(command: string[], run: SecretServiceRun): Promise<SecretServiceResult> {
  const r = await execa('bash', [WITH_SECRET_SERVICE, ...command], {
    env: harnessEnv(run),
    extendEnv: false,
    cwd: run.cwd,
    input: run.input ?? '',
    reject: false,
    timeout: run.timeout ?? 60_000,
  });
  return { exitCode: r.exitCode ?? null, stdout: String(r.stdout), stderr: String(r.stderr) };
}
