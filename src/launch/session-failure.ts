/**
 * After a claude session, whether its credential failed during it (recorded by ccenv's
 * StopFailure hook or the status line, tagged with this launch) and how to go on: the
 * words to say, the fallback to offer, and what resuming there needs. Pure but for
 * `claudeDir`'s look at the environment; session.ts acts on it.
 */
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { nextFallback } from '../health/next-fallback.js';
import { clock } from '../health/choose.js';
import type { Health, HealthEntry } from '../health/state.js';
import type { Env } from '../paths.js';
import { kindSpec } from '../profiles/kinds/index.js';
import type { Profile, ProfileKind } from '../profiles/types.js';
import { shellWord } from '../shells/sh-word.js';

/** Who pays for a kind's requests, for the line that says billing changes. */
const BILLING: Record<ProfileKind, string> = {
  subscription: 'subscription',
  'api-key': 'API billing',
  gateway: 'gateway billing',
  bedrock: 'AWS billing',
  mantle: 'AWS billing',
  vertex: 'Google Cloud billing',
  foundry: 'Azure billing',
};

export function billingOf(kind: ProfileKind): string {
  return BILLING[kind];
}

/** "was rejected", "is limited until 14:05", "is down": what the entry says, after the profile's name. */
export function whatHappened(entry: HealthEntry, now: number): string {
  if (entry.status === 'limited') return entry.until !== undefined ? `is limited until ${clock(entry.until, now)}` : 'is limited';
  if (entry.status === 'outage') return 'is down (an outage on its endpoint)';
  if (entry.status === 'expired') return 'has an expired login';
  return 'was rejected';
}

/** The Claude config directory a profile's sessions live in: its own CLAUDE_CONFIG_DIR, else Claude Code's default. */
export function claudeDir(profile: Profile, env: Env): string {
  return kindSpec(profile.kind).launch(profile).set.CLAUDE_CONFIG_DIR ?? join(env.HOME || homedir(), '.claude');
}

export interface GoOn {
  /** What happened, for stderr. */
  said: string;
  fallback?: { name: string; billing?: string };
  sessionId?: string;
  /** Where the conversation must be copied for the fallback to resume it (the two keep different Claude directories). */
  copy?: { from: string; to: string };
  /** The commands to type, for a caller without a terminal. */
  commands: string[];
}

export interface FailureInput {
  profile: string;
  /** The fallbacks that may follow it (session.ts: never a fallback's own chain). */
  chain: readonly string[];
  entry: HealthEntry;
  profiles: (name: string) => Profile | undefined;
  health: Health;
  env: Env;
  now: number;
}

/** How to go on after a session whose credential failed. */
export function goOn(input: FailureInput): GoOn {
  const { profile: name, entry, now } = input;
  const profile = input.profiles(name);
  const said = `${name} ${whatHappened(entry, now)} (${entry.detail})`;
  const fallbackName = nextFallback(input.chain, input.health, now, (n) => input.profiles(n) !== undefined, [name]);
  const id = entry.sessionId;
  if (!fallbackName || !profile) {
    const commands = id ? [`ccenv run @${shellWord(name)} -- --resume ${shellWord(id)}`] : [];
    return { said, ...(id ? { sessionId: id } : {}), commands };
  }
  const fallback = input.profiles(fallbackName)!;
  const billing = fallback.kind !== profile.kind && billingOf(fallback.kind) !== billingOf(profile.kind) ? billingOf(fallback.kind) : undefined;
  const result: GoOn = { said, fallback: { name: fallbackName, ...(billing ? { billing } : {}) }, commands: [] };
  if (!id) return result;
  result.sessionId = id;
  const from = claudeDir(profile, input.env);
  const to = claudeDir(fallback, input.env);
  if (from !== to && entry.transcript) {
    const target = join(to, 'projects', basename(dirname(entry.transcript)));
    result.copy = { from: entry.transcript, to: target };
    result.commands.push(`mkdir -p ${shellWord(target)} && cp -n ${shellWord(entry.transcript)} ${shellWord(target)}/`);
  }
  result.commands.push(`ccenv run @${shellWord(fallbackName)} -- --resume ${shellWord(id)}`);
  return result;
}
