import type { Command } from 'commander';
import type { Context } from '../context.js';
import { forTerminal } from '../terminal.js';
import { kindSpec } from '../profiles/kinds/index.js';
import { allProfiles } from '../profiles/lookup.js';
import { readConfig } from '../profiles/store.js';
import { readHealth } from '../health/state.js';
import type { Profile } from '../profiles/types.js';
import { setupTokenEndingSoon } from '../claude/setup-token.js';
import { hasSecretSource, sourceName } from '../secrets/sources/reference.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('list')
    .alias('ls')
    .description('list profiles (* marks the default)')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  ccenv list\n  ccenv ls --json | jq -r ".[].name"')
    .action((options: { json?: boolean }) => list(ctx, options));
}

export async function list(ctx: Context, options: { json?: boolean }): Promise<void> {
  const config = await readConfig(ctx.env);
  const now = Date.now();
  // A setup token within 14 days of its end (or past it): when, for a person to renew it.
  const tokenEnd = (profile: Profile): { tokenEndsAt?: number } => {
    const end = setupTokenEndingSoon(profile, now);
    return end ? { tokenEndsAt: end.endsAt } : {};
  };
  const { identityOf, describeIdentity, loginProblemFix } = await import('../accounts/identity.js');
  const { failing, reasonOf } = await import('../health/choose.js');
  const health = readHealth(ctx.env, (line) => ctx.io.err(`${line}\n`));
  const identities = new Map<string, ReturnType<typeof identityOf>>();
  const rows = allProfiles(config).map(([name, profile, builtin]) => {
    const account = identityOf(ctx.env, profile, identities);
    // What the health file says of it while it counts (a limit until its reset, a rejection until a new secret).
    const seen = failing(health, name, profile, now);
    return {
      name,
      kind: profile.kind,
      default: config.default === name,
      builtin,
      auth: kindSpec(profile.kind).describe(profile),
      ...(account ? { account } : {}),
      ...(hasSecretSource(profile) ? { secretSource: sourceName(profile) } : {}),
      ...(profile.description ? { description: profile.description } : {}),
      ...(profile.fallback?.length ? { fallback: profile.fallback } : {}),
      ...(seen ? { health: { ...seen, said: reasonOf(name, seen, now).slice(name.length + 1) } } : {}),
      ...tokenEnd(profile),
    };
  });
  if (options.json) {
    ctx.io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  // A loop, not Math.max(...rows): spreading 120,000 arguments overflows the stack.
  let width = 0;
  let kindWidth = 0;
  for (const row of rows) {
    width = Math.max(width, row.name.length);
    kindWidth = Math.max(kindWidth, row.kind.length);
  }
  const lines = rows.map((row) => {
    const mark = row.default ? '*' : ' ';
    const note = row.description ?? '';
    const from = row.secretSource ? ` from ${row.secretSource}` : '';
    const fix = row.account ? loginProblemFix(row.name, row.account) : undefined;
    const auth = row.account ? `${row.auth}: ${describeIdentity(row.account)}${fix ? ` (${fix})` : ''}` : row.auth;
    const ends = row.tokenEndsAt !== undefined ? `  (setup token ${row.tokenEndsAt < now ? 'ended' : 'ends'} by ${new Date(row.tokenEndsAt).toISOString().slice(0, 10)})` : '';
    const health = row.health ? `  [${forTerminal(row.health.said)}]` : '';
    return `${mark} ${row.name.padEnd(width)}  ${row.kind.padEnd(kindWidth)}  ${forTerminal(auth + from)}${ends}${health}${note ? `  # ${forTerminal(note)}` : ''}\n`;
  });
  ctx.io.out(lines.join(''));
}
