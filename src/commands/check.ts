import type { Command } from 'commander';
import { readProfileSecret } from '../secrets/sources/index.js';
import { chosenBackend } from '../secrets/open.js';
import { hasSecretSource } from '../profiles/secret-source.js';
import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import { allOk } from '../health/classify.js';
import { checkProfiles, type CheckResult } from '../health/check.js';
import { healthChanges } from '../health/record.js';
import { healthFile, updateHealth } from '../health/state.js';
import { allProfiles, requireProfile } from '../profiles/lookup.js';
import { resolveProfile } from '../profiles/resolve.js';
import { readConfig, type ConfigData } from '../profiles/store.js';
import type { Profile } from '../profiles/types.js';
import { forTerminal } from '../terminal.js';

const DEFAULT_TIMEOUT_MS = 5000;
const MAX_TIMEOUT_MS = 600_000;

export function register(program: Command, ctx: Context): void {
  program
    .command('check')
    .argument('[@NAME...]', 'profiles to check instead of the one a launch here would use')
    .description("check profiles' credentials against their endpoints, spending no tokens")
    .option('--all', 'check every profile, the built-in one included')
    .option('--timeout <ms>', `time limit for each profile, reading its secret included, in milliseconds (default ${DEFAULT_TIMEOUT_MS})`)
    .option('--json', 'print a JSON array of {"profile","kind","status","detail","ms"}')
    .addHelpText(
      'after',
      `
One status per profile: ok; rejected (401/403: revoked, wrong key, expired login; or no
secret stored); expired (a login past its expiry with no refresh token, known without a
request); limited (429); outage (5xx, 529, no answer in time); unreachable (DNS, TLS,
refused); unreadable (its secret cannot be read here: a locked keychain, an unset env:
variable, a failing source program; not recorded); unchecked (no free request for this
kind, or a 404: no /v1/models there, or a wrong --base-url path; the detail says why). Profiles are checked in parallel. Claude Code's own login is never refreshed or written.
What is seen is recorded for the launches that follow (a profile with --fallback launches
its first fallback while it is rejected, expired, limited until its reset, or down for a
few minutes): ok clears it. See: ccenv status.

Exit status 0 when every checked profile is ok (unchecked ones do not count), 1 otherwise
(an unreadable secret too).

Examples:
  ccenv check
  ccenv check @work @personal --timeout 2000
  ccenv check --all --json`,
    )
    .action((names: string[], options: CheckOptions) => check(ctx, names, options));
}

export interface CheckOptions {
  all?: boolean;
  json?: boolean;
  timeout?: string;
}

function timeoutOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  const ms = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(ms >= 1 && ms <= MAX_TIMEOUT_MS)) throw usageError(`--timeout takes milliseconds from 1 to ${MAX_TIMEOUT_MS}, got ${value}`, 'ccenv check --timeout 5000');
  return ms;
}

async function chosen(ctx: Context, config: ConfigData, names: readonly string[], all: boolean): Promise<[string, Profile][]> {
  if (all) {
    if (names.length > 0) throw usageError('give @NAME... or --all, not both', 'ccenv check --all');
    return allProfiles(config).map(([name, profile]) => [name, profile]);
  }
  if (names.length === 0) {
    const resolved = await resolveProfile(ctx.env, ctx.cwd, config);
    for (const note of resolved.notes ?? []) ctx.io.err(`ccenv: ${note}\n`);
    return [[resolved.name, resolved.profile]];
  }
  const seen = new Set<string>();
  const out: [string, Profile][] = [];
  for (const at of names) {
    if (!at.startsWith('@')) throw usageError(`expected @NAME, got ${at}`, `ccenv check @${at}`);
    const name = at.slice(1);
    if (seen.has(name)) continue;
    seen.add(name);
    out.push([name, requireProfile(config, name)]);
  }
  return out;
}

export async function check(ctx: Context, names: string[], options: CheckOptions): Promise<void> {
  const timeoutMs = timeoutOf(options.timeout);
  const config = await readConfig(ctx.env);
  const profiles = await chosen(ctx, config, names, options.all === true);
  await askPassphraseFirst(ctx, config, profiles);
  const now = Date.now();
  const results = await checkProfiles(profiles, {
    env: ctx.env,
    timeoutMs,
    now,
    readSecret: (name, profile, signal) => readProfileSecret(name, profile, { env: ctx.env, stdinIsTerminal: ctx.interactive, store: () => ctx.secrets(config), signal }),
    describeStore: async () => (await ctx.secrets(config)).description,
  });
  recordChecks(ctx, results, now);
  const rows = results.map(({ profile, kind, status, detail, ms }) => ({ profile, kind, status, detail, ms }));
  ctx.io.out(options.json ? `${JSON.stringify(rows, null, 2)}\n` : table(rows));
  if (!allOk(results.map((r) => r.status))) ctx.exitCode = 1;
}

/**
 * The file backend's passphrase, when it is to be typed, is asked before any profile's time
 * limit starts: the person typing is not what --timeout bounds. A failure here is told per
 * profile by the check itself.
 */
async function askPassphraseFirst(ctx: Context, config: ConfigData, profiles: readonly [string, Profile][]): Promise<void> {
  if (!ctx.interactive || ctx.env.CCENV_FILE_PASSPHRASE || chosenBackend(ctx.env, config).backend !== 'file') return;
  const stored = profiles.find(([, p]) => p.hasSecret && !hasSecretSource(p) && (!p.secretBackend || p.secretBackend === 'file'));
  if (!stored) return;
  try {
    await (await ctx.secrets(config)).get(stored[0]);
  } catch {
    // said by the check of each profile
  }
}

/** What was seen goes to the health file, for the launches that follow; a write that fails only says so. */
function recordChecks(ctx: Context, results: readonly CheckResult[], now: number): void {
  try {
    updateHealth(ctx.env, healthChanges(results, now), now);
  } catch (error) {
    ctx.io.err(`ccenv: could not record the results in ${healthFile(ctx.env)}: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

function table(results: readonly CheckResult[]): string {
  const width = (pick: (r: CheckResult) => string, title: string) => Math.max(title.length, ...results.map((r) => pick(r).length));
  const w = [width((r) => r.profile, 'PROFILE'), width((r) => r.kind, 'KIND'), width((r) => r.status, 'STATUS'), width((r) => `${r.ms}`, 'MS')];
  const line = (cells: string[], detail: string) =>
    `${cells.map((c, i) => (i === 3 ? c.padStart(w[i]!) : c.padEnd(w[i]!))).join('  ')}  ${forTerminal(detail)}\n`;
  return line(['PROFILE', 'KIND', 'STATUS', 'MS'], 'DETAIL') + results.map((r) => line([forTerminal(r.profile), r.kind, r.status, `${r.ms}`], r.detail)).join('');
}
