import type { Command } from 'commander';
import type { Context } from '../context.js';
import { forTerminal } from '../terminal.js';
import { CcenvError, usageError } from '../errors.js';
import { kindSpec } from '../profiles/kinds/index.js';
import { describeSource, resolveProfile, sourceForMachines, type ResolvedProfile } from '../profiles/resolve.js';
import { readConfig, type ConfigData } from '../profiles/store.js';
import { hasSecretSource, secretSourceOf, sourceSpelling } from '../secrets/sources/reference.js';
import { secretElsewhere } from '../secrets/store.js';
import type { Profile } from '../profiles/types.js';
import { VERSION } from '../version.js';
import { chooseProfile, failing, reasonOf } from '../health/choose.js';
import { readHealth } from '../health/state.js';
import { findProfile } from '../profiles/lookup.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('status')
    .alias('current')
    .argument('[@NAME]', 'a profile to check instead of the one a launch here would use')
    .description('which profile a launch here would use and why, its secrets, and the claude it runs')
    .option('--verify', 'ask `claude auth status` under the built environment whether it agrees')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Exit status 1 when the profile's secret is missing or unreadable, claude is not found, or
--verify finds that Claude Code disagrees with the profile.

Examples:
  ccenv status
  ccenv status --verify
  ccenv current @work-bedrock --json`,
    )
    .action((at: string | undefined, options: { verify?: boolean; json?: boolean }) => status(ctx, at, options));
}

export interface StatusReport {
  profile: string;
  kind: string;
  source: string;
  auth: string;
  /** A subscription profile's login, as `ccenv list` reads it (not on macOS, where it is in the Keychain). */
  account?: import('../accounts/identity.js').AccountIdentity;
  /** The profile of the launch this command runs inside, from CCENV_ACTIVE. */
  outer: string | null;
  /** The profile and its fallbacks in order, each with what the health file says of it now. */
  chain?: ChainLink[];
  /** The profile a launch here would start now, when it is not this one (or null: none, the chain is failing). */
  launches?: string | null;
  backend: string | null;
  secret: 'present' | 'missing' | 'not needed' | 'unreadable' | 'from source';
  /** Where the secret is read at each launch (`op://...`, `pass:...`, `env:...`, `command: ...`); never the secret. */
  secretSource?: string;
  secretProblem?: string;
  /** Missing here, but stored in this other backend. */
  secretElsewhere?: string;
  claude: { path: string; version: string | null } | null;
  claudeProblem?: string;
  verify?: { agrees: boolean; says: string } | { agrees: false; problem: string };
  /** A setup token within 14 days of its end, or past it: when it ends at the latest (ISO), and the days left. */
  tokenEnds?: { at: string; daysLeft: number };
  /** Inside a launch: whether Claude Code's own processes start through ccenv. */
  background?: import('../launch/background.js').BackgroundState;
}

async function secretState(
  ctx: Context,
  config: ConfigData,
  resolved: ResolvedProfile,
): Promise<Pick<StatusReport, 'backend' | 'secret' | 'secretProblem' | 'secretElsewhere'>> {
  const { name, profile } = resolved;
  if (!kindSpec(profile.kind).launch(profile).secret) return { backend: await backendInUse(ctx, config), secret: 'not needed' };
  if (hasSecretSource(profile)) return { ...sourceState(ctx, name, profile), backend: await backendInUse(ctx, config) };
  let backend: string | null = null;
  try {
    const store = await ctx.secrets(config);
    backend = store.description;
    if ((await store.get(name)) !== undefined) return { backend, secret: 'present' };
    const elsewhere = secretElsewhere(name, profile, store);
    return { backend, secret: 'missing', ...(elsewhere ? { secretElsewhere: profile.secretBackend!, secretProblem: elsewhere.message } : {}) };
  } catch (error) {
    return { backend, secret: 'unreadable', secretProblem: error instanceof CcenvError ? error.message : String(error) };
  }
}

/** The backend in use, named without reading from it (opening a store asks nothing); null when CCENV_BACKEND names none. */
async function backendInUse(ctx: Context, config: ConfigData): Promise<string | null> {
  try {
    return (await ctx.secrets(config)).description;
  } catch {
    return null;
  }
}

