import type { Command } from 'commander';
import type { Context } from '../context.js';
import { CcenvError } from '../errors.js';
import { forTerminal } from '../terminal.js';
import { kindSpec } from '../profiles/kinds/index.js';
import { isBuiltin, requireProfile } from '../profiles/lookup.js';
import { maskSecret, noteRevealed } from '../profiles/secret-input.js';
import { readConfig } from '../profiles/store.js';
import { sourceName } from '../secrets/sources/reference.js';
import { secretElsewhere } from '../secrets/store.js';
import { confirmInsideSession } from '../launch/inside-session.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('show')
    .argument('<name>', 'the profile')
    .description('show a profile; its secret masked unless --reveal')
    .option('--json', 'print JSON')
    .option('--reveal', 'print the secret itself, wherever standard output goes (a note on stderr when it is not a terminal)')
    .addHelpText('after', '\nExamples:\n  ccenv show work-api\n  ccenv show work-api --json')
    .action((name: string, options: { json?: boolean; reveal?: boolean }) => show(ctx, name, options));
}

export async function show(ctx: Context, name: string, options: { json?: boolean; reveal?: boolean; stdoutIsTerminal?: boolean }): Promise<void> {
  const config = await readConfig(ctx.env);
  const profile = requireProfile(config, name);
  const spec = kindSpec(profile.kind);
  const need = spec.secret(profile);
  if (options.reveal) confirmInsideSession(ctx.env, { wants: `to print the secret of profile ${name}`, doing: `printing the secret of profile ${name}` });
  let secretState: { stored: boolean | null; masked?: string; value?: string; backend: string | null; problem?: string; elsewhere?: string; source?: string; storedAt?: string } | undefined;
  const source = sourceName(profile);
  if (source !== undefined && need.need !== 'none') {
    // Named, not read: reading may prompt, and show has nothing to mask.
    secretState = { stored: null, backend: null, source };
  } else if (profile.hasSecret || need.need === 'required') {
    // A store out of reach (no session bus, locked, hung) still shows the profile, as status does.
    let backend: string | null = null;
    try {
      const store = await ctx.secrets(config);
      backend = store.description;
      const secret = await store.get(name);
      secretState = {
        stored: secret !== undefined,
        backend,
        ...(secret !== undefined ? { masked: maskSecret(secret) } : {}),
        ...(secret !== undefined && options.reveal ? { value: secret } : {}),
      };
      const elsewhere = secret === undefined ? secretElsewhere(name, profile, store) : undefined;
      if (elsewhere) secretState.elsewhere = `${elsewhere.message}; ${elsewhere.hint}`;
    } catch (error) {
      if (!(error instanceof CcenvError)) throw error;
      secretState = { stored: null, backend, problem: error.message };
      ctx.exitCode = 1;
      ctx.io.err(`ccenv: ${error.message}\n${error.hint ? `ccenv: ${error.hint}\n` : ''}`);
    }
    if (secretState?.value !== undefined) noteRevealed(ctx, name, options.stdoutIsTerminal);
    if (secretState?.stored && profile.secretSetAt !== undefined) secretState.storedAt = new Date(profile.secretSetAt).toISOString();
  }
  const { hasSecret: _hasSecret, secretBackend: _secretBackend, secretSetAt: _secretSetAt, ...fields } = profile;
  const builtin = isBuiltin(config, name);
  const { identityOf, describeIdentity } = await import('../accounts/identity.js');
  const account = identityOf(ctx.env, profile);
  if (options.json) {
    const out = { name, ...fields, builtin, default: config.default === name, auth: spec.describe(profile), ...(account ? { account } : {}), secret: secretState ?? null };
    ctx.io.out(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const lines: [string, string][] = [
    ['name', `${name}${builtin ? ' (built in)' : ''}${config.default === name ? ' (default)' : ''}`],
    ['auth', spec.describe(profile)],
    ...(account ? [['account', describeIdentity(account)] as [string, string]] : []),
  ];
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'env') for (const [k, v] of Object.entries(value as Record<string, string>)) lines.push(['env', `${k}=${v}`]);
    else if (key === 'secretCommand') lines.push([key, sourceName({ secretCommand: value as string[] })!.slice('command: '.length)]);
    else lines.push([key, Array.isArray(value) ? value.join(', ') : String(value)]);
  }
  if (secretState) {
    lines.push([
      'secret',
      secretState.value ??
        (secretState.source !== undefined
          ? `read at each launch from ${secretState.source}`
          : secretState.problem !== undefined
          ? 'unreadable (see above)'
          : secretState.stored
            ? `${secretState.masked} in ${secretState.backend}${secretState.storedAt ? ` (stored ${secretState.storedAt.slice(0, 10)})` : ''}`
            : (secretState.elsewhere ?? `MISSING from ${secretState.backend}`)),
    ]);
  }
  for (const [k, v] of lines) ctx.io.out(`${k.padEnd(16)}${forTerminal(v)}\n`);
}
