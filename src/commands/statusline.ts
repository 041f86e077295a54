import type { Command } from 'commander';
import type { Context } from '../context.js';

const EXAMPLES = `
Examples:
  ccenv statusline              # "max (subscription) · 5h 82% · 7d 40%", or nothing outside a ccenv launch
  ccenv statusline --json

In ~/.claude/settings.json:
  {"statusLine": {"type": "command", "command": "ccenv statusline"}}

It reads CCENV_ACTIVE (set by every ccenv launch) and the profile's kind from the config;
it never opens the keychain. From the JSON Claude Code pipes in, it shows a subscription's
five-hour and seven-day usage; a window at 100% is recorded, so that the next launch of
that profile knows it is limited until the reset.`;

export function register(program: Command, ctx: Context): void {
  program
    .command('statusline')
    .description("print the active profile, its kind and its usage, for Claude Code's status line")
    .option('--json', 'print {"profile", "kind", "usage"} as JSON')
    .addHelpText('after', EXAMPLES)
    .action((options: { json?: boolean }) => statusline(ctx, options));
}

/** Records what the usage windows say about the active profile; a health file that cannot be written is not the status line's problem. */
async function recordUsage(ctx: Context, name: string, input: import('../claude/statusline.js').StatusLineInput): Promise<void> {
  const { entryFromUsage } = await import('../health/seen.js');
  const { readHealth, recordHealth } = await import('../health/state.js');
  const now = Date.now();
  const seen = entryFromUsage(input, now, {
    ...(ctx.env.CCENV_LAUNCH_ID ? { launch: ctx.env.CCENV_LAUNCH_ID } : {}),
    ...(input.sessionId ? { sessionId: input.sessionId } : {}),
    ...(input.transcriptPath ? { transcript: input.transcriptPath } : {}),
  });
  if (seen === 'keep') return;
  try {
    const known = readHealth(ctx.env)[name];
    if (seen === 'clear') {
      // Only a limit the status line itself recorded is over; a rejection seen elsewhere stands.
      if (known?.status === 'limited' && known.source === 'statusline') recordHealth(ctx.env, name, undefined, now);
      return;
    }
    // The status line runs after every message: write only what changed.
    if (known?.status === seen.record.status && known.until === seen.record.until && known.source === 'statusline') return;
    recordHealth(ctx.env, name, seen.record, now);
  } catch {
    // a read-only state directory must not break claude's status line
  }
}

/** Claude Code pipes its session JSON in: the usage windows are shown, and a full one recorded. */
export async function statusline(ctx: Context, options: { json?: boolean }): Promise<void> {
  const name = ctx.env.CCENV_ACTIVE || undefined;
  const { readPiped } = await import('./piped-input.js');
  const { parseStatusLineInput, USAGE_WINDOWS } = await import('../claude/statusline.js');
  const input = parseStatusLineInput(await readPiped(ctx.stdin));
  let kind = name ? ctx.env.CCENV_ACTIVE_KIND || undefined : undefined;
  if (name && !kind) {
    try {
      const { readConfig } = await import('../profiles/store.js');
      const { findProfile } = await import('../profiles/lookup.js');
      kind = findProfile(await readConfig(ctx.env), name)?.kind;
    } catch {
      // a broken config must not break claude's status line: the name alone
    }
  }
  // Which account a subscription launch is logged in to (what Claude Code stored in its config directory).
  const email = kind === 'subscription' ? (await import('../accounts/identity.js')).accountIdentity(ctx.env, ctx.env.CLAUDE_CONFIG_DIR || undefined).email : undefined;
  if (name) await recordUsage(ctx, name, input);
  const usage = USAGE_WINDOWS.flatMap((w) => (input[w.field] ? [[w.label, Math.floor(input[w.field]!.percent)] as const] : []));
  if (options.json) {
    ctx.io.out(`${JSON.stringify({ profile: name ?? null, kind: kind ?? null, ...(email ? { email } : {}), ...(usage.length > 0 ? { usage: Object.fromEntries(usage) } : {}) })}\n`);
    return;
  }
  if (!name) return;
  const { forTerminal } = await import('../terminal.js');
  const shown = usage.map(([label, percent]) => ` · ${label} ${percent}%`).join('');
  ctx.io.out(`${forTerminal(name)}${kind ? ` (${forTerminal(kind)})` : ''}${email ? ` ${forTerminal(email)}` : ''}${shown}\n`);
}