/** A source is named, not read (it may prompt, or cost a round trip); only an `env:` variable is looked at. */
function sourceState(ctx: Context, name: string, profile: Profile): Pick<StatusReport, 'secret' | 'secretProblem' | 'secretSource'> {
  const source = secretSourceOf(profile);
  if (!source) return { secret: 'unreadable', secretProblem: `its secret source ${JSON.stringify(profile.secretFrom)} is not valid: ccenv edit ${name} --secret-from ...` };
  const spelled = sourceSpelling(source);
  if (source.type === 'env' && ctx.env[source.variable] === undefined) {
    return { secret: 'missing', secretSource: spelled, secretProblem: `${source.variable} is not set` };
  }
  return { secret: 'from source', secretSource: spelled };
}

export async function status(ctx: Context, at: string | undefined, options: { verify?: boolean; json?: boolean }): Promise<void> {
  if (at !== undefined && !at.startsWith('@')) throw usageError(`expected @NAME, got ${at}`, `ccenv status @${at}`);
  const config = await readConfig(ctx.env);
  const resolved = await resolveProfile(ctx.env, ctx.cwd, config, at?.slice(1));
  const { name, profile, source } = resolved;
  for (const note of resolved.notes ?? []) ctx.io.err(`ccenv: ${note}\n`);
  const report: StatusReport = {
    profile: name,
    kind: profile.kind,
    source: sourceForMachines(source),
    auth: kindSpec(profile.kind).describe(profile),
    outer: ctx.env.CCENV_ACTIVE || null,
    ...(await secretState(ctx, config, resolved)),
    claude: null,
  };
  const { knownIdentity, describeIdentity, loginCommand, loginProblemFix } = await import('../accounts/identity.js');
  const account = knownIdentity(ctx.env, profile);
  if (account) report.account = account;
  const { describeTokenEnd, setupTokenEndingSoon } = await import('../claude/setup-token.js');
  const ending = setupTokenEndingSoon(profile, Date.now());
  if (ending) {
    report.tokenEnds = { at: new Date(ending.endsAt).toISOString(), daysLeft: ending.daysLeft };
    ctx.io.err(`ccenv: ${describeTokenEnd(name, ending)}\n`);
  }
  const { claudeVersion, findClaude } = await import('../claude/binary.js');
  try {
    const path = findClaude(ctx.env, ctx.cwd, { name, claude: profile.claude }).path;
    report.claude = { path, version: (await claudeVersion(path)) ?? null };
  } catch (error) {
    report.claudeProblem = error instanceof CcenvError ? `${error.message}; ${error.hint ?? ''}` : String(error);
  }
  Object.assign(report, chainReport(ctx, config, name, profile));
  if (options.verify && report.claude && report.secret !== 'missing' && report.secret !== 'unreadable') {
    const [{ preparePlan }, { childEnvironment }, { compareAuth, runAuthStatus }] = await Promise.all([
      import('../launch/run.js'),
      import('../launch/plan.js'),
      import('../claude/auth-status.js'),
    ]);
    const { plan } = await preparePlan(ctx, { atName: name, mode: 'claude', args: ['auth', 'status'], options: { noFallback: true } });
    const { status: said, problem } = await runAuthStatus(plan, childEnvironment(plan, ctx.env));
    report.verify = said ? compareAuth(plan, said) : { agrees: false, problem: problem ?? 'no answer' };
  }
  if (report.outer) report.background = (await import('../launch/background.js')).backgroundState(ctx.env);
  const bad = report.secret === 'missing' || report.secret === 'unreadable' || !report.claude || (report.verify && !report.verify.agrees);
  if (bad) ctx.exitCode = 1;
  if (report.secretElsewhere) ctx.io.err(`ccenv: ${report.secretProblem}: export CCENV_BACKEND=${report.secretElsewhere}\n`);
  else if (report.secretSource && report.secretProblem) ctx.io.err(`ccenv: profile ${name}: its secret source ${report.secretSource}: ${report.secretProblem}\n`);
  else if (report.secret === 'missing') ctx.io.err(`ccenv: store it: printf %s "$SECRET" | ccenv edit ${name} --secret-stdin\n`);
  if (options.json) {
    ctx.io.out(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const parenthesised = (text: string | undefined) => (text ? ` (${text})` : '');
  const rows: [string, string][] = [
    ['profile', `${name} (${profile.kind})`],
    ['chosen by', describeSource(source)],
    ['auth', account ? `${report.auth}: ${describeIdentity(account)}${parenthesised(loginProblemFix(name, account) ?? (account.loggedIn && !account.expired ? undefined : `log in: ${loginCommand(name)}`))}` : report.auth],
  ];
  if (report.outer) {
    rows.push(['inside', report.outer === name ? `a launch of ${name} (CCENV_ACTIVE)` : `a launch of ${report.outer} (CCENV_ACTIVE); a launch here uses ${name}`]);
  }
  if (report.secret === 'not needed') {
    if (report.backend) rows.push(['secret', `none needed (backend in use: ${report.backend})`]);
  } else {
    rows.push([
      'secret',
      report.secretSource
        ? `${report.secret === 'missing' ? `MISSING (${report.secretProblem}), ` : ''}read at each launch from ${report.secretSource}`
        : report.secret === 'unreadable'
        ? `unreadable: ${report.secretProblem}`
        : report.secretElsewhere
          ? `in the ${report.secretElsewhere} backend, not in ${report.backend} (in use): set CCENV_BACKEND=${report.secretElsewhere}`
          : `${report.secret} in ${report.backend}`,
    ]);
  }
  if (report.tokenEnds) rows.push(['token', `setup token ${report.tokenEnds.daysLeft < 0 ? 'ended' : 'ends'} by ${report.tokenEnds.at.slice(0, 10)}`]);
  if (report.background) rows.push(['background', (await import('../launch/background.js')).describeBackground(report.background, report.outer!)]);
  rows.push(['claude', report.claude ? `${report.claude.path} (${report.claude.version ?? 'version unknown'})` : `not found: ${report.claudeProblem}`]);
  if (report.chain) {
    rows.push(['fallback', report.chain.length > 1 ? report.chain.slice(1).map((l) => l.profile).join(' -> ') : 'none: a launch starts it all the same']);
    for (const link of report.chain) if (link.why) rows.push(['', link.why]);
    if (report.launches !== undefined) rows.push(['launches', report.launches ? `${report.launches}, instead of ${name}` : `nothing: every profile of the chain is failing (ccenv --no-fallback @${name} launches ${name} anyway)`]);
  }
  if (report.verify) {
    rows.push(['verify', 'problem' in report.verify ? report.verify.problem : `${report.verify.agrees ? 'agrees' : 'DISAGREES'}: ${report.verify.says}`]);
  }
  for (const [k, v] of rows) ctx.io.out(`${k.padEnd(11)}${forTerminal(v)}\n`);
}

export interface ChainLink {
  profile: string;
  /** What the health file says, while it counts. */
  status?: string;
  detail?: string;
  /** When it stops counting, ISO 8601. */
  until?: string;
  /** In words, for the table: "max is limited until 14:05". */
  why?: string;
}

/** The chain with each failing link's reason, and the profile a launch would start now. */
function chainReport(ctx: Context, config: ConfigData, name: string, profile: Profile): Pick<StatusReport, 'chain' | 'launches'> {
  const health = readHealth(ctx.env, (line) => ctx.io.err(`${line}\n`));
  const now = Date.now();
  // Without fallbacks, only a profile known to fail has anything to show.
  if (!profile.fallback?.length && !failing(health, name, profile, now)) return {};
  const chain: ChainLink[] = [name, ...(profile.fallback ?? [])].map((link) => {
    const linked = link === name ? profile : findProfile(config, link);
    if (!linked) return { profile: link, why: `${link} no longer exists` };
    const entry = failing(health, link, linked, now);
    if (!entry) return { profile: link };
    return { profile: link, status: entry.status, detail: entry.detail, ...(entry.until !== undefined ? { until: new Date(entry.until).toISOString() } : {}), why: reasonOf(link, entry, now) };
  });
  const choice = chooseProfile({ name, profile, health, now, find: (n) => findProfile(config, n) }, { noFallback: ctx.env.CCENV_NO_FALLBACK === '1' });
  const launches = 'allBad' in choice ? null : choice.launch;
  return { chain, ...(launches !== name ? { launches } : {}) };
}

/** `ccenv --version`: ccenv's version, and the claude a launch here would run. */
export async function versionReport(ctx: Context): Promise<void> {
  ctx.io.out(`ccenv ${VERSION}\n`);
  const { claudeVersion, findClaude } = await import('../claude/binary.js');
  let fromProfile: { name: string; claude?: string | undefined } | undefined;
  try {
    const config = await readConfig(ctx.env);
    const { name, profile } = await resolveProfile(ctx.env, ctx.cwd, config);
    fromProfile = { name, claude: profile.claude };
  } catch {
    // no profile resolves here: the claude on PATH is the one to name
  }
  try {
    const path = findClaude(ctx.env, ctx.cwd, fromProfile).path;
    ctx.io.out(`claude ${forTerminal((await claudeVersion(path)) ?? '(version unknown)')} at ${forTerminal(path)}\n`);
  } catch (error) {
    ctx.io.out('claude not found\n');
    if (error instanceof CcenvError && error.hint) ctx.io.err(`ccenv: ${error.hint}\n`);
  }
}
