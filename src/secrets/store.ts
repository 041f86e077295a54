import { CcenvError } from '../errors.js';
import type { BackendName } from '../profiles/store.js';
import type { Profile } from '../profiles/types.js';

/**
 * Where profile secrets live. One secret per profile, stored under the profile's name.
 * Implementations: keychain.ts (the OS keychain), file.ts (an encrypted file), memory.ts (tests).
 */
export interface SecretStore {
  readonly backend: BackendName;
  /** What the user would call it: "Secret Service (GNOME Keyring, KWallet...)". */
  readonly description: string;
  /** The secret, or undefined when there is none. Throws CcenvError when the store cannot be read. */
  get(name: string): Promise<string | undefined>;
  set(name: string, secret: string): Promise<void>;
  /** True when something was removed. */
  remove(name: string): Promise<boolean>;
  /** The names that have a secret in this store, for finding secrets no profile holds. */
  names(): Promise<string[]>;
}

/** The service name secrets are stored under in the OS keychain. */
export const KEYCHAIN_SERVICE = 'ccenv';

/** Said beside the file backend as a way out: no command moves the secrets already stored. */
export const KEYCHAIN_KEEPS = 'secrets already in the keychain stay there';

/** What the user can do when the chosen backend is out of reach. */
export const BACKEND_WAY_OUT = `unlock your keychain, or, for new secrets, the encrypted file backend: export CCENV_BACKEND=file (${KEYCHAIN_KEEPS}; see \`ccenv --help\`)`;

/**
 * For a profile whose secret the store in use does not have: when the profile records that
 * its secret went to another backend, an error that says where it is and how to use it.
 */
export function secretElsewhere(name: string, profile: Profile, store: Pick<SecretStore, 'backend'>): CcenvError | undefined {
  const recorded = profile.secretBackend;
  if (!recorded || recorded === store.backend) return undefined;
  return new CcenvError(`the secret of ${name} is in the ${recorded} backend, not in the ${store.backend} backend in use`, {
    hint: `use that backend: export CCENV_BACKEND=${recorded}; or store the secret here: printf %s "$SECRET" | ccenv edit ${name} --secret-stdin`,
  });
}
