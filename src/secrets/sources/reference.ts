/**
 * How a secret source is spelled for people and which program it runs. Its syntax lives with
 * the profile's fields: src/profiles/secret-source.ts.
 */
import { secretSourceOf, type SecretSource } from '../../profiles/secret-source.js';
import type { Profile } from '../../profiles/types.js';
import { shellWord } from '../../shells/sh-word.js';

export { hasSecretSource, secretSourceOf, type SecretSource } from '../../profiles/secret-source.js';

/** The source as the user wrote it: `op://V/I/F`, `pass:PATH`, `env:VAR`, `command: PROG ARGS`. */
export function sourceSpelling(source: SecretSource): string {
  switch (source.type) {
    case 'op':
      return source.reference;
    case 'pass':
      return `pass:${source.path}`;
    case 'env':
      return `env:${source.variable}`;
    case 'command':
      return `command: ${source.argv.map(shellWord).join(' ')}`;
  }
}

/** The program a source runs (op, pass, or the command's own), or undefined for `env:`. */
export function sourceArgv(source: SecretSource): readonly string[] | undefined {
  switch (source.type) {
    case 'op':
      return ['op', 'read', '--no-newline', source.reference];
    case 'pass':
      return ['pass', 'show', source.path];
    case 'env':
      return undefined;
    case 'command':
      return source.argv;
  }
}

/** A profile's source as `status`, `show`, `list` and `doctor` name it; undefined without one. */
export function sourceName(profile: Pick<Profile, 'secretFrom' | 'secretCommand'>): string | undefined {
  if (profile.secretFrom === undefined && profile.secretCommand === undefined) return undefined;
  const source = secretSourceOf(profile);
  return source ? sourceSpelling(source) : `${profile.secretFrom} (not a valid source)`;
}
