/**
 * The launch path: `ccenv [@NAME] ARGS`, `ccenv run`, `ccenv exec`. Kept free of commander
 * and of everything a launch does not need, since it runs before every claude session; its
 * own modules are imported statically (one round of loading, not a chain of lazy imports).
 */
import type { Context } from '../context.js';
import { CcenvError, usageError } from '../errors.js';
import { ccTypo } from '../dispatch.js';
import { kindSpec } from '../profiles/kinds/index.js';
import { findProfile } from '../profiles/lookup.js';
import { resolveProfile, type ResolvedProfile } from '../profiles/resolve.js';
import { readConfig, type ConfigData } from '../profiles/store.js';
import { findClaude } from '../claude/binary.js';
import { readSettingsLayers } from '../claude/settings.js';
import { profileProblems } from '../profiles/validate.js';
import { readProfileSecret } from '../secrets/sources/index.js';
import { secretElsewhere } from '../secrets/store.js';
import { misplacedProfile } from './profile-words.js';
import { takeLaunchOptions, withFallback, type LaunchOptions } from './fallback.js';
import { buildPlan, childEnvironment, missingSecret, secretRoute, type LaunchPlan } from './plan.js';
import { secretTiming } from './secret-timing.js';
import { chosenBackend } from '../secrets/open.js';
import { applySettingsOverrides, findUserSettings } from './settings-override.js';
import { isatty } from 'node:tty';
import { confirmInsideSession } from './inside-session.js';
import { resumeHintOnce } from './resume-hint.js';
import { runSession } from './session.js';
import { endLikeChild, runPlan, type LateSecret } from './spawn.js';
import { execInPlace } from './exec-in-place.js';
import { configDir } from '../paths.js';
import { resolve as resolvePath } from 'node:path';
import { keepUsersWrapper } from './users-wrapper.js';
import { wrapperSetup } from './wrapper.js';
import { asksForBackground } from '../claude/process-wrapper.js';
import { checkBackground, otherServiceNote } from './background.js';

export interface LaunchRequest {
  atName?: string;
  mode: 'claude' | 'exec';
  /** claude's arguments, or for exec the command and its arguments. */
  args: string[];
  /**
   * Set when the args were typed on ccenv's command line (not after `--`): how that line
   * began. A profile named among them without its place stops the launch (profile-words.ts).
   */
  typed?: { spelled: string; firstOnly?: boolean; cc?: boolean };
  /** ccenv's own options for this launch (--no-fallback, --check). */
  options?: LaunchOptions;
  /** This launch is the one more run of a failed `-p` on a fallback: no further one. */
  retried?: boolean;
  /** This launch is a fallback: what follows it in the chain of the profile named (its own chain is never followed). */
  chain?: string[];
  /** This launch is a fallback: the profile the user named. */
  named?: string;
  /** The prompt piped to the failed run, given again. */
  input?: Buffer;
}

/** Splits a leading `@NAME` off the words. */
export function takeAtName(words: readonly string[]): { atName?: string; rest: string[] } {
  const first = words[0];
  if (first === undefined || !first.startsWith('@')) return { rest: [...words] };
  const atName = first.slice(1);
  if (atName === '') throw usageError('@ needs a profile name: ccenv @NAME ...');
  return { atName, rest: words.slice(1) };
}

/** The profile's secret from its source or the store, when it takes one; an error naming the fix when it is missing. */
export async function secretFor(ctx: Context, config: ConfigData, resolved: ResolvedProfile): Promise<string | undefined> {
  const { name, profile } = resolved;
  const spec = kindSpec(profile.kind);
  if (!spec.launch(profile).secret) return undefined;
  const { label } = spec.secret(profile);
  const store = () => ctx.secrets(config);
  const secret = await readProfileSecret(name, profile, { env: ctx.env, stdinIsTerminal: isatty(0), store });
  if (secret === undefined) throw secretElsewhere(name, profile, await store()) ?? missingSecret(name, label, (await store()).description);
  return secret;
}

/** A launch ready to run: its plan, and for a secret that comes after the spawn, the one call that reads it. */
export interface PreparedLaunch {
  plan: LaunchPlan;
  resolved: ResolvedProfile;
  config: ConfigData;
  /** The fallbacks that may follow this launch (fallback.ts `rest`). */
  chain: string[];
  /** The profile the user named (the launched one, or the one whose fallback it is). */
  named: string;
  /** Set when the plan's secret is read after claude starts (secret-timing.ts). */
  lateSecret?: LateSecret;
}

/**
 * Resolve, read, plan: everything up to the spawn. Reads the secret store once: here, or
 * with `secretAfterSpawn` and where secret-timing.ts allows it, through `lateSecret`.
 */
