/**
 * `ccenv health-hook` (hidden): the command a launch adds as Claude Code's StopFailure hook
 * (src/launch/failure-hook.ts). It records a failed credential for the launched profile
 * (CCENV_ACTIVE), with the launch, the session and its transcript, and prints nothing:
 * it never changes what Claude Code does, and always exits 0.
 */
import type { Command } from 'commander';
import type { Context } from '../context.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('health-hook', { hidden: true })
    .description("record a failure Claude Code's StopFailure hook reports, for the launched profile")
    .action(() => healthHook(ctx));
}

export async function healthHook(ctx: Context): Promise<void> {
  const name = ctx.env.CCENV_ACTIVE;
  const { readPiped } = await import('./piped-input.js');
  const text = await readPiped(ctx.stdin);
  if (!name) return;
  const { parseStopFailure } = await import('../claude/hooks.js');
  const failure = parseStopFailure(text);
  if (!failure) return;
  const { entryFromFailure } = await import('../health/seen.js');
  const { readHealth, recordHealth } = await import('../health/state.js');
  const now = Date.now();
  try {
    const entry = entryFromFailure(failure.error, now, {
      ...(ctx.env.CCENV_LAUNCH_ID ? { launch: ctx.env.CCENV_LAUNCH_ID } : {}),
      ...(failure.sessionId ? { sessionId: failure.sessionId } : {}),
      ...(failure.transcriptPath ? { transcript: failure.transcriptPath } : {}),
    }, readHealth(ctx.env)[name]);
    if (entry) recordHealth(ctx.env, name, entry, now);
  } catch {
    // a state directory that cannot be written must not disturb claude
  }
}
