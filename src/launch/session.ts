/**
 * A claude session with ccenv's failure hook, and what follows when its credential failed:
 * after an interactive session, how to go on (on a terminal, an offer to resume on the next
 * fallback, No by default: billing may change); a `-p` run that failed before answering is
 * run once more on the fallback, and the caller's stdout gets only the answer that succeeded.
 */
import { copyFileSync, constants, fstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { parseStopFailure, type StopFailureInput } from '../claude/hooks.js';
import type { Context } from '../context.js';
import { readBounded } from '../fs/bounded.js';
import { chainAfter } from '../health/next-fallback.js';
import { entryFromFailure, failureStatus } from '../health/seen.js';
import { readHealth, recordHealth, type HealthEntry } from '../health/state.js';
import { findProfile } from '../profiles/lookup.js';
import type { ConfigData } from '../profiles/store.js';
import { addFailureHook, failureFile, failureHookCommand, newLaunchId, prepareFailureFile } from './failure-hook.js';
import type { LaunchPlan } from './plan.js';
import { goOn, type GoOn } from './session-failure.js';
import { runPlan, type Ending, type LateSecret, type RunOptions } from './spawn.js';

const PRINT_FLAGS = new Set(['-p', '--print']);

export function isPrintRun(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => PRINT_FLAGS.has(a));
}

/** How long claude -p waits for piped input before it goes on without (2.1.332: "no stdin data received in 3s"). */
const STDIN_WAIT_MS = 3000;

/**
 * The prompt piped to a `-p` run, read whole so that a second run gets it too: undefined when
 * stdin is a terminal or a device such as /dev/null (each run reads it as it is), else its
 * bytes, or nothing when none came within claude's own wait.
 */
async function pipedPrompt(): Promise<Buffer | undefined> {
  try {
    if (fstatSync(0).isCharacterDevice()) return undefined;
  } catch {
    return undefined;
  }
  const { stdin } = process;
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    const finish = () => {
      clearTimeout(timer);
      stdin.pause();
      done(Buffer.concat(chunks));
    };
    const timer = setTimeout(finish, STDIN_WAIT_MS);
    stdin.on('data', (chunk: Buffer) => {
      clearTimeout(timer);
      chunks.push(chunk);
    });
    stdin.once('end', finish);
    stdin.once('error', finish);
  });
}

/** A run that reads a stream of messages on stdin (`--input-format stream-json`) is a conversation, not one prompt: never run twice. */
function streamsInput(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  const words = end === -1 ? args : args.slice(0, end);
  return words.some((w, i) => (w === '--input-format' && words[i + 1] === 'stream-json') || w === '--input-format=stream-json');
}

export interface SessionOptions {
  /** Launches another profile (the fallback), with what follows it in the chain: its exit code. */
  relaunch(atName: string, args: string[], options: { retried: boolean; chain: string[]; named: string; input?: Buffer }): Promise<number>;
  /** claude's arguments as the caller gave them, for a run on the fallback. */
  args: readonly string[];
  /**
   * The fallbacks that may follow this launch: the profile's own chain, or, when this launch
   * is already a fallback, what follows it in the chain of the profile named. Never the
   * chain of a fallback: nothing runs on a profile the user did not name.
   */
  chain: readonly string[];
  /** The profile the user named, when this launch is one of its fallbacks: messages name it. */
  named?: string;
  /** This run is already the one more run on a fallback. */
  retried?: boolean;
  /** The prompt the first run was piped, for the one more run. */
  input?: Buffer;
  /** --no-fallback: no offer, no rerun, for this launch. */
  noFallback?: boolean;
  /** The secret, when it is read after claude starts (spawn.ts). */
  lateSecret?: LateSecret;
}

/**
 * The failure this launch's hook saw, if any: the hook's file is read (and removed), its
 * last credential failure recorded for the profile, and the profile's entry returned when
 * this launch recorded it (the hook, or the status line).
 */
