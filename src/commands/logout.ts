import type { Command } from 'commander';
import type { Context } from '../context.js';
import { subscriptionTarget } from './login.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('logout')
    .argument('[name]', 'a subscription profile (default: the one a launch here would use)')
    .description("Claude Code's own logout for a subscription profile, in its config directory")
    .addHelpText('after', '\nExamples:\n  ccenv logout max2\n\nRuns claude auth logout with the profile\'s CLAUDE_CONFIG_DIR: it removes that login only.')
    .action((name: string | undefined) => logout(ctx, name));
}

export async function logout(ctx: Context, nameArg: string | undefined): Promise<void> {
  const target = await subscriptionTarget(ctx, nameArg, 'logout');
  const { runClaudeLogin, loginConfigDir } = await import('../accounts/login.js');
  const code = await runClaudeLogin({ profile: target.name, configDir: loginConfigDir(ctx.env, target.name, target.profile), claude: target.claude, env: ctx.env }, 'logout');
  if (code !== 0) ctx.exitCode = code;
}