export async function preparePlan(
  ctx: Context,
  request: LaunchRequest,
  options: { claudeOptional?: boolean; noWrapper?: boolean; secretAfterSpawn?: boolean } = {},
): Promise<PreparedLaunch> {
  const config = await readConfig(ctx.env);
  if (request.typed) {
    const typed = { ...request.typed, args: request.args, ...(request.atName !== undefined ? { atName: request.atName } : {}) };
    const misplaced = misplacedProfile(typed, (name) => findProfile(config, name) !== undefined);
    if (misplaced) throw misplaced;
    const first = request.args[0];
    // Suggestions and the hint keep the profile named for this launch: cc @work mcp, cc @work -- WORD.
    const spelled = request.atName !== undefined ? `${request.typed.spelled} @${request.atName}` : request.typed.spelled;
    const typo = request.typed.cc && first !== undefined ? ccTypo(first, spelled) : undefined;
    if (typo) throw typo;
  }
  // A profile known to fail gives way to its first fallback that is not: before any secret is read.
  const asked = await resolveProfile(ctx.env, ctx.cwd, config, request.atName);
  const { resolved, checkedSecret: checked, rest } = await withFallback(ctx, config, asked, request.options, request.chain);
  const named = request.named ?? asked.name;
  const { name, profile } = resolved;
  const problems = profileProblems(profile);
  if (problems.length > 0) {
    throw new CcenvError(`profile ${name} is incomplete: ${problems.join('; ')}`, { hint: `fix it with: ccenv edit ${name} ...` });
  }
  let command: string;
  let args = request.args;
  if (request.mode === 'exec') {
    if (args.length === 0) throw usageError('exec needs a command: ccenv exec [@NAME] -- CMD ARGS');
    command = args[0]!;
    args = args.slice(1);
  } else {
    try {
      command = findClaude(ctx.env, ctx.cwd, { name, claude: profile.claude }).path;
    } catch (error) {
      // `env` and `status` show the plan even where claude is not installed.
      if (!options.claudeOptional) throw error;
      command = 'claude';
    }
  }
  const route = secretRoute(profile, request.mode, args);
  const timing = options.secretAfterSpawn ? secretTiming(ctx.env, chosenBackend(ctx.env, config).backend, profile, route) : 'before';
  // What a --check just read is not asked for again.
  const secret = timing === 'before' ? (checked ?? (await secretFor(ctx, config, resolved))) : undefined;
  const wrapper = request.mode === 'claude' && !options.noWrapper ? wrapperSetup(resolvePath(configDir(ctx.env))) : undefined;
  let plan = buildPlan({ resolved, caller: ctx.env, secret, secretAfterSpawn: timing === 'after', mode: request.mode, command, args, ...(wrapper ? { wrapper } : {}) });
  if (request.mode === 'claude') {
    const inherited = childEnvironment(plan, ctx.env);
    const layers = await readSettingsLayers(inherited, ctx.cwd, { configDir: plan.set.CLAUDE_CONFIG_DIR });
    if (wrapper) plan = keepUsersWrapper(plan, layers);
    plan = applySettingsOverrides(plan, profile, layers, findUserSettings(plan.args, ctx.cwd), ctx.env.HOME ?? '', inherited);
  }
  if (timing === 'before') return { plan, resolved, config, chain: rest, named };
  // Held until read once: the waiting ccenv keeps no secret while claude runs.
  let known = checked;
  const lateSecret = async () => {
    const secret = known;
    known = undefined;
    return secret ?? (await secretFor(ctx, config, resolved))!;
  };
  return { plan, resolved, config, chain: rest, named, lateSecret };
}

/** Plans and runs; returns the exit code (or ends ccenv by the child's signal). */
export async function launch(ctx: Context, request: LaunchRequest): Promise<number> {
  if (request.mode === 'exec') {
    const run = `${request.args[0] ?? 'a command'} with the profile's secrets in its environment`;
    confirmInsideSession(ctx.env, { wants: `to run ${run}`, doing: `running ${run}` });
  }
  const { plan, resolved, config, chain, named, lateSecret } = await preparePlan(ctx, request, { secretAfterSpawn: true });
  // An own-login profile's directory, links and user MCP servers, in place before claude reads them.
  if (resolved.profile.ownLogin) {
    const { prepareAccount } = await import('../accounts/prepare.js');
    plan.notes.push(...(await prepareAccount(ctx.env, resolved.name, resolved.profile)));
  }
  if (plan.mode === 'claude') {
    if (asksForBackground(plan.args)) plan.notes.push(...(await checkBackground(plan, ctx.env)));
    else plan.notes.push(...[otherServiceNote(plan, ctx.env)].filter((n) => n !== undefined));
  }
  const quiet = ctx.env.CCENV_QUIET === '1';
  for (const note of plan.notes) if (!(quiet && note === plan.ignoredNote)) ctx.io.err(`ccenv: ${note}\n`);
  const relaunch = (atName: string, args: string[], o: { retried: boolean; chain: string[]; named: string; input?: Buffer }) => launch(ctx, { atName, mode: 'claude', args, ...o });
  const session = {
    relaunch,
    args: request.args,
    chain,
    ...(named !== plan.profile ? { named } : {}),
    retried: request.retried === true,
    noFallback: request.options?.noFallback === true,
    ...(request.input ? { input: request.input } : {}),
    ...(lateSecret ? { lateSecret } : {}),
  };
  execInPlace(plan, ctx.env, ctx.cwd);
  const ending = plan.mode === 'claude' ? await runSession(ctx, plan, config, session) : await runPlan(plan, ctx.env, lateSecret ? { lateSecret } : {});
  if (typeof ending === 'number') return ending;
  // After a failed credential ccenv has said how to go on: the general hint would name the profile that failed.
  if (plan.mode === 'claude' && 'code' in ending && !('advised' in ending)) {
    const hint = resumeHintOnce(ctx.env, plan.profile, plan.args, isatty(1) && isatty(2));
    if (hint) ctx.io.err(`ccenv: ${hint}\n`);
  }
  return endLikeChild(ending);
}

