/**
 * Runs a source program (op, pass, a --secret-command) and takes what it prints on stdout:
 * no shell, argv as given, a time limit, its stderr passed through (so that 1Password's
 * unlock or a GPG pinentry can speak to the terminal), its exit status checked. Its stdout
 * is collected in memory only, bounded, and never reaches a message.
 */
import { spawn } from 'node:child_process';
import type { Env } from '../../paths.js';
import { killProcessTree } from '../../process-tree.js';

/** More than any secret ccenv takes (16 KiB); past it the program is not printing a secret. */
const MAX_OUTPUT = 65_536;

export type ProgramOutcome =
  | { ok: true; stdout: string }
  | { ok: false; failure: 'missing' | 'timeout' | 'too-long' | 'abandoned' }
  | { ok: false; failure: 'exit'; code: number | null; signal: NodeJS.Signals | null }
  | { ok: false; failure: 'cannot-run'; message: string };

export interface ProgramOptions {
  env: Env;
  timeoutMs: number;
  /** Give the program ccenv's stdin (a terminal to answer a prompt on); else /dev/null, so it never eats input meant for claude. */
  stdinIsTerminal: boolean;
  /** Ends the program (with what it started) when aborted: its secret is no longer wanted. */
  signal?: AbortSignal;
}

/** How long a source program may take (seconds), unless CCENV_SOURCE_TIMEOUT says otherwise. */
export const DEFAULT_SOURCE_TIMEOUT_S = 10;

export function sourceTimeoutMs(env: Env): number {
  const seconds = Number(env.CCENV_SOURCE_TIMEOUT);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_SOURCE_TIMEOUT_S) * 1000;
}

/** The caller's environment less ccenv's own variables: the file backend's passphrase is not the program's business. */
function withoutCcenvOwn(env: Env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key, value]) => value !== undefined && !key.startsWith('CCENV_')));
}

export function runSourceProgram(argv: readonly string[], options: ProgramOptions): Promise<ProgramOutcome> {
  return new Promise((done) => {
    let settled = false;
    const finish = (outcome: ProgramOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abandon);
      done(outcome);
    };
    const chunks: Buffer[] = [];
    let size = 0;
    const child = spawn(argv[0]!, argv.slice(1), {
      stdio: [options.stdinIsTerminal ? 'inherit' : 'ignore', 'pipe', 'inherit'],
      env: withoutCcenvOwn(options.env),
      shell: false,
    });
    /** Ends the program with its children (gpg under pass, a command under `sh -c`), who may hold the pipe open: do not wait for them. */
    const stop = () => {
      // Only while it is ours and not yet reaped, so that its pid still names it.
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) killProcessTree(child.pid);
      child.kill('SIGKILL');
      child.stdout?.destroy();
    };
    const timer = setTimeout(() => {
      stop();
      finish({ ok: false, failure: 'timeout' });
    }, options.timeoutMs);
    function abandon(): void {
      stop();
      finish({ ok: false, failure: 'abandoned' });
    }
    if (options.signal?.aborted) abandon();
    else options.signal?.addEventListener('abort', abandon, { once: true });
    child.stdout!.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) {
        stop();
        finish({ ok: false, failure: 'too-long' });
        return;
      }
      chunks.push(chunk);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      finish(error.code === 'ENOENT' ? { ok: false, failure: 'missing' } : { ok: false, failure: 'cannot-run', message: error.code ?? error.message });
    });
    child.once('close', (code, signal) => {
      const stdout = Buffer.concat(chunks).toString('utf8');
      chunks.length = 0;
      finish(code === 0 ? { ok: true, stdout } : { ok: false, failure: 'exit', code, signal });
    });
  });
}
