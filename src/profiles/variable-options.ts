/**
 * Which ccenv option sets a variable that `--env` refuses: found by asking each kind what
 * its launch sets, so a new kind or field needs no table here.
 */
import { COMMON_FIELDS, flagOf } from './fields.js';
import { KINDS } from './kinds/index.js';
import { PROFILE_KINDS, type Profile, type ProfileField, type ProfileKind } from './types.js';

const PROBE = 'ccenv-probe-value';
const NOT_PROBED: ReadonlySet<ProfileField> = new Set(['env', 'description', 'claude', 'bearer']);

/** The option of `kind` that sets `variable`, or undefined. */
function optionOfKind(kind: ProfileKind, variable: string): string | undefined {
  const spec = KINDS[kind];
  const base: Profile = { kind, hasSecret: true };
  const { secret, set } = spec.launch(base);
  if (secret && (secret.variable === variable || secret.descriptor === variable || Object.hasOwn(secret.withDescriptor ?? {}, variable))) {
    return '--secret-stdin';
  }
  for (const field of [...COMMON_FIELDS, ...spec.fields]) {
    if (NOT_PROBED.has(field)) continue;
    const probed = spec.launch({ ...base, [field]: PROBE }).set;
    if (probed[variable] === PROBE && set[variable] !== PROBE) return flagOf(field);
  }
  if (Object.hasOwn(set, variable)) return `--kind ${kind}`;
  return undefined;
}

/** What to write instead of `--env VARIABLE=...` in a profile of `kind`: "use --base-url", "use --kind vertex". */
export function optionForVariable(kind: ProfileKind | undefined, variable: string): string {
  if (variable === 'ANTHROPIC_MODEL') return 'use --model';
  if (/MODEL/.test(variable)) return 'ccenv sets only ANTHROPIC_MODEL: use --model';
  const own = kind === undefined ? undefined : optionOfKind(kind, variable);
  if (own) return `use ${own}`;
  for (const other of PROFILE_KINDS) {
    if (other === kind) continue;
    const option = optionOfKind(other, variable);
    if (option) return option.startsWith('--kind') ? `use ${option}` : `use --kind ${other} with ${option}`;
  }
  return 'no profile option sets it, and a launch removes it';
}