/**
 * `ccenv [@NAME] ARGS`: everything but the profile goes to claude unchanged. `verbatim`
 * (after `ccenv --`): every word goes to claude, a leading @NAME included, unchecked.
 */
export async function launchFromCommandLine(ctx: Context, argv: string[], options: { verbatim?: boolean } = {}): Promise<number> {
  if (options.verbatim) return launch(ctx, { mode: 'claude', args: argv });
  const before = takeLaunchOptions(argv);
  const { atName, rest } = takeAtName(before.rest);
  const after = takeLaunchOptions(rest, before.options);
  return launch(ctx, { ...(atName !== undefined ? { atName } : {}), mode: 'claude', args: after.rest, typed: { spelled: 'ccenv' }, options: after.options });
}

/**
 * `ccenv run ...` and `ccenv exec ...` without commander, so that they start as fast as a
 * bare launch. Undefined when commander should handle it (`--help`).
 */
export async function launchVerb(ctx: Context, argv: readonly string[]): Promise<number | undefined> {
  const [verb, ...words] = argv;
  if (verb !== 'run' && verb !== 'exec') return undefined;
  if (verb === 'run' && words[0] === '--cc') return launchForCc(ctx, words.slice(1));
  const before = takeLaunchOptions(words);
  const { atName, rest: afterName } = takeAtName(before.rest);
  const { options, rest } = takeLaunchOptions(afterName, before.options);
  if (rest[0] === '--help' || rest[0] === '-h') return undefined;
  const verbatim = rest[0] === '--';
  if (verbatim) rest.shift();
  return launch(ctx, {
    ...(atName !== undefined ? { atName } : {}),
    mode: verb === 'exec' ? 'exec' : 'claude',
    args: rest,
    options,
    ...(verbatim ? {} : { typed: { spelled: `ccenv ${verb}`, firstOnly: verb === 'exec' } }),
  });
}

/**
 * `ccenv run --cc NAME [@PROFILE] -- WORDS`, as the cc shell function (named NAME) runs it for
 * every word but use, allow and deny. The words go to claude as given, but a word claude would
 * take for a prompt stops first: a profile's name, a ccenv verb, a slip (dispatch.ts ccTypo).
 * `cc [@PROFILE] -- WORDS` (here `-- -- WORDS`) sends them unchecked. Not in help or completion.
 */
async function launchForCc(ctx: Context, words: readonly string[]): Promise<number> {
  const [name, ...tail] = words;
  const { atName, rest } = takeAtName(tail);
  const [separator, ...args] = rest;
  if (name === undefined || separator !== '--') throw usageError('run --cc is how the cc shell function launches: ccenv run --cc NAME [@PROFILE] -- WORDS');
  const self = /^[A-Za-z_][\w-]*$/.test(name) ? name : 'cc';
  const profile = atName !== undefined ? { atName } : {};
  if (args[0] === '--') return launch(ctx, { ...profile, mode: 'claude', args });
  return launch(ctx, { ...profile, mode: 'claude', args, typed: { spelled: self, cc: true } });
}

/**
 * The error for a first word the dispatcher took for a typo. When that word names a profile
 * (`ccenv work -p hi`, "work" being two edits from "hook"), the profile is what was meant.
 */
export async function typoOrProfile(ctx: Context, argv: readonly string[], typo: CcenvError): Promise<CcenvError> {
  try {
    const config = await readConfig(ctx.env);
    const misplaced = misplacedProfile({ spelled: 'ccenv', args: argv }, (name) => findProfile(config, name) !== undefined);
    if (misplaced) return misplaced;
  } catch {
    // a config that cannot be read: the typo's message stands
  }
  return typo;
}
