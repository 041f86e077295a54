import { readAll, type Context } from '../context.js';
import { CcenvError, usageError } from '../errors.js';
import { kindSpec } from './kinds/index.js';
import type { Profile } from './types.js';

/** Takes the one trailing newline that `echo` adds, and refuses what cannot be a secret. */
export function cleanSecret(raw: string, label: string): string {
  const secret = raw.replace(/\r?\n$/, '');
  if (secret.trim() === '') throw usageError(`the ${label} is empty`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(secret)) {
    throw usageError(`the ${label} contains a newline or another control character`, 'give exactly one line');
  }
  if (secret.length > 16_384) throw usageError(`the ${label} is longer than 16 KiB`);
  return secret;
}

/** "an API key", "a gateway auth token": labels start with a word or an acronym said letter by letter. */
export function withArticle(label: string): string {
  return `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`;
}

/** A short, safe hint of a secret for people: its first few characters and its length. */
export function maskSecret(secret: string): string {
  const shown = Math.min(8, Math.floor(secret.length / 5));
  return `${secret.slice(0, shown)}… (${secret.length} chars)`;
}

/**
 * The secret for a profile being added or edited: from standard input with --secret-stdin,
 * else asked with hidden input on a terminal when the kind requires one. Undefined when
 * the profile takes none or it was optional and not given.
 */
export async function obtainSecret(
  ctx: Context,
  name: string,
  profile: Profile,
  options: { secretStdin?: boolean; required?: boolean },
): Promise<string | undefined> {
  const { need, label } = kindSpec(profile.kind).secret(profile);
  if (options.secretStdin) {
    if (need === 'none') throw usageError(`${withArticle(profile.kind)} profile of this form takes no secret`, 'drop --secret-stdin');
    return cleanSecret(await readAll(ctx.stdin), label);
  }
  if (need !== 'required' || options.required === false) return undefined;
  if (!ctx.interactive) {
    throw new CcenvError(`profile ${name} needs ${withArticle(label)}`, {
      hint: `pipe it in: printf %s "$SECRET" | ccenv ... --secret-stdin (it is never taken as an argument)`,
      exitCode: 2,
    });
  }
  const { askSecret } = await import('../prompt.js');
  return cleanSecret(await askSecret(`${label} for ${name} (hidden)`), label);
}
