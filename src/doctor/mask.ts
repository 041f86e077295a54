import { maskSecret } from '../profiles/secret-input.js';

/** Variables whose value is a secret by their name: keys, tokens, passwords, headers. */
const SECRET_NAME_RE = /KEY|TOKEN|SECRET|PASSWORD|HEADERS|CREDENTIAL/;

export function isSecretName(name: string): boolean {
  return SECRET_NAME_RE.test(name) && !/_FILE_DESCRIPTOR$|_TTL_MS$|_KEY_ID$/.test(name);
}

/** A variable's value as doctor may show it: masked when it can be a secret, shortened always. */
export function showValue(name: string, value: string): string {
  if (isSecretName(name)) return value === '' ? '(empty)' : maskSecret(value);
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}
