/**
 * Plan, then act: a profile and the caller's environment become a LaunchPlan, a plain
 * value that `ccenv env` prints and tests inspect. Only spawn.ts acts on it.
 */
import { CcenvError } from '../errors.js';
import { SOCKET_ONLY_DESCRIPTORS } from '../claude/variables.js';
import type { Env } from '../paths.js';
import { kindSpec } from '../profiles/kinds/index.js';
import type { ProfileSource, ResolvedProfile } from '../profiles/resolve.js';
import type { Profile, ProfileKind } from '../profiles/types.js';
import { sourceVariable } from '../secrets/sources/index.js';
import { removalReason, type RemovalReason } from './scrub.js';
import { wrapperVariables, type WrapperSetup } from './wrapper-variables.js';

/** The descriptor a secret is handed to claude on. */
export const SECRET_FD = 3;

/** A secret on an inherited descriptor; the variable named tells claude its number. */
export interface Descriptor {
  fd: number;
  variable: string;
  /** Empty in a plan whose secret is delivered after the spawn (LaunchPlan.secretAfterSpawn). */
  secret: string;
}

export interface LaunchPlan {
  profile: string;
  kind: ProfileKind;
  source: ProfileSource;
  /** `claude`: the launch (secrets by descriptor where claude takes one); `exec`: any command, secrets as variables. */
  mode: 'claude' | 'exec';
  command: string;
  args: string[];
  /** Variables set in the child's environment. */
  set: Record<string, string>;
  /** Names in `set` whose values are secrets. */
  secretVariables: string[];
  /** Caller variables the child does not get (those that `set` replaces are not listed). */
  removed: { name: string; reason: RemovalReason }[];
  descriptors: Descriptor[];
  /** Lines for stderr, each one a whole message. */
  notes: string[];
  /** The note naming the caller's variables the launch ignored, if any: CCENV_QUIET=1 silences it. */
  ignoredNote?: string;
  /** The secret is read after claude is started and written to its descriptor then (spawn.ts). */
  secretAfterSpawn?: true;
}

export interface PlanInput {
  resolved: ResolvedProfile;
  caller: Env;
  /** The profile's secret from the store; undefined when it takes none, or when it comes after the spawn. */
  secret: string | undefined;
  /** The secret will be delivered after the spawn: only for the descriptor route (secretRoute). */
  secretAfterSpawn?: boolean;
  /** What a descriptor will be: a socket pair (a launch, the default) or a pipe (the wrappers). */
  handover?: 'socket' | 'pipe';
  mode: 'claude' | 'exec';
  command: string;
  args: readonly string[];
  /** Where ccenv's process wrapper is; a launch of claude then starts Claude Code's own processes through it. */
  wrapper?: WrapperSetup;
}

/** Descriptors `claude --bare` does not read (FACTS); the gateway's it still does. */
const BARE_IGNORES = new Set(['CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR', 'CLAUDE_CODE_OAUTH_TOKEN_FILE_DESCRIPTOR']);

function isBare(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).includes('--bare');
}

/** How a profile's secret reaches the child: on an inherited descriptor, in a variable, or not at all. */
export type SecretRoute = 'descriptor' | 'variable' | 'none';

/**
 * Pure: the route buildPlan gives the secret, known before the secret is read. `handover`:
 * what the descriptor will be; a descriptor Claude Code reads only from a socket takes the
 * variable route when only a pipe can be given (the wrappers).
 */
export function secretRoute(profile: Profile, mode: 'claude' | 'exec', args: readonly string[], handover: 'socket' | 'pipe' = 'socket'): SecretRoute {
  const secret = kindSpec(profile.kind).launch(profile).secret;
  if (!secret) return 'none';
  const { descriptor } = secret;
  if (mode !== 'claude' || descriptor === undefined) return 'variable';
  if (handover === 'pipe' && SOCKET_ONLY_DESCRIPTORS.has(descriptor)) return 'variable';
  return BARE_IGNORES.has(descriptor) && isBare(args) ? 'variable' : 'descriptor';
}

