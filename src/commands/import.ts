import type { Command } from 'commander';
import type { Context } from '../context.js';
import { CcenvError } from '../errors.js';
import { readBounded, UnreadableFileError } from '../fs/bounded.js';
import { resolve } from 'node:path';
import { parseDefinitions } from '../profiles/definitions.js';
import { describeImport, planImport } from '../profiles/definitions-review.js';
import { kindSpec } from '../profiles/kinds/index.js';
import { hasSecretSource } from '../profiles/secret-source.js';
import { obtainSecret } from '../profiles/secret-input.js';
import { readConfig, updateConfig } from '../profiles/store.js';
import { storeProfileWithSecret } from '../secrets/transactions.js';

/** A definitions file is a few profiles: anything larger is not one. */
const MAX_DEFINITIONS_BYTES = 1024 * 1024;

export function register(program: Command, ctx: Context): void {
  program
    .command('import')
    .argument('<file>', 'a definitions file written by ccenv export (a repository often has one: ccenv.json)')
    .description('create or update profiles from a definitions file, after showing each change and asking')
    .option('--yes', 'apply without asking (for scripts): read the changes shown first')
    .addHelpText(
      'after',
      `
Each change is shown first; a base URL that is not the provider's own is flagged, since a
key sent there leaves your company, and so are a program a launch runs and an env proxy or
TLS variable (HTTPS_PROXY, NODE_TLS_REJECT_UNAUTHORIZED, ...). A file whose env makes each
launch load code (LD_PRELOAD, DYLD_*, NODE_OPTIONS, BASH_ENV) is refused: set such a
variable yourself with ccenv edit NAME --env. A profile is never changed into another kind. New
profiles whose secret lives in the keychain then ask for it (on a terminal).

Examples:
  ccenv import ccenv.json
  ccenv import team.json --yes`,
    )
    .action((file: string, options: { yes?: boolean }) => importProfiles(ctx, file, options));
}

function readDefinitionsFile(path: string, shown: string): string {
  try {
    return readBounded(path, MAX_DEFINITIONS_BYTES).toString('utf8');
  } catch (error) {
    throw new CcenvError(`cannot read ${shown}: ${error instanceof UnreadableFileError ? error.message : (error as Error).message}`);
  }
}

export async function importProfiles(ctx: Context, file: string, options: { yes?: boolean }): Promise<void> {
  const parsed = await parseDefinitions(readDefinitionsFile(resolve(ctx.cwd, file), file), file);
  const changes = planImport(await readConfig(ctx.env), parsed);
  ctx.io.err(`ccenv: ${file} defines ${changes.length} profile${changes.length === 1 ? '' : 's'}:\n${describeImport(changes)}`);
  const applied = changes.filter((c) => c.action !== 'same');
  if (applied.length === 0) {
    ctx.io.err('ccenv: nothing to change\n');
    return;
  }
  if (!options.yes) {
    if (!ctx.interactive) throw new CcenvError('nothing was imported: confirm with --yes (after reading the changes above)', { exitCode: 2 });
    const { askConfirm } = await import('../prompt.js');
    if (!(await askConfirm(`Apply these ${applied.length} change${applied.length === 1 ? '' : 's'}?`))) throw new CcenvError('nothing was imported', { exitCode: 1 });
  }
  await updateConfig(ctx.env, (config) => {
    // Checked again under the lock: the config may have changed while the user read.
    planImport(config, parsed);
    for (const c of applied) config.profiles[c.name] = { ...c.profile, ...pick(config.profiles[c.name]) };
  });
  ctx.io.err(`ccenv: imported ${applied.map((c) => c.name).join(', ')}\n`);
  // New profiles whose secret belongs in the keychain: asked for now, on a terminal.
  for (const c of applied) {
    if (c.action !== 'add' || hasSecretSource(c.profile) || kindSpec(c.profile.kind).secret(c.profile).need !== 'required') continue;
    if (!ctx.interactive) {
      ctx.io.err(`ccenv: ${c.name} needs its secret: printf %s "$SECRET" | ccenv edit ${c.name} --secret-stdin\n`);
      continue;
    }
    const secret = await obtainSecret(ctx, c.name, c.profile, {});
    await storeProfileWithSecret(ctx, c.name, secret, (config) => {
      const stored = config.profiles[c.name];
      if (stored && secret !== undefined) stored.hasSecret = true;
    });
  }
}

/** The secret-store state a stored profile keeps through an update. */
function pick(profile: import('../profiles/types.js').Profile | undefined) {
  if (!profile) return {};
  const { hasSecret, secretBackend, secretSetAt } = profile;
  return { ...(hasSecret ? { hasSecret } : {}), ...(secretBackend ? { secretBackend } : {}), ...(secretSetAt ? { secretSetAt } : {}) };
}