function failureOf(ctx: Context, plan: LaunchPlan, launchId: string): HealthEntry | undefined {
  const file = failureFile(ctx.env, launchId);
  let text = '';
  try {
    text = readBounded(file, 1 << 20).toString('utf8');
    unlinkSync(file);
  } catch {
    // no failure seen (no file), or one that cannot be read: nothing to add
  }
  let last: StopFailureInput | undefined;
  for (const line of text.split('\n')) {
    const failure = parseStopFailure(line);
    if (failure && failureStatus(failure.error)) last = failure;
  }
  if (last) {
    const now = Date.now();
    const tags = { launch: launchId, ...(last.sessionId ? { sessionId: last.sessionId } : {}), ...(last.transcriptPath ? { transcript: last.transcriptPath } : {}) };
    const entry = entryFromFailure(last.error, now, tags, readHealth(ctx.env)[plan.profile]);
    try {
      if (entry) recordHealth(ctx.env, plan.profile, entry, now);
    } catch (error) {
      ctx.io.err(`ccenv: cannot record the health of ${plan.profile}: ${(error as Error).message}\n`);
    }
  }
  const entry = readHealth(ctx.env)[plan.profile];
  return entry?.launch === launchId ? entry : undefined;
}

function howToGoOn(ctx: Context, plan: LaunchPlan, config: ConfigData, entry: HealthEntry, chain: readonly string[]): GoOn {
  return goOn({ profile: plan.profile, chain, entry, profiles: (n) => findProfile(config, n), health: readHealth(ctx.env), env: ctx.env, now: Date.now() });
}

/** That nothing is left to go on with, naming the profile whose chain it was. */
function noFallbackLeft(plan: LaunchPlan, options: SessionOptions): string {
  const named = options.named ?? plan.profile;
  return named === plan.profile
    ? `${named} has no fallback that works now (ccenv edit ${named} --fallback OTHER names one)`
    : `no profile left in the chain of ${named} works now (ccenv edit ${named} --fallback OTHER adds one)`;
}

function inSomeChain(config: ConfigData, name: string): boolean {
  return Object.values(config.profiles).some((p) => p.fallback?.includes(name));
}

/** What runPlan needs of the session's options: the prompt piped in, the secret read after the spawn. */
function runOptions(options: SessionOptions): RunOptions {
  return { ...(options.input ? { input: options.input } : {}), ...(options.lateSecret ? { lateSecret: options.lateSecret } : {}) };
}

/** How claude ended; `advised` when ccenv has said how to go on after a failed credential (no other hint then). */
export type SessionEnding = Ending & { advised?: true };

/** Runs the session; a number when another launch took over (its exit code), else how claude ended. */
export async function runSession(ctx: Context, plan: LaunchPlan, config: ConfigData, options: SessionOptions): Promise<SessionEnding | number> {
  const { chain } = options;
  // Health counts only where a chain is involved: a profile no chain names runs as it always did.
  if (chain.length === 0 && !inSomeChain(config, plan.profile)) return runPlan(plan, ctx.env, runOptions(options));
  const launchId = newLaunchId();
  plan = addFailureHook(plan, failureHookCommand(prepareFailureFile(ctx.env, launchId)), launchId, ctx.cwd);
  const fallbackOff = ctx.env.CCENV_NO_FALLBACK === '1' || options.noFallback === true || options.retried === true;
  if (isPrintRun(plan.args)) {
    // A fallback launched with nothing left after it still says so when it fails.
    if ((chain.length > 0 || options.named !== undefined) && !fallbackOff && !streamsInput(plan.args)) return printWithFallback(ctx, plan, config, launchId, options);
    const ending = await runPlan(plan, ctx.env, runOptions(options));
    failureOf(ctx, plan, launchId); // records what the hook saw
    return ending;
  }
  const ending = await runPlan(plan, ctx.env, runOptions(options));
  // Read (and record) what the hook saw however claude ended; speak only after an exit.
  const entry = failureOf(ctx, plan, launchId);
  if (!('code' in ending) || !entry) return ending;
  const next = howToGoOn(ctx, plan, config, entry, chain);
  ctx.io.err(`ccenv: during this session, ${next.said}\n`);
  const advised: SessionEnding = { ...ending, advised: true };
  if (!next.fallback || !next.sessionId) {
    if (next.commands.length > 0) ctx.io.err(`ccenv: to resume it: ${next.commands.join(' && ')}\n`);
    else if (!next.fallback) ctx.io.err(`ccenv: ${noFallbackLeft(plan, options)}\n`);
    return advised;
  }
  const billing = next.fallback.billing ? `; billing changes to ${next.fallback.billing}` : '';
  const copyNote = next.copy ? `; its Claude directory is another one, so the conversation is copied there first (${next.copy.to})` : '';
  if (ctx.interactive && !fallbackOff) {
    const { askConfirm } = await import('../prompt.js');
    const yes = await askConfirm(`Continue this conversation on ${next.fallback.name} now${billing}${copyNote}?`, false).catch(() => false);
    if (yes && copied(ctx, next.copy)) return options.relaunch(next.fallback.name, ['--resume', next.sessionId], { retried: false, chain: chainAfter(chain, next.fallback.name), named: options.named ?? plan.profile });
  }
  ctx.io.err(`ccenv: to continue it on ${next.fallback.name}${billing}: ${next.commands.join(' && ')}\n`);
  return advised;
}