/** Pure: the plan for a launch, before settings files are consulted (see settings-override.ts). */
export function buildPlan(input: PlanInput): LaunchPlan {
  const { resolved, caller, secret, mode } = input;
  const { name, profile } = resolved;
  const launch = kindSpec(profile.kind).launch(profile);
  const set: Record<string, string> = { ...profile.env, ...launch.set };
  if (profile.model) set.ANTHROPIC_MODEL = profile.model;
  const secretVariables: string[] = [];
  const descriptors: Descriptor[] = [];
  const notes: string[] = [...(resolved.notes ?? [])];
  const route = secretRoute(profile, mode, input.args, input.handover);
  if (launch.secret) {
    const later = input.secretAfterSpawn === true && route === 'descriptor';
    if (input.secretAfterSpawn && !later) throw new Error(`plan for ${name}: only a descriptor takes its secret after the spawn`);
    if (secret === undefined && !later) throw new Error(`plan for ${name} built without its secret`);
    const { variable, descriptor, withDescriptor } = launch.secret;
    const bare = mode === 'claude' && descriptor !== undefined && route === 'variable';
    if (bare) {
      notes.push(
        variable === 'ANTHROPIC_API_KEY'
          ? 'claude --bare reads no descriptor: the API key travels in its environment for this launch'
          : 'claude --bare ignores subscription tokens: this launch will not be logged in',
      );
    }
    if (route === 'descriptor') {
      descriptors.push({ fd: SECRET_FD, variable: descriptor!, secret: secret ?? '' });
      Object.assign(set, withDescriptor, { [descriptor!]: String(SECRET_FD) });
    } else {
      set[variable] = secret!;
      secretVariables.push(variable);
    }
  }
  set.CCENV_ACTIVE = name;
  if (mode === 'claude' && input.wrapper) Object.assign(set, wrapperVariables(input.wrapper, caller));

  const removed: LaunchPlan['removed'] = [];
  const ignored: string[] = [];
  const fromSource = sourceVariable(profile);
  for (const [variable, value] of Object.entries(caller)) {
    if (value === undefined) continue;
    // An env: source's variable was read for the launch: claude's tools never see it.
    const reason = variable === fromSource ? 'secret source' : removalReason(variable, launch.removeAws);
    if (!reason) continue;
    if (!Object.hasOwn(set, variable)) removed.push({ name: variable, reason });
    // ccenv's own variables are not the user's provider choice: removed without a word.
    if (reason !== 'ccenv' && reason !== 'secret source' && set[variable] !== value) ignored.push(variable);
  }
  removed.sort((a, b) => a.name.localeCompare(b.name));
  const ignoredNote = ignored.length > 0 ? `ignored from your environment for profile ${name}: ${ignored.sort().join(', ')}` : undefined;
  if (ignoredNote) notes.unshift(ignoredNote);
  return {
    profile: name,
    kind: profile.kind,
    source: resolved.source,
    mode,
    command: input.command,
    args: [...input.args],
    set,
    secretVariables,
    removed,
    descriptors,
    notes,
    ...(ignoredNote ? { ignoredNote } : {}),
    ...(input.secretAfterSpawn ? { secretAfterSpawn: true as const } : {}),
  };
}

/** The child's whole environment: the caller's, less what the plan removes, plus what it sets. */
export function childEnvironment(plan: LaunchPlan, caller: Env): Record<string, string> {
  const env: Record<string, string> = {};
  const removed = new Set(plan.removed.map((r) => r.name));
  for (const [key, value] of Object.entries(caller)) {
    if (value !== undefined && !removed.has(key)) env[key] = value;
  }
  return Object.assign(env, plan.set);
}

/** The message for a profile whose secret is not in the store. */
export function missingSecret(name: string, label: string, where: string): CcenvError {
  return new CcenvError(`profile ${name} has no ${label} in ${where}`, {
    hint: `store it: printf %s "$SECRET" | ccenv edit ${name} --secret-stdin`,
  });
}
