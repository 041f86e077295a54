import type { Command } from 'commander';
import type { Context } from '../context.js';
import { forTerminal } from '../terminal.js';
import { kindSpec } from '../profiles/kinds/index.js';
import { allProfiles } from '../profiles/lookup.js';
import { readConfig } from '../profiles/store.js';

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
  const { identityOf, describeIdentity } = await import('../accounts/identity.js');
  const identities = new Map<string, ReturnType<typeof identityOf>>();
  const rows = allProfiles(config).map(([name, profile, builtin]) => {
    const account = identityOf(ctx.env, profile, identities);
    return {
      name,
      kind: profile.kind,
      default: config.default === name,
      builtin,
      auth: kindSpec(profile.kind).describe(profile),
      ...(account ? { account } : {}),
      ...(profile.description ? { description: profile.description } : {}),
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
    const auth = row.account ? `${row.auth}: ${describeIdentity(row.account)}` : row.auth;
    return `${mark} ${row.name.padEnd(width)}  ${row.kind.padEnd(kindWidth)}  ${forTerminal(auth)}${note ? `  # ${forTerminal(note)}` : ''}\n`;
  });
  ctx.io.out(lines.join(''));
}
