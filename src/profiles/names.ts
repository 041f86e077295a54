import { usageError } from '../errors.js';

/** Letters, digits, '.', '_', '-'; at most 64; starting with a letter or digit. */
export const PROFILE_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Names with a meaning of their own. */
export const BUILTIN_PROFILE = 'subscription';

export function isValidProfileName(name: string): boolean {
  return PROFILE_NAME_RE.test(name);
}

/** Shows a name inside a message without letting it break the line or the terminal. */
export function quoteForMessage(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}...` : value);
}

export function checkProfileName(name: string): string {
  if (!isValidProfileName(name)) {
    throw usageError(
      `invalid profile name ${quoteForMessage(name)}`,
      'use letters, digits, ".", "_" and "-", at most 64, starting with a letter or digit',
    );
  }
  return name;
}
