/**
 * The token `claude setup-token` prints (CLAUDE_CODE_OAUTH_TOKEN, sk-ant-oat01-...) lasts a
 * year (docs/claude-code.md, "Login storage"). The token itself does not say when it ends,
 * so ccenv counts from when it stored it (Profile.secretSetAt): the token was made at the
 * latest then, so it ends at the latest a year on. A profile stored before that time was
 * recorded has no known end, and nothing is said.
 */
import type { Profile } from '../profiles/types.js';

const DAY_MS = 86_400_000;
export const SETUP_TOKEN_LIFETIME_MS = 365 * DAY_MS;
/** Warned about from this long before the end. */
export const SETUP_TOKEN_WARNING_MS = 14 * DAY_MS;

/** Whether the profile's secret is a setup token: a subscription profile with a stored secret. */
export function holdsSetupToken(profile: Profile): boolean {
  return profile.kind === 'subscription' && profile.hasSecret === true && !profile.secretFrom && !profile.secretCommand;
}

export interface TokenEnd {
  /** When the token ends, at the latest, ms since the epoch. */
  endsAt: number;
  /** Whole days left (0 on the last day; negative once past). */
  daysLeft: number;
}

/** Pure: when a setup-token profile's token ends, if known and within the warning time (or past). */
export function setupTokenEndingSoon(profile: Profile, now: number): TokenEnd | undefined {
  if (!holdsSetupToken(profile) || typeof profile.secretSetAt !== 'number') return undefined;
  const endsAt = profile.secretSetAt + SETUP_TOKEN_LIFETIME_MS;
  if (now < endsAt - SETUP_TOKEN_WARNING_MS) return undefined;
  return { endsAt, daysLeft: Math.floor((endsAt - now) / DAY_MS) };
}

/** One line for people: "its setup token ends by 2027-11-28 (in 9 days): ...". */
export function describeTokenEnd(name: string, end: TokenEnd): string {
  const date = new Date(end.endsAt).toISOString().slice(0, 10);
  const when = end.daysLeft < 0 ? `ended by ${date}` : `ends by ${date} (${end.daysLeft === 0 ? 'today' : `in ${end.daysLeft} day${end.daysLeft === 1 ? '' : 's'}`})`;
  return `the setup token of ${name} ${when}: make a new one with claude setup-token, then printf %s "$TOKEN" | ccenv edit ${name} --secret-stdin`;
}
