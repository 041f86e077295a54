/**
 * The syntax of a profile's secret source (`secretFrom`: `op://VAULT/ITEM/FIELD`, `pass:PATH`,
 * `env:VAR`; `secretCommand`: argv, no shell): parsed and checked here, with the profile's
 * other fields; src/secrets/sources/ reads them. A source names where a secret is, never the secret.
 */
import type { Profile } from './types.js';

export type SecretSource =
  | { type: 'op'; reference: string }
  | { type: 'pass'; path: string }
  | { type: 'env'; variable: string }
  | { type: 'command'; argv: readonly string[] };

const OP_RE = /^op:\/\/[^/\s]+\/[^/\s]+(\/[^/\s]+){1,2}(\?[^\s]*)?$/;
const VARIABLE_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

/** Parses `secretFrom`; undefined when it is not one of the three forms (see secretFromProblem). */
export function parseSecretFrom(value: string): SecretSource | undefined {
  if (value.startsWith('op://')) return OP_RE.test(value) ? { type: 'op', reference: value } : undefined;
  if (value.startsWith('pass:')) {
    const path = value.slice('pass:'.length);
    return path !== '' && !path.startsWith('-') && !CONTROL_RE.test(path) && !path.split('/').includes('..') ? { type: 'pass', path } : undefined;
  }
  if (value.startsWith('env:')) {
    const variable = value.slice('env:'.length);
    return VARIABLE_RE.test(variable) ? { type: 'env', variable } : undefined;
  }
  return undefined;
}

/** What is wrong with a `--secret-from` value, or undefined. */
export function secretFromProblem(value: string): string | undefined {
  if (parseSecretFrom(value)) return undefined;
  if (value.startsWith('op://')) return `'${value}' is not a 1Password reference: op://VAULT/ITEM/FIELD`;
  if (value.startsWith('pass:')) return `'${value}' is not a pass entry: pass:PATH (like pass:work/anthropic)`;
  if (value.startsWith('env:')) return `'${value}' does not name a variable: env:VAR (like env:ANTHROPIC_API_KEY)`;
  return `'${value}' is not a source: op://VAULT/ITEM/FIELD, pass:PATH or env:VAR (any other program: --secret-command -- PROG ARGS)`;
}

/** What is wrong with a `--secret-command` argv, or undefined. */
export function secretCommandProblem(argv: readonly string[]): string | undefined {
  if (argv.length === 0 || argv[0] === '') return 'give the program after --: --secret-command -- PROG ARGS...';
  if (argv.some((word) => CONTROL_RE.test(word))) return 'control characters (newlines, tabs, ...) are not allowed in its words';
  return undefined;
}

/** The profile's source, or undefined when its secret (if any) is in the secret store. */
export function secretSourceOf(profile: Pick<Profile, 'secretFrom' | 'secretCommand'>): SecretSource | undefined {
  if (profile.secretCommand !== undefined) return { type: 'command', argv: profile.secretCommand };
  if (profile.secretFrom !== undefined) return parseSecretFrom(profile.secretFrom);
  return undefined;
}

/** Whether the profile names a source (even a malformed one): its secret is not in the store. */
export function hasSecretSource(profile: Pick<Profile, 'secretFrom' | 'secretCommand'>): boolean {
  return profile.secretFrom !== undefined || profile.secretCommand !== undefined;
}
