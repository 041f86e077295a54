import type { Command } from 'commander';
import type { Context } from '../context.js';
import { CcenvError } from '../errors.js';
import { kindSpec } from '../profiles/kinds/index.js';
import { isBuiltin, requireProfile } from '../profiles/lookup.js';
import { maskSecret } from '../profiles/secret-input.js';
import { readConfig } from '../profiles/store.js';
import { confirmInsideSession } from '../launch/inside-session.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('show')
    .argument('<name>', 'the profile')
    .description('show a profile; its secret masked unless --reveal (on a terminal only)')
    .option('--json', 'print JSON')
    .option('--reveal', 'print the secret itself (refused unless standard output is a terminal)')
    .addHelpText('after', '\nExamples:\n  ccenv show work-api\n  ccenv show work-api --json')
    .action((name: string, options: { json?: boolean; reveal?: boolean }) => show(ctx, name, options));
}

export async function show(ctx: Context, name: string, options: { json?: boolean; reveal?: boolean; stdoutIsTerminal?: boolean }): Promise<void> {
  const config = await readConfig(ctx.env);
  const profile = requireProfile(config, name);
  const spec = kindSpec(profile.kind);
  const need = spec.secret(profile);
  if (options.reveal) confirmInsideSession(ctx.env, `to print the secret of profile ${name}`);
  if (options.reveal && !(options.stdoutIsTerminal ?? process.stdout.isTTY)) {
    throw new CcenvError('show --reveal prints a secret only to a terminal', {
      hint: 'for a program, use: ccenv exec @NAME -- CMD (the secret stays out of files and pipes)',
    });
  }
  let secretState: { stored: boolean; masked?: string; value?: string; backend: string } | undefined;
  if (profile.hasSecret || need.need === 'required') {
    const store = await ctx.secrets(config);
    const secret = await store.get(name);
    secretState = {
      stored: secret !== undefined,
      backend: store.description,
      ...(secret !== undefined ? { masked: maskSecret(secret) } : {}),
      ...(secret !== undefined && options.reveal ? { value: secret } : {}),
    };
  }
  const { hasSecret: _hasSecret, ...fields } = profile;
  const builtin = isBuiltin(config, name);
  if (options.json) {
    const out = { name, ...fields, builtin, default: config.default === name, auth: spec.describe(profile), secret: secretState ?? null };
    ctx.io.out(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const lines: [string, string][] = [
    ['name', `${name}${builtin ? ' (built in)' : ''}${config.default === name ? ' (default)' : ''}`],
    ['auth', spec.describe(profile)],
  ];
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'env') for (const [k, v] of Object.entries(value as Record<string, string>)) lines.push(['env', `${k}=${v}`]);
    else lines.push([key, String(value)]);
  }
  if (secretState) {
    lines.push([
      'secret',
      secretState.value ?? (secretState.stored ? `${secretState.masked} in ${secretState.backend}` : `MISSING from ${secretState.backend}`),
    ]);
  }
  for (const [k, v] of lines) ctx.io.out(`${k.padEnd(16)}${v}\n`);
}
