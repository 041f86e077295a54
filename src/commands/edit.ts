import type { Command } from 'commander';
import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import { flagOf, FIELD_SPECS } from '../profiles/fields.js';
import { kindSpec } from '../profiles/kinds/index.js';
import { requireStoredProfile } from '../profiles/lookup.js';
import { obtainSecret } from '../profiles/secret-input.js';
import { readConfig } from '../profiles/store.js';
import type { Profile, ProfileField } from '../profiles/types.js';
import { profileProblems } from '../profiles/validate.js';
import { invalid, refuseChain } from './add.js';
import { addProfileOptions, checkClaudeOption, compact, profileInput, refuseSecretArgument, takeSecretCommand } from './profile-options.js';
import { checkpoint, noticeOrphans, storeProfileWithSecret } from '../secrets/transactions.js';

const UNSETTABLE = new Map<string, ProfileField>([...FIELD_SPECS.map((f) => [flagOf(f.key).slice(2), f.key] as const), ['env', 'env']]);

export function register(program: Command, ctx: Context): void {
  const command = program
    .command('edit')
    .argument('<name>', 'the profile')
    .description('change a profile: the flags of add, --unset FIELD, --unset-env KEY, a new secret with --secret-stdin')
    .option('--unset <field>', `remove a field (repeatable): ${[...UNSETTABLE.keys()].join(', ')}`, collect)
    .option('--unset-env <KEY>', 'remove one --env variable (repeatable)', collect)
    .option('--json', 'print the changed profile as JSON')
    .addHelpText(
      'after',
      `
Examples:
  ccenv edit work-api --model claude-sonnet-4-5 --description "team key"
  printf %s "$NEW_KEY" | ccenv edit work-api --secret-stdin      # rotate the secret
  ccenv edit work-bedrock --unset aws-profile --access-key-id AKIA... --secret-stdin < key.txt
  ccenv edit glm --env API_TIMEOUT_MS=600000 --unset-env OLD_VAR
  ccenv edit max --fallback work-api --fallback glm               # the whole chain, in order
  ccenv edit max --unset fallback`,
    );
  addProfileOptions(command).action((name: string, options: Record<string, unknown>, self: Command) => {
    takeSecretCommand(options, self.args.slice(1));
    return edit(ctx, name, options);
  });
}

function collect(value: string, all: string[] = []): string[] {
  return [...all, value];
}

export async function edit(ctx: Context, name: string, options: Record<string, unknown>): Promise<void> {
  refuseSecretArgument(options, `ccenv edit ${name}`);
  const current = requireStoredProfile(await readConfig(ctx.env), name, 'edited');
  const changes = profileInput(options);
  await checkClaudeOption(changes, ctx.cwd);
  if (changes.ownLogin && !current.ownLogin) {
    throw usageError('--own-login is chosen when a profile is added', `add a new one: ccenv add NAME --kind subscription --own-login`);
  }
  const unset = (options.unset as string[] | undefined) ?? [];
  const unsetEnv = (options.unsetEnv as string[] | undefined) ?? [];
  if (Object.keys(changes).length === 0 && unset.length === 0 && unsetEnv.length === 0 && !options.secretStdin) {
    throw usageError(`nothing to change in ${name}`, 'see: ccenv edit --help');
  }
  const next: Profile = { ...current, ...changes, env: { ...current.env, ...changes.env } };
  // One source at a time: a new one replaces the other.
  if (changes.secretFrom !== undefined) delete next.secretCommand;
  if (changes.secretCommand !== undefined) delete next.secretFrom;
  for (const field of unset) {
    const key = UNSETTABLE.get(field.replace(/^--/, ''));
    if (!key) throw usageError(`--unset ${field}: no such field`, `fields: ${[...UNSETTABLE.keys()].join(', ')}`);
    delete next[key];
  }
  for (const key of unsetEnv) delete next.env?.[key];
  if (next.env && Object.keys(next.env).length === 0) delete next.env;
  const problems = profileProblems(compact(next));
  if (problems.length > 0) throw invalid(name, problems);
  if (changes.fallback) refuseChain(await readConfig(ctx.env), name, next);

  const need = kindSpec(next.kind).secret(next).need;
  const before = kindSpec(current.kind).secret(current);
  // A new secret when given, or when the way to authenticate changed to one that needs a secret.
  const secretChanged = kindSpec(next.kind).secret(next).label !== before.label;
  const secret = await obtainSecret(ctx, name, next, {
    secretStdin: Boolean(options.secretStdin),
    required: secretChanged || !current.hasSecret,
  });
  const dropSecret = need === 'none' && current.hasSecret === true;
  if (secret !== undefined) next.hasSecret = true;
  if (dropSecret) {
    delete next.hasSecret;
    delete next.secretBackend;
    delete next.secretSetAt;
  }
  const profile = compact(next);
  await storeProfileWithSecret(ctx, name, secret, (config) => {
    requireStoredProfile(config, name, 'edited');
    if (changes.fallback) refuseChain(config, name, profile);
    config.profiles[name] = profile;
  });
  if (dropSecret) {
    // The config no longer points at it; a failure here leaves only an unused keychain item.
    const store = await ctx.secrets(await readConfig(ctx.env));
    await checkpoint(ctx, 'config-written');
    await store.remove(name);
    await noticeOrphans(ctx, store);
  }
  if (options.json) ctx.io.out(`${JSON.stringify({ name, ...profile }, null, 2)}\n`);
  else ctx.io.err(`ccenv: changed ${name}${secret !== undefined ? ' (new secret stored)' : ''}\n`);
}
