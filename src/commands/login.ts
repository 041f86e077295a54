import type { Command } from 'commander';
import type { Context } from '../context.js';
import { CcenvError, usageError } from '../errors.js';
import type { Profile } from '../profiles/types.js';
import { withArticle } from '../profiles/secret-input.js';

const EXAMPLES = `
Examples:
  ccenv login                  # the profile a launch here would use
  ccenv login max2             # claude's own login, in max2's config directory
  ccenv login --repair max     # set a broken login aside (dated backup, mode 0600), then log in

Runs claude auth login with CLAUDE_CONFIG_DIR set to the profile's --config-dir (when it has
one) and every other credential variable of this shell left out. --repair moves only the
login (.credentials.json, or on macOS the Keychain item, removed by claude auth logout):
history, projects, settings and .claude.json stay as they are.`;

export function register(program: Command, ctx: Context): void {
  program
    .command('login')
    .argument('[name]', 'a subscription profile (default: the one a launch here would use)')
    .description("Claude Code's own login for a subscription profile, in its config directory")
    .option('--repair', 'set a malformed, expired or rejected login aside as a dated backup first')
    .option('--email <email>', "passed to claude auth login (fills in the sign-in page)")
    .option('--sso', 'passed to claude auth login: sign in with SSO')
    .addHelpText('after', EXAMPLES)
    .action((name: string | undefined, options: LoginOptions) => login(ctx, name, options));
}

export interface LoginOptions {
  repair?: boolean;
  email?: string;
  sso?: boolean;
}

export interface SubscriptionTarget {
  name: string;
  profile: Profile;
  claude: string;
}

/** The subscription profile `verb` is for, and the claude to run; refuses every other kind. */
export async function subscriptionTarget(ctx: Context, nameArg: string | undefined, verb: 'login' | 'logout'): Promise<SubscriptionTarget> {
  const { readConfig } = await import('../profiles/store.js');
  const { resolveProfile } = await import('../profiles/resolve.js');
  const config = await readConfig(ctx.env);
  const atName = nameArg?.startsWith('@') ? nameArg.slice(1) : nameArg;
  const resolved = await resolveProfile(ctx.env, ctx.cwd, config, atName);
  for (const note of resolved.notes ?? []) ctx.io.err(`ccenv: ${note}\n`);
  const { name, profile } = resolved;
  if (profile.kind !== 'subscription') {
    throw new CcenvError(`profile ${name} is ${withArticle(profile.kind)} profile: ccenv ${verb} is for subscription profiles, whose login is Claude Code's own`, {
      hint: profile.hasSecret || profile.kind === 'api-key' || profile.kind === 'gateway' || profile.kind === 'foundry'
        ? `its credential is the secret ccenv stores; to change it: printf %s "$SECRET" | ccenv edit ${name} --secret-stdin`
        : `its credential comes from its provider's own tools (ccenv show ${name})`,
    });
  }
  if (profile.hasSecret) {
    throw new CcenvError(`profile ${name} uses a setup token (a stored secret), not a login: ccenv ${verb} has nothing to do for it`, {
      hint: `a new token: claude setup-token, then printf %s "$TOKEN" | ccenv edit ${name} --secret-stdin`,
    });
  }
  const { findClaude } = await import('../claude/binary.js');
  return { name, profile, claude: findClaude(ctx.env, ctx.cwd, { name, claude: profile.claude }).path };
}

export async function login(ctx: Context, nameArg: string | undefined, options: LoginOptions): Promise<void> {
  if (options.email !== undefined && /[\0-\x1f\x7f]/.test(options.email)) throw usageError('--email takes one line of text', 'ccenv login NAME --email you@example.com');
  const target = await subscriptionTarget(ctx, nameArg, 'login');
  const { loginProfile } = await import('../accounts/login-flow.js');
  ctx.exitCode = await loginProfile(ctx, target, {
    repair: options.repair === true,
    args: [...(options.email !== undefined ? ['--email', options.email] : []), ...(options.sso ? ['--sso'] : [])],
  });
  if (ctx.exitCode === 0) delete ctx.exitCode;
}
