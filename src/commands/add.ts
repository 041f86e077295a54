import type { Command } from 'commander';
import type { Context } from '../context.js';
import { CcenvError, usageError } from '../errors.js';
import { KINDS, kindSpec } from '../profiles/kinds/index.js';
import { checkProfileName } from '../profiles/names.js';
import { obtainSecret } from '../profiles/secret-input.js';
import { readConfig, type ConfigData } from '../profiles/store.js';
import { isProfileKind, PROFILE_KINDS, type Profile, type ProfileKind } from '../profiles/types.js';
import type { SecretStore } from '../secrets/store.js';
import { fieldProblems, profileProblems } from '../profiles/validate.js';
import { chainProblems } from '../profiles/fallback.js';
import { addProfileOptions, checkClaudeOption, compact, profileInput, refuseSecretArgument, takeSecretCommand } from './profile-options.js';
import { askProfileFields } from './add-interactive.js';
import { storeProfileWithSecret } from '../secrets/transactions.js';
import { closest, didYouMean } from '../suggest.js';

const EXAMPLES = `
Examples:
  printf %s "$KEY" | ccenv add work-api --kind api-key --secret-stdin
  ccenv add max --kind subscription                        # claude's own login
  ccenv add max2 --kind subscription --own-login            # a second account, sharing your setup
  ccenv add max3 --kind subscription --config-dir ~/.claude-max3
  ccenv add max4 --kind subscription --fallback work-api    # work-api while max4 is known to fail
  printf %s "$TOKEN" | ccenv add glm --kind gateway --base-url https://gw.example/api --secret-stdin
  ccenv add work-bedrock --kind bedrock --region us-east-1 --aws-profile corp
  printf %s "$SECRET" | ccenv add bk --kind bedrock --region us-east-1 --access-key-id AKIA... --secret-stdin
  printf %s "$TOKEN" | ccenv add bb --kind bedrock --region us-east-1 --bearer --secret-stdin
  ccenv add v --kind vertex --region us-east5 --project-id my-project
  printf %s "$KEY" | ccenv add f --kind foundry --resource my-resource --secret-stdin
  ccenv add team --kind api-key --secret-from op://Team/Anthropic/credential   # read at each launch
  ccenv add vault --kind api-key --secret-command -- vault kv get -field=key secret/anthropic
  ccenv add                                                # asks for everything on a terminal

Kinds:
${PROFILE_KINDS.map((k) => `  ${k.padEnd(13)}${KINDS[k].summary}`).join('\n')}`;

export function register(program: Command, ctx: Context): void {
  const command = program
    .command('add')
    .argument('[name]', 'the new profile: letters, digits, ".", "_", "-"')
    .description('add a profile; its secret goes to the keychain')
    .option('--kind <kind>', `one of: ${PROFILE_KINDS.join(', ')}`)
    .option('--json', 'print the new profile as JSON')
    .addHelpText('after', EXAMPLES);
  addProfileOptions(command).action((name: string | undefined, options: Record<string, unknown>, self: Command) => {
    takeSecretCommand(options, self.args.slice(1));
    return add(ctx, name, options);
  });
}

