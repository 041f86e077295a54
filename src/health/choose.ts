/**
 * Which profile a launch uses when the one it resolved is known to be failing: the first
 * of its own fallbacks (in the order the user gave) that is not, and one line that says so.
 * Pure; the table in test/unit/fallback-choose.test.ts is the contract. Only the resolved
 * profile's own chain is followed, never a fallback's: a profile is replaced only by one
 * the user named for it.
 */
import type { Profile, ProfileKind } from '../profiles/types.js';
import { counts, type Health, type HealthEntry } from './state.js';

export interface ChoiceInput {
  name: string;
  profile: Profile;
  health: Health;
  now: number;
  /** A profile by name, undefined when none has it (a chain edited by hand). */
  find(name: string): Profile | undefined;
}

export type LaunchChoice =
  /** The resolved profile; `line` when it is launched although known to fail (--no-fallback). */
  | { launch: string; line?: string }
  /** A fallback instead, with the line for stderr. */
  | { launch: string; profile: Profile; line: string }
  /** Every link of the chain is failing: the message to stop with. */
  | { allBad: string };

/** Who pays, per kind: a change of it is said when a fallback is launched. */
const BILLING: Readonly<Record<ProfileKind, string>> = {
  subscription: 'subscription',
  'api-key': 'API billing',
  gateway: "the gateway's billing",
  bedrock: 'AWS billing',
  mantle: 'AWS billing',
  vertex: 'Google Cloud billing',
  foundry: 'Azure billing',
};

export function billingOf(profile: Profile): string {
  return BILLING[profile.kind];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** A time as a person reads it, local: "14:05" today, "Nov 29 14:05" another day. */
export function clock(ms: number, now: number): string {
  const at = new Date(ms);
  const today = new Date(now);
  const time = `${two(at.getHours())}:${two(at.getMinutes())}`;
  const sameDay = at.getFullYear() === today.getFullYear() && at.getMonth() === today.getMonth() && at.getDate() === today.getDate();
  return sameDay ? time : `${MONTHS[at.getMonth()]} ${at.getDate()} ${time}`;
}

/** Why a profile counts as failing, in a few words: "max is limited until 14:05". */
export function reasonOf(name: string, entry: HealthEntry, now: number): string {
  const until = entry.until === undefined ? '' : ` until ${clock(entry.until, now)}`;
  const seen = `${entry.detail ? `${entry.detail}, ` : ''}seen ${clock(entry.seenAt, now)}`;
  switch (entry.status) {
    case 'limited':
      return `${name} is limited${until || ` (${seen})`}`;
    case 'outage':
      return `${name} is down${until || ` (${seen})`}`;
    case 'rejected':
      return `${name} was rejected (${seen})`;
    case 'expired':
      return `${name} has an expired login (${seen})`;
  }
}

/** The entry that makes a profile fail now, if any (a rejection of a secret since replaced does not count). */
export function failing(health: Health, name: string, profile: Profile, now: number): HealthEntry | undefined {
  const entry = Object.hasOwn(health, name) ? health[name] : undefined;
  return counts(entry, now, profile.secretSetAt) ? entry : undefined;
}

export function chooseProfile(input: ChoiceInput, options: { noFallback?: boolean } = {}): LaunchChoice {
  const { name, profile, health, now } = input;
  const chain = profile.fallback ?? [];
  const bad = failing(health, name, profile, now);
  if (!bad) return { launch: name };
  const reasons = [reasonOf(name, bad, now)];
  if (options.noFallback || chain.length === 0) {
    return { launch: name, line: `${reasons[0]}; launching it anyway${options.noFallback ? ' (--no-fallback)' : ''}` };
  }
  for (const other of chain) {
    const candidate = other === name ? undefined : input.find(other);
    if (!candidate) {
      reasons.push(`fallback ${other} no longer exists`);
      continue;
    }
    const entry = failing(health, other, candidate, now);
    if (entry) {
      reasons.push(reasonOf(other, entry, now));
      continue;
    }
    const billing = billingOf(candidate) === billingOf(profile) ? '' : ` (${billingOf(candidate)})`;
    return { launch: other, profile: candidate, line: `${reasons.join('; ')}; launching ${other}${billing}` };
  }
  return { allBad: `${reasons.join('; ')}: no profile of the chain ${[name, ...chain].join(' -> ')} is usable` };
}
