/**
 * What importing definitions would change, for the user to read before saying yes: each
 * profile added, changed (field by field) or already the same, and, loudly, every base URL
 * that is not the provider's own, since a key sent there leaves the company, every program a
 * launch would run, and every proxy or TLS variable of `env` (./env-risks.ts).
 */
import { CcenvError } from '../errors.js';
import { isProviderOwnUrl } from '../claude/endpoints.js';
import type { ParsedDefinitions } from './definitions.js';
import { definitionOf } from './definitions.js';
import { envRisk } from './env-risks.js';
import { secretSourceOf } from './secret-source.js';
import type { ConfigData } from './store.js';
import { kindSpec } from './kinds/index.js';
import type { Profile } from './types.js';

export interface ImportChange {
  name: string;
  action: 'add' | 'update' | 'same';
  /** The profile as it will be stored (the existing secret-store state kept). */
  profile: Profile;
  /** For an update: each field that changes, as `field: old -> new`. */
  fields: string[];
  /** A base URL that is not the provider's own, when this import sets it. */
  foreignUrl?: string;
  /** Programs this import makes a launch run (a secret command, a claude binary), when it sets them. */
  programs?: string[];
  /** `env` entries this import sets that send traffic through a proxy or change TLS checking, with why that matters. */
  riskyEnv?: { variable: string; value: string; reason: string }[];
}

function shown(value: unknown): string {
  return value === undefined ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The changes an import makes to `config`. A profile that exists with another kind is
 * refused (an import never turns one kind of credential into another), naming the file's line;
 * so is a profile whose `env` this import gives a variable that loads code at each launch
 * (LD_PRELOAD, NODE_OPTIONS, ...): the user sets such a variable with --env, never a shared file.
 */
export function planImport(config: ConfigData, parsed: ParsedDefinitions): ImportChange[] {
  return parsed.profiles.map(({ name, profile, at, kindAt }) => {
    const current = config.profiles[name];
    if (current && current.kind !== profile.kind) {
      throw new CcenvError(`${kindAt}: profile ${name} is ${current.kind} here, and the file makes it ${profile.kind}`, {
        hint: `an import never changes a profile's kind: rename yours first (ccenv rename ${name} OTHER), or remove it; nothing was imported`,
      });
    }
    const kept: Partial<Profile> = current ? { ...(current.hasSecret ? { hasSecret: true } : {}), ...(current.secretBackend ? { secretBackend: current.secretBackend } : {}), ...(current.secretSetAt ? { secretSetAt: current.secretSetAt } : {}) } : {};
    const next: Profile = { ...profile, ...kept };
    const before = current ? definitionOf(current) : undefined;
    const fields: string[] = [];
    if (before) {
      const keys = new Set([...Object.keys(before), ...Object.keys(profile)]);
      for (const key of [...keys].sort()) {
        const a = (before as unknown as Record<string, unknown>)[key];
        const b = (profile as unknown as Record<string, unknown>)[key];
        if (JSON.stringify(a) !== JSON.stringify(b)) fields.push(`${key}: ${shown(a)} -> ${shown(b)}`);
      }
    }
    const riskyEnv: NonNullable<ImportChange['riskyEnv']> = [];
    const loaders: string[] = [];
    for (const [variable, value] of Object.entries(profile.env ?? {})) {
      if (before?.env?.[variable] === value) continue;
      const risk = envRisk(variable);
      if (risk?.risk === 'loader') loaders.push(`${variable} (${risk.reason})`);
      else if (risk) riskyEnv.push({ variable, value, reason: risk.reason });
    }
    if (loaders.length > 0) {
      const first = loaders[0]!.slice(0, loaders[0]!.indexOf(' '));
      throw new CcenvError(`${at}: profile ${name} sets ${loaders.join(', ')}: an import never sets a variable that makes each launch load code`, {
        hint: `remove it from the file; if you trust the code it loads, set it yourself: ccenv edit ${name} --env ${first}=...; nothing was imported`,
      });
    }
    const programs: string[] = [];
    if (profile.secretCommand && JSON.stringify(profile.secretCommand) !== JSON.stringify(before?.secretCommand)) programs.push(profile.secretCommand.join(' '));
    if (profile.claude && profile.claude !== before?.claude) programs.push(profile.claude);
    const foreign = profile.baseUrl !== undefined && profile.baseUrl !== before?.baseUrl && !isProviderOwnUrl(profile.kind, profile.baseUrl);
    return {
      name,
      action: !before ? 'add' : fields.length === 0 ? 'same' : 'update',
      profile: next,
      fields,
      ...(foreign ? { foreignUrl: profile.baseUrl! } : {}),
      ...(programs.length > 0 ? { programs } : {}),
      ...(riskyEnv.length > 0 ? { riskyEnv } : {}),
    };
  });
}

/** Where the new profile's secret comes from, in a few words; none when it takes no secret. */
function secretWords(profile: Profile): string[] {
  if (secretSourceOf(profile)) return [`secret read at each launch from ${profile.secretFrom ?? `the command ${profile.secretCommand!.join(' ')}`}`];
  return kindSpec(profile.kind).secret(profile).need === 'required' ? ["secret: asked for next, kept in ccenv's secret store"] : [];
}

/** The review, one block per profile, for stderr. */
export function describeImport(changes: readonly ImportChange[]): string {
  const lines: string[] = [];
  for (const c of changes) {
    if (c.action === 'same') lines.push(`  = ${c.name} (${c.profile.kind}): unchanged`);
    else if (c.action === 'add') {
      const fields = Object.entries(definitionOf(c.profile)).filter(([k]) => !['kind', 'secretFrom', 'secretCommand'].includes(k)).map(([k, v]) => `${k} ${shown(v)}`);
      lines.push(`  + ${c.name} (${c.profile.kind})${[...fields, ...secretWords(c.profile)].length > 0 ? `: ${[...fields, ...secretWords(c.profile)].join(', ')}` : ''}`);
    } else {
      lines.push(`  ~ ${c.name} (${c.profile.kind}):`);
      for (const f of c.fields) lines.push(`      ${f}`);
    }
    if (c.foreignUrl) {
      lines.push(`  !! WARNING: ${c.name} sends its ${c.profile.kind === 'gateway' ? 'token' : 'key'} to ${c.foreignUrl}, which is not ${c.profile.kind === 'gateway' ? 'an Anthropic or cloud provider API' : `the ${c.profile.kind} provider's own API`}:`);
      lines.push(`  !!   a key sent there leaves your company. Import only if you trust that host.`);
    }
    for (const e of c.riskyEnv ?? []) {
      lines.push(`  !! WARNING: ${c.name} sets ${e.variable}=${e.value}: ${e.reason}.`);
      lines.push(`  !!   Import only if you trust it (a company proxy or CA is; one from a repository you do not know is not).`);
    }
    for (const program of c.programs ?? []) lines.push(`  !! WARNING: each launch of ${c.name} runs ${program}: import only if you trust what it runs.`);
  }
  return `${lines.join('\n')}\n`;
}
