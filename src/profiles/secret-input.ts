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

/** Prefixes every key of a kind starts with, which say what it is and reveal nothing: sk-ant-api03-, sk-ant-oat01-. */
const PUBLIC_PREFIX = /^sk-ant-(?:[a-z]+\d+-)?/;

/**
 * A short, safe hint of a secret for people: its public prefix, at most its last 4
 * characters (only when at least 16 remain, so never more than a quarter), and its length.
 */
export function maskSecret(secret: string): string {
  const prefix = PUBLIC_PREFIX.exec(secret)?.[0] ?? '';
  const material = secret.slice(prefix.length);
  const tail = material.length >= 16 ? material.slice(-4) : '';
  return `${prefix}…${tail} (${secret.length} chars)`;
}

/**
 * `--reveal` is the consent, wherever standard output goes (as `gh auth token` and
 * `op read`): a terminal, a pipe, or a file a script writes. Not a terminal gets one note.
 */
export function noteRevealed(ctx: Context, name: string, stdoutIsTerminal = Boolean(process.stdout.isTTY)): void {
  if (stdoutIsTerminal) return;
  ctx.io.err(`ccenv: the secret of ${name} went to a pipe or file, outside the keychain: keep it out of logs and repositories\n`);
}

/**
 * The secret for a profile being added or edited: from standard input with --secret-stdin
 * (asked with hidden input when standard input is a terminal), else asked with hidden
 * input on a terminal when the kind requires one. Undefined when
 * the profile takes none or it was optional and not given.
 */
export async function obtainSecret(
  ctx: Context,
  name: string,
  profile: Profile,
  options: { secretStdin?: boolean; required?: boolean },
): Promise<string | undefined> {
  const { need, label } = kindSpec(profile.kind).secret(profile);
  // A source is read at each launch: nothing to ask for, nothing to store.
  if (profile.secretFrom !== undefined || profile.secretCommand !== undefined) {
    if (options.secretStdin) throw usageError(`profile ${name} reads its secret from its source at each launch`, 'drop --secret-stdin, or drop the source: --unset secret-from (or secret-command)');
    return undefined;
  }
  if (options.secretStdin) {
    if (need === 'none') throw usageError(`${withArticle(profile.kind)} profile of this form takes no secret`, 'drop --secret-stdin');
    // Standard input is the keyboard: reading it would wait without a word and echo the secret.
    if (!(ctx.stdin as { isTTY?: boolean }).isTTY) return cleanSecret(await readAll(ctx.stdin), label);
  } else {
    if (need !== 'required' || options.required === false) return undefined;
    if (!ctx.interactive) {
      throw new CcenvError(`profile ${name} needs ${withArticle(label)}`, {
        hint: `pipe it in: printf %s "$SECRET" | ccenv ... --secret-stdin (it is never taken as an argument)`,
        exitCode: 2,
      });
    }
  }
  const { askSecret } = await import('../prompt.js');
  return cleanSecret(await askSecret(`${label} for ${name} (hidden)`), label);
}
