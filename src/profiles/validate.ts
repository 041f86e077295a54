import { usageError } from '../errors.js';
import { isCredentialVariable } from '../claude/variables.js';
import { COMMON_FIELDS, fieldSpec, flagOf } from './fields.js';
import { kindSpec } from './kinds/index.js';
import { withArticle } from './secret-input.js';
import { secretCommandProblem } from './secret-source.js';
import type { Profile, ProfileField, ProfileKind } from './types.js';
import { optionForVariable } from './variable-options.js';

const ENV_KEY_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Every problem with a profile, as sentences naming the flag that fixes each. Empty means usable. */
export function profileProblems(profile: Profile): string[] {
  return [...fieldProblems(profile, profile.kind), ...kindSpec(profile.kind).problems(profile), ...sourceProblems(profile)];
}

/** A secret source: one at most, and only where the profile takes a secret. */
function sourceProblems(profile: Profile): string[] {
  if (profile.secretFrom === undefined && profile.secretCommand === undefined) return [];
  if (profile.secretFrom !== undefined && profile.secretCommand !== undefined) return ['choose one source: --secret-from or --secret-command, not both'];
  const flag = profile.secretFrom !== undefined ? '--secret-from' : '--secret-command';
  return kindSpec(profile.kind).secret(profile).need === 'none' ? [`${flag} does not apply: this ${profile.kind} profile takes no secret`] : [];
}

/**
 * Problems with the fields given, each on its own (none is required here), and fields that
 * do not apply to `kind` when it is known: what can be said before asking for the rest.
 */
export function fieldProblems(fields: Partial<Profile>, kind?: ProfileKind): string[] {
  const allowed = kind === undefined ? undefined : new Set<ProfileField>([...COMMON_FIELDS, ...kindSpec(kind).fields]);
  const problems: string[] = [];
  for (const [key, value] of Object.entries(fields) as [keyof Profile, unknown][]) {
    // fallback: names of other profiles, checked where the chain is saved.
    if (key === 'kind' || key === 'hasSecret' || key === 'secretBackend' || key === 'secretSetAt' || key === 'fallback' || value === undefined) continue;
    if (allowed && !allowed.has(key)) {
      problems.push(`${flagOf(key)} does not apply to ${withArticle(kind!)} profile`);
      continue;
    }
    if (key === 'env') {
      problems.push(...envProblems(value as Record<string, string>, kind));
      continue;
    }
    if (typeof value === 'boolean') continue;
    if (key === 'secretCommand') {
      const problem = Array.isArray(value) ? secretCommandProblem(value as string[]) : 'must be a list of words';
      if (problem) problems.push(`--secret-command: ${problem}`);
      continue;
    }
    for (const one of Array.isArray(value) ? value : [value]) {
      const problem = fieldSpec(key).check?.(String(one));
      if (problem) problems.push(`${flagOf(key)}: ${problem}`);
    }
  }
  return problems;
}

function envProblems(env: Record<string, string>, kind: ProfileKind | undefined): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    if (!ENV_KEY_RE.test(key)) out.push(`--env: '${key}' is not a variable name`);
    else if (isCredentialVariable(key)) {
      out.push(`--env ${key} is refused, as it chooses Claude Code's provider or credential: ${optionForVariable(kind, key)}`);
    } else if (/[\u0000\n\r]/.test(value)) out.push(`--env: the value of ${key} has a newline or NUL byte`);
  }
  return out;
}

/** Parses repeated `--env KEY=VALUE` words. */
export function parseEnvAssignments(words: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq <= 0) throw usageError(`--env takes KEY=VALUE, got '${word}'`);
    env[word.slice(0, eq)] = word.slice(eq + 1);
  }
  return env;
}
