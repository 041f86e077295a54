/**
 * The act: run a LaunchPlan. The child gets the terminal; ccenv waits, passes on SIGTERM
 * and SIGHUP, lets Ctrl-C reach the child alone, and ends the way the child ended.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { constants } from 'node:os';
import { CcenvError } from '../errors.js';
import type { Env } from '../paths.js';
import { childEnvironment, type LaunchPlan } from './plan.js';

/** How the child ended. */
export type Ending = { code: number } | { signal: NodeJS.Signals };

const FORWARDED: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGHUP'];
/** Sent by the terminal to the whole foreground group: the child gets them too; ccenv must outlive it. */
const IGNORED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGQUIT'];

/**
 * Keeps SIGUSR1 from opening Node's inspector in the waiting ccenv: a command the agent runs
 * could otherwise attach to 127.0.0.1:9229 and read ccenv's heap. A JS listener for SIGUSR1
 * replaces Node's own handler, which is what starts the inspector (seen on Node 20.20: with
 * the listener nothing listens after the signal, without it 9229 opens). Installed first
 * thing on the launch path; the signal is then ignored.
 */
export function guardInspector(): void {
  process.on('SIGUSR1', () => {});
}

/** Reads the secret of a plan whose secret comes after the spawn (LaunchPlan.secretAfterSpawn). */
export type LateSecret = () => Promise<string>;

export interface RunOptions {
  /** The secret of a plan whose secret comes after the spawn. */
  lateSecret?: LateSecret;
  /** For `-p` with a fallback (session.ts): takes claude's stdout instead of ccenv's. */
  capture?: (chunk: Buffer) => void;
  /** claude's whole stdin, given again to a rerun. */
  input?: Buffer;
}

/**
 * Runs the plan's command and resolves with how it ended. A plan whose secret comes after
 * the spawn gets `lateSecret`: claude starts at once, and the secret is read while it starts
 * and then written to its descriptor (claude reads it there about 75 ms in, blocking until
 * it comes). When that read fails, claude is killed before its descriptor closes, so it
 * never goes on without the profile's credential (to a login lying around), and the read's
 * error is what the launch reports.
 */
export async function runPlan(plan: LaunchPlan, caller: Env, { lateSecret, capture, input }: RunOptions = {}): Promise<Ending> {
  if (plan.secretAfterSpawn && !lateSecret) throw new Error(`plan for ${plan.profile} needs its secret delivered`);
  const stdio: StdioOptions = [input ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit', 'inherit'];
  for (const { fd } of plan.descriptors) {
    while (stdio.length < fd) stdio.push('ignore');
    // A socket pair: claude reads the secret from it and closes it; nothing is on disk.
    stdio[fd] = 'pipe';
  }
  const child = spawn(plan.command, plan.args, { stdio, env: childEnvironment(plan, caller) });
  const ended = childEnding(plan, child, capture !== undefined);
  // A spawn that fails while the secret is being read is reported once that read is over.
  ended.catch(() => {});
  if (capture) child.stdout?.on('data', capture);
  if (input) {
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
  }
  const ignore = () => {};
  const forward = (signal: NodeJS.Signals) => {
    child.kill(signal);
  };
  for (const signal of IGNORED) process.on(signal, ignore);
  for (const signal of FORWARDED) process.on(signal, forward);
  try {
    const streams = plan.descriptors.map(({ fd }) => {
      const stream = child.stdio[fd] as NodeJS.WritableStream & { on(event: 'error', listener: () => void): unknown };
      // A child that exits without reading it closes its end: not an error.
      stream.on('error', () => {});
      return stream;
    });
    let late: string | undefined;
    if (plan.secretAfterSpawn) {
      try {
        late = await lateSecret!();
      } catch (error) {
        // Before anything closes the descriptor: an empty one would let claude go on without the profile.
        child.kill('SIGKILL');
        await ended.catch(() => undefined);
        for (const stream of streams) (stream as unknown as { destroy(): void }).destroy();
        throw error;
      }
    }
    plan.descriptors.forEach(({ secret }, i) => streams[i]!.end(late ?? secret));
    late = undefined;
    forgetSecrets(plan);
    return await ended;
  } finally {
    for (const signal of IGNORED) process.off(signal, ignore);
    for (const signal of FORWARDED) process.off(signal, forward);
  }
}

/** How the child ends: its exit (with stdout captured, its close: after the last byte), or the error that it could not be started. */
function childEnding(plan: LaunchPlan, child: ChildProcess, captured: boolean): Promise<Ending> {
  return new Promise((done, fail) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      fail(
        new CcenvError(`cannot run ${plan.command}: ${error.code === 'ENOENT' ? 'not found' : error.message}`, {
          exitCode: error.code === 'ENOENT' ? 127 : 126,
          ...(plan.mode === 'exec' ? { hint: 'check the command name and PATH' } : {}),
        }),
      );
    });
    child.once(captured ? 'close' : 'exit', (code: number | null, signal: NodeJS.Signals | null) => {
      done(signal ? { signal } : { code: code ?? 0 });
    });
  });
}

/**
 * Drops the plan's own references to its secrets once the child has them (on its
 * descriptor, or in the environment it was started with): the waiting ccenv needs none.
 */
function forgetSecrets(plan: LaunchPlan): void {
  for (const d of plan.descriptors) d.secret = '';
  for (const variable of plan.secretVariables) plan.set[variable] = '';
}

/** Signals whose default action dumps core (signal(7)). Node cannot set its core size to 0. */
const CORE_DUMPING = new Set<NodeJS.Signals>(['SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGSEGV', 'SIGSYS', 'SIGXCPU', 'SIGXFSZ']);

/**
 * Ends ccenv the way the child ended: the same exit code, or death by the same signal
 * (with the default action restored first), except where that would dump core. Returns the exit code to use when the signal
 * does not end the process (one Node ignores, such as SIGPIPE): 128 + its number.
 */
export function endLikeChild(ending: Ending): number {
  if ('code' in ending) return ending.code;
  const { signal } = ending;
  const code = 128 + (constants.signals[signal] ?? 0);
  // Node keeps SIGPIPE ignored and SIGUSR1 for its inspector; the signals whose default
  // action dumps core would dump ccenv's own memory, secret included. For those, the
  // conventional code: a shell reports 128+n all the same.
  if (signal === 'SIGPIPE' || signal === 'SIGUSR1' || CORE_DUMPING.has(signal)) return code;
  process.removeAllListeners(signal);
  try {
    process.kill(process.pid, signal);
  } catch {
    // fall through to the conventional exit code
  }
  return code;
}
