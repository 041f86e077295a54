/**
 * What ccenv has seen of each profile's credential, recorded without polling: by `ccenv
 * check`, by the status line Claude Code feeds, by the hook Claude Code runs when a turn
 * ends in an API failure. One JSON file under $XDG_STATE_HOME/ccenv, one entry per
 * profile, replaced atomically. Never holds a secret: statuses, times and short details.
 *
 * The launch path reads it (readHealth) and makes no request; a corrupt or truncated file
 * is ignored with one line and rewritten on the next record.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readBounded } from '../fs/bounded.js';
import { replaceFile } from '../fs/replace.js';
import type { Env } from '../paths.js';
import { stateDir } from '../paths.js';

export const HEALTH_VERSION = 1;
/** A health file larger than this is not ours. */
const LIMIT = 256 * 1024;

/** The statuses that make a profile bad for a while. */
export const BAD_STATUSES = ['rejected', 'expired', 'limited', 'outage'] as const;
export type BadStatus = (typeof BAD_STATUSES)[number];

/** Who saw it. */
export type HealthSource = 'check' | 'statusline' | 'hook' | 'launch';

export interface HealthEntry {
  status: BadStatus;
  /** Short, secret-free: "HTTP 429; resets <what the header said>", "5h limit at 100%". The reset ccenv counts is `until`, made a clock only when shown. */
  detail: string;
  /** When it was seen, ms since the epoch. */
  seenAt: number;
  /**
   * When it stops counting, ms since the epoch: a `limited` at its reset, an `outage` a few
   * minutes on. Absent: until something says otherwise (a check says `ok`, the secret changes).
   */
  until?: number;
  source: HealthSource;
  /** The launch that saw it (CCENV_LAUNCH_ID), so that the launch can tell after claude exits. */
  launch?: string;
  /** The Claude Code session it happened in, and its transcript: to resume it elsewhere. */
  sessionId?: string;
  transcript?: string;
}

export type Health = Record<string, HealthEntry>;

/** How long an outage counts when nothing says when it ends. */
export const OUTAGE_MS = 5 * 60_000;

export function healthFile(env: Env): string {
  return join(stateDir(env), 'health.json');
}

function isEntry(value: unknown): value is HealthEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    (BAD_STATUSES as readonly string[]).includes(e.status as string) &&
    typeof e.detail === 'string' &&
    typeof e.seenAt === 'number' &&
    (e.until === undefined || typeof e.until === 'number') &&
    typeof e.source === 'string'
  );
}

/**
 * The recorded entries, still-valid or not (see `counts`). A missing file is empty; a
 * corrupt one is empty with one line through `warn`.
 */
export function readHealth(env: Env, warn: (line: string) => void = () => {}): Health {
  const file = healthFile(env);
  let text: string;
  try {
    text = readBounded(file, LIMIT).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(`ccenv: ignoring the health file ${file}: ${(error as Error).message}`);
    return {};
  }
  try {
    const parsed = JSON.parse(text) as { version?: unknown; profiles?: unknown };
    if (parsed.version !== HEALTH_VERSION || typeof parsed.profiles !== 'object' || parsed.profiles === null) throw new Error('not a version 1 health file');
    const health: Health = {};
    for (const [name, entry] of Object.entries(parsed.profiles as Record<string, unknown>)) if (isEntry(entry)) health[name] = entry;
    return health;
  } catch {
    warn(`ccenv: ignoring the health file ${file}: it does not parse; it will be rewritten`);
    return {};
  }
}

/**
 * Whether an entry still makes its profile bad at `now`. A `rejected` seen before the
 * profile's secret was last stored (`secretSetAt`) was about the old secret: it no longer counts.
 */
export function counts(entry: HealthEntry | undefined, now: number, secretSetAt?: number): entry is HealthEntry {
  if (entry === undefined) return false;
  if (entry.status === 'rejected' && secretSetAt !== undefined && entry.seenAt < secretSetAt) return false;
  return entry.until === undefined || entry.until > now;
}

/**
 * Records `entry` for `profile`, or clears it (`undefined`: seen ok). Entries that stopped
 * counting are dropped. Read-modify-write with an atomic replace: the last writer wins an
 * entry, which is what a newer observation should do.
 */
export function recordHealth(env: Env, profile: string, entry: HealthEntry | undefined, now: number = Date.now()): void {
  updateHealth(env, { [profile]: entry }, now);
}

/** recordHealth for several profiles in one write (`ccenv check --all`). */
export function updateHealth(env: Env, changes: Readonly<Record<string, HealthEntry | undefined>>, now: number = Date.now()): void {
  const health = readHealth(env);
  for (const [profile, entry] of Object.entries(changes)) {
    if (entry === undefined) delete health[profile];
    else health[profile] = entry;
  }
  for (const [name, e] of Object.entries(health)) if (!counts(e, now)) delete health[name];
  const dir = stateDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  replaceFile(healthFile(env), `${JSON.stringify({ version: HEALTH_VERSION, profiles: health }, null, 2)}\n`, { mode: 0o600 });
}

/** After a rename (`to`) or a remove (no `to`): the profile's entry follows its name, or goes. Never throws. */
export function moveHealth(env: Env, from: string, to?: string): void {
  try {
    const entry = readHealth(env)[from];
    if (entry) updateHealth(env, to === undefined ? { [from]: undefined } : { [from]: undefined, [to]: entry });
  } catch {
    // a record of the past only: the command that moved the profile succeeded
  }
}