/** Copies the conversation where the fallback looks (never moves it, never over a file that is there); false, said, when it cannot. */
function copied(ctx: Context, copy: { from: string; to: string } | undefined): boolean {
  if (!copy) return true;
  try {
    mkdirSync(copy.to, { recursive: true, mode: 0o700 });
    copyFileSync(copy.from, `${copy.to}/${copy.from.split('/').pop()}`, constants.COPYFILE_EXCL);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return true;
    ctx.io.err(`ccenv: cannot copy the conversation to ${copy.to}: ${(error as Error).message}\n`);
    return false;
  }
  return true;
}

/**
 * `-p` with a fallback chain: claude's stdout is held until it ends. A run that exited
 * non-zero after ccenv's hook recorded a failed credential for it, and whose conversation
 * has no tool call, produced no answer and did nothing (the text on stdout is Claude Code's
 * error message): it is run once more on the fallback,
 * whose stdout goes to the caller as it comes. Anything else is passed on as it was.
 */
async function printWithFallback(ctx: Context, plan: LaunchPlan, config: ConfigData, launchId: string, options: SessionOptions): Promise<Ending | number> {
  const held: Buffer[] = [];
  const input = await pipedPrompt();
  const ending = await runPlan(plan, ctx.env, { ...runOptions(options), capture: (chunk) => held.push(chunk), ...(input ? { input } : {}) });
  const seen = failureOf(ctx, plan, launchId);
  const entry = 'code' in ending && ending.code !== 0 ? seen : undefined;
  const next = entry ? howToGoOn(ctx, plan, config, entry, options.chain) : undefined;
  if (!entry || !next?.fallback) {
    if (next) ctx.io.err(`ccenv: ${next.said}; no fallback of ${options.named ?? plan.profile} works now\n`);
    await writeOut(Buffer.concat(held));
    return ending;
  }
  if (entry.transcript && usedTools(entry.transcript)) {
    ctx.io.err(`ccenv: ${next.said}; not run again on ${next.fallback.name}: tools had run in that conversation, and would run twice\n`);
    await writeOut(Buffer.concat(held));
    return ending;
  }
  const billing = next.fallback.billing ? ` (${next.fallback.billing})` : '';
  ctx.io.err(`ccenv: ${next.said}; running it once more on ${next.fallback.name}${billing}\n`);
  return options.relaunch(next.fallback.name, [...options.args], { retried: true, chain: chainAfter(options.chain, next.fallback.name), named: options.named ?? plan.profile, ...(input ? { input } : {}) });
}

/**
 * Whether the conversation Claude Code kept (its transcript, one JSON object a line) has a
 * tool call: then the run had acted before it failed, and is not run again. A transcript
 * that is not there (`--no-session-persistence`) says nothing: the run failed before acting.
 */
function usedTools(transcript: string): boolean {
  try {
    return readBounded(transcript, 64 << 20).includes('"type":"tool_use"');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

function writeOut(bytes: Buffer): Promise<void> {
  if (bytes.length === 0) return Promise.resolve();
  return new Promise((done) => {
    process.stdout.write(bytes, () => done());
  });
}