export async function add(ctx: Context, nameArg: string | undefined, options: Record<string, unknown>): Promise<void> {
  refuseSecretArgument(options, `ccenv add ${nameArg ?? 'NAME'} --kind ${(options.kind as string | undefined) ?? 'KIND'}`);
  let name = nameArg;
  const fromFlags = profileInput(options);
  // --own-login is a subscription's: `ccenv add work-max --own-login` says enough.
  let kind = (options.kind as string | undefined) ?? (fromFlags.ownLogin ? 'subscription' : undefined);
  await checkClaudeOption(fromFlags, ctx.cwd);
  if (name === undefined || kind === undefined) {
    if (!ctx.interactive) {
      throw usageError(name === undefined ? 'add needs a profile name' : 'add needs --kind', 'see: ccenv add --help');
    }
  }
  if (name !== undefined) checkProfileName(name);
  if (kind !== undefined && !isProfileKind(kind)) {
    const mean = didYouMean(closest(kind, PROFILE_KINDS));
    throw usageError(`unknown kind ${JSON.stringify(kind)}${mean ? `; ${mean}` : ''}`, `kinds: ${PROFILE_KINDS.join(', ')}`);
  }
  // Fail on a bad flag before asking anything on a terminal.
  const flagged = fieldProblems(fromFlags, kind as ProfileKind | undefined);
  if (flagged.length > 0) throw name !== undefined ? invalid(name, flagged) : usageError(`invalid options:\n  - ${flagged.join('\n  - ')}`);
  // Fail before asking anything when the name is taken.
  const before = await readConfig(ctx.env);
  if (name !== undefined && Object.hasOwn(before.profiles, name)) throw exists(name);

  if (fromFlags.ownLogin) {
    if (name === undefined) throw usageError('--own-login needs the profile name on the command line');
    if (fromFlags.configDir !== undefined) throw usageError('--own-login and --config-dir: choose one', '--own-login: ccenv makes and manages the directory; --config-dir DIR: one you manage');
    if (options.secretStdin) throw usageError("--own-login keeps Claude Code's own login: no --secret-stdin");
    if (kind === 'subscription') fromFlags.configDir = (await import('../accounts/paths.js')).accountDir(ctx.env, name);
  }
  let profile: Profile;
  const given = name !== undefined && kind !== undefined ? compact({ kind: kind as ProfileKind, ...fromFlags }) : undefined;
  if (name !== undefined && given && (profileProblems(given).length === 0 || !ctx.interactive)) {
    profile = given;
  } else {
    // On a terminal, ask for whatever the flags did not give.
    ({ name, profile } = await askProfileFields(ctx, { name, kind: kind as ProfileKind | undefined, fields: fromFlags }));
  }
  const problems = profileProblems(profile);
  if (problems.length > 0) throw invalid(name, problems);
  refuseChain(before, name, profile);

  if (profile.ownLogin) {
    await addOwnLogin(ctx, name, profile, Boolean(options.json));
    return;
  }
  const required = kindSpec(profile.kind).secret(profile).need === 'required' && profile.secretFrom === undefined && profile.secretCommand === undefined;
  // Only where a secret is coming anyway: a profile that takes none never waits for the keychain.
  const orphan = required || options.secretStdin ? await orphanSecret(ctx, name) : undefined;
  if (orphan && !options.secretStdin && required) {
    // A secret left under this name by an interrupted command: re-attach it (see transactions.ts).
    const profileName = name;
    profile.hasSecret = true;
    profile.secretBackend = orphan.store.backend;
    await storeProfileWithSecret(ctx, profileName, undefined, (config) => {
      if (Object.hasOwn(config.profiles, profileName)) throw exists(profileName);
      refuseChain(config, profileName, profile);
      config.profiles[profileName] = profile;
    });
    ctx.io.err(`ccenv: added ${profileName} (${profile.kind}), with the secret already stored under that name in the ${orphan.store.description}\n`);
    return;
  }
  const secret = await obtainSecret(ctx, name, profile, { secretStdin: Boolean(options.secretStdin) });
  if (orphan && secret !== undefined && secret !== orphan.secret) {
    throw new CcenvError(`the ${orphan.store.description} already holds another secret under ${name}, which no profile holds`, {
      hint: `re-attach it: run this add without --secret-stdin; or delete it first: ccenv remove ${name} --yes`,
    });
  }
  if (secret !== undefined) profile.hasSecret = true;
  const profileName = name;
  const where = await storeProfileWithSecret(ctx, profileName, secret, (config) => {
    if (Object.hasOwn(config.profiles, profileName)) throw exists(profileName);
    refuseChain(config, profileName, profile);
    config.profiles[profileName] = profile;
  });
  if (options.json) ctx.io.out(`${JSON.stringify({ name: profileName, ...profile }, null, 2)}\n`);
  else ctx.io.err(`ccenv: added ${profileName} (${profile.kind}${secret !== undefined ? `, secret in the ${where}` : ''})\n`);
}

/** An own-login profile: its directory first (a data directory that cannot be written stops here), then the profile. */
async function addOwnLogin(ctx: Context, name: string, profile: Profile, json: boolean): Promise<void> {
  const { makeAccountDir } = await import('../accounts/create.js');
  // A profile renamed since keeps the directory made under its old name: never share it.
  const owner = Object.entries((await readConfig(ctx.env)).profiles).find(([, p]) => p.configDir === profile.configDir);
  if (owner) throw usageError(`${profile.configDir} is the config directory of profile ${owner[0]}`, `choose another name, or remove ${owner[0]} first`);
  const { dir, adopted } = makeAccountDir(ctx.env, name, profile.sharedHistory === true);
  profile.configDir = dir;
  await storeProfileWithSecret(ctx, name, undefined, (config) => {
    if (Object.hasOwn(config.profiles, name)) throw exists(name);
    config.profiles[name] = profile;
  });
  if (json) ctx.io.out(`${JSON.stringify({ name, ...profile }, null, 2)}\n`);
  else ctx.io.err(`ccenv: added ${name} (subscription, its own login in ${dir}${adopted ? ', a directory that was already there' : ''})\n`);
  if (json || !ctx.interactive) {
    ctx.io.err(`ccenv: log in to its account: ccenv login ${name}\n`);
    return;
  }
  const { askConfirm } = await import('../prompt.js');
  if (!(await askConfirm(`Log in to ${name}'s account now?`, true))) {
    ctx.io.err(`ccenv: later: ccenv login ${name}\n`);
    return;
  }
  const { loginProfile } = await import('../accounts/login-flow.js');
  const { findClaude } = await import('../claude/binary.js');
  const claude = findClaude(ctx.env, ctx.cwd, { name, claude: profile.claude }).path;
  const code = await loginProfile(ctx, { name, profile, claude }, { repair: false });
  if (code !== 0) ctx.io.err(`ccenv: the login did not finish; try again: ccenv login ${name}\n`);
}

/** A secret stored under the name of a profile not yet added: the orphan of an interrupted command. */
async function orphanSecret(ctx: Context, name: string): Promise<{ store: SecretStore; secret: string } | undefined> {
  const store = await ctx.secrets(await readConfig(ctx.env));
  const secret = await store.get(name);
  return secret === undefined ? undefined : { store, secret };
}

function exists(name: string): CcenvError {
  return usageError(`a profile named ${name} already exists`, `change it with: ccenv edit ${name} ..., or remove it first`);
}

/** Refuses a fallback chain that names itself, an unknown profile, or closes a cycle. */
export function refuseChain(config: ConfigData, name: string, profile: Profile): void {
  if (profile.fallback === undefined) return;
  const problems = chainProblems(config, name, profile.fallback);
  if (problems.length > 0) throw invalid(name, problems);
}

export function invalid(name: string, problems: string[]): CcenvError {
  return usageError(problems.length === 1 ? `profile ${name}: ${problems[0]}` : `profile ${name}:\n  - ${problems.join('\n  - ')}`);
}
