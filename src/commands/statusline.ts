import type { Command } from 'commander';
import type { Context } from '../context.js';

const EXAMPLES = `
Examples:
  ccenv statusline              # "work-api (api-key)", or nothing outside a ccenv launch
  ccenv statusline --json

In ~/.claude/settings.json:
  {"statusLine": {"type": "command", "command": "ccenv statusline"}}

It reads CCENV_ACTIVE (set by every ccenv launch) and the profile's kind from the config;
it never opens the keychain.`;

export function register(program: Command, ctx: Context): void {
  program
    .command('statusline')
    .description("print the active profile and its kind, for Claude Code's status line")
    .option('--json', 'print {"profile", "kind"} as JSON')
    .addHelpText('after', EXAMPLES)
    .action((options: { json?: boolean }) => statusline(ctx, options));
}

/** Claude Code pipes its session JSON in; it is not needed, so standard input is left unread. */
export async function statusline(ctx: Context, options: { json?: boolean }): Promise<void> {
  const name = ctx.env.CCENV_ACTIVE || undefined;
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
  if (options.json) {
    ctx.io.out(`${JSON.stringify({ profile: name ?? null, kind: kind ?? null, ...(email ? { email } : {}) })}\n`);
    return;
  }
  if (!name) return;
  const { forTerminal } = await import('../terminal.js');
  ctx.io.out(`${forTerminal(name)}${kind ? ` (${forTerminal(kind)})` : ''}${email ? ` ${forTerminal(email)}` : ''}\n`);
}
