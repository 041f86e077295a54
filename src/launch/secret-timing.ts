/**
 * When a launch reads the profile's secret: before claude starts, or after, while claude
 * starts (spawn.ts then writes it to claude's descriptor, which claude reads about 75 ms
 * into its start-up). After only where the secret travels on a descriptor that claude does
 * not go past when it closes empty, and reading it cannot ask anything on the terminal that
 * claude is about to own.
 */
import { SAFE_WHEN_EMPTY } from '../claude/variables.js';
import type { Env } from '../paths.js';
import { kindSpec } from '../profiles/kinds/index.js';
import type { BackendName } from '../profiles/store.js';
import type { Profile } from '../profiles/types.js';
import type { SecretRoute } from './plan.js';

export type SecretTiming = 'before' | 'after';

export function secretTiming(env: Env, backend: BackendName, profile: Profile, route: SecretRoute): SecretTiming {
  if (route !== 'descriptor') return 'before';
  // Only a descriptor that claude does not go past when it closes empty (a launch killed
  // mid-read closes it so): the others could let claude use another credential.
  const descriptor = kindSpec(profile.kind).launch(profile).secret?.descriptor;
  if (descriptor === undefined || !SAFE_WHEN_EMPTY.has(descriptor)) return 'before';
  // Sources that run a program (op, pass, a command of the user's) may prompt on the terminal.
  if (profile.secretFrom !== undefined || profile.secretCommand !== undefined) return 'before';
  switch (backend) {
    case 'keychain':
    case 'memory':
      return 'after';
    case 'file':
      // Without the passphrase in the environment, the file backend asks for it on the terminal.
      return env.CCENV_FILE_PASSPHRASE ? 'after' : 'before';
  }
}
