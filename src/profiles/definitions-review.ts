/**
 * What importing definitions would change, for the user to read before saying yes: each
 * profile added, changed (field by field) or already the same, and, loudly, every base URL
 * that is not the provider's own, since a key sent there leaves the company.
 */
import { CcenvError } from '../errors.js';
import { isProviderOwnUrl } from '../claude/endpoints.js';
import type { ParsedDefinitions } from './definitions.js';
import { definitionOf } from './definitions.js';
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
}

function shown(value: unknown): string {
  return value === undefined ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The changes an import makes to `config`. A profile that exists with another kind is
 * refused (an import never turns one kind of credential into another), naming the file's line.
 */
export function planImport(config: ConfigData, parsed: ParsedDefinitions): ImportChange[] {
  return parsed.profiles.map(({ name, profile, kindAt }) => {
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
    for (const program of c.programs ?? []) lines.push(`  !! WARNING: each launch of ${c.name} runs ${program}: import only if you trust what it runs.`);
  }
  return `${lines.join('\n')}\n`;
}
