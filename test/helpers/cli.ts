/**
 * Runs the built CLI as a user would: a fresh temporary HOME and XDG directories, and an
 * environment scrubbed of everything but what the test gives.
 */
import { join, resolve } from 'node:path';
import { execa, type Options } from 'execa';
import { removeScratch, scratchDir } from './scratch.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CCENV = join(ROOT, 'bin', 'ccenv.cjs');

export interface Sandbox {
  home: string;
  env: Record<string, string>;
  configDir: string;
  dataDir: string;
  cleanup(): void;
}

/** A temporary HOME with the encrypted file backend, unless `env` says otherwise. */
export function sandbox(env: Record<string, string> = {}): Sandbox {
  const home = scratchDir('ccenv-home');
  const base: Record<string, string> = {
    HOME: home,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    LANG: 'C.UTF-8',
    // The runner's time zone, so that a run at another hour of the day (TZ=Etc/GMT-14) can be had at will.
    ...(process.env.TZ ? { TZ: process.env.TZ } : {}),
    CCENV_BACKEND: 'file',
    CCENV_FILE_PASSPHRASE: 'test passphrase',
  };
  return {
    home,
    env: { ...base, ...env },
    configDir: join(home, '.config', 'ccenv'),
    dataDir: join(home, '.local', 'share', 'ccenv'),
    cleanup: () => removeScratch(home),
  };
}

export interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `ccenv ARGS` in the sandbox; `input` goes to its standard input. Never throws on exit codes. */
export async function ccenv(box: Sandbox, args: string[], options: { input?: string; env?: Record<string, string>; cwd?: string } = {}): Promise<Run> {
  const execaOptions: Options = {
    env: { ...box.env, ...options.env },
    extendEnv: false,
    reject: false,
    cwd: options.cwd ?? box.home,
    input: options.input ?? '',
    timeout: 30_000,
  };
  const result = await execa(process.execPath, [CCENV, ...args], execaOptions);
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
