import { createRequire } from 'node:module';
import { CcenvError } from '../errors.js';
import { BACKEND_WAY_OUT, KEYCHAIN_SERVICE, type SecretStore } from './store.js';

type KeyringModule = typeof import('@napi-rs/keyring');
type AsyncEntry = InstanceType<KeyringModule['AsyncEntry']>;

/** How long one keychain call may take before ccenv gives up and says why. */
const TIMEOUT_MS = 1000;

/** What the keychain's own words mean for the user. */
function explain(cause: string): string {
  if (/unlock prompt was dismissed|IsLocked|is locked/i.test(cause)) return 'the keychain is locked';
  if (/not provided by any \.service files|autolaunch|ServiceUnknown|Failed to connect|No such file or directory/i.test(cause)) {
    return 'no Secret Service is running (no GNOME Keyring, KWallet or KeePassXC on this session bus)';
  }
  if (/Did not receive a reply|timed out/i.test(cause)) return 'the keychain did not answer';
  return cause;
}

/**
 * Gives up on a keychain call after TIMEOUT_MS. The native call cannot be cancelled; the
 * entry point exits at once after an error, so nothing waits for it.
 */
function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' }));
    }, TIMEOUT_MS);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function platformDescription(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service (GNOME Keyring, KWallet, KeePassXC)';
}

/**
 * The OS keychain through @napi-rs/keyring: macOS Keychain, Windows Credential Manager,
 * Linux Secret Service. On Linux the store is pinned to the Secret Service, so a missing
 * daemon is an error rather than a silent move to the kernel keyring.
 */
export class KeychainSecretStore implements SecretStore {
  readonly backend = 'keychain' as const;
  readonly description: string;
  private readonly service: string;
  private readonly entries = new Map<string, AsyncEntry>();
  private module: KeyringModule | undefined;

  constructor(private readonly platform: NodeJS.Platform = process.platform) {
    this.description = platformDescription(platform);
    this.service = KEYCHAIN_SERVICE;
  }

  private async entry(name: string): Promise<AsyncEntry> {
    let entry = this.entries.get(name);
    if (entry) return entry;
    try {
      // require, not import(): importing this CommonJS addon from ESM costs ~30 ms on every launch.
      this.module ??= createRequire(import.meta.url)('@napi-rs/keyring') as KeyringModule;
    } catch (error) {
      throw this.failure('cannot load the keychain module', error);
    }
    try {
      entry = new this.module.AsyncEntry(this.service, name, { linux: { store: 'secret-service' } });
    } catch (error) {
      throw this.failure('cannot open the keychain', error);
    }
    this.entries.set(name, entry);
    return entry;
  }

  private failure(what: string, error: unknown): CcenvError {
    const cause = error instanceof Error ? error.message : String(error);
    const timedOut = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
    return new CcenvError(
      `${what} (${this.description}): ${timedOut ? `no answer within ${TIMEOUT_MS / 1000} s; is it locked?` : explain(firstLine(cause))}`,
      { hint: BACKEND_WAY_OUT },
    );
  }

  async get(name: string): Promise<string | undefined> {
    const entry = await this.entry(name);
    try {
      const secret = await withTimeout(entry.getPassword());
      return secret ?? undefined;
    } catch (error) {
      throw this.failure(`cannot read the secret of profile ${name}`, error);
    }
  }

  async set(name: string, secret: string): Promise<void> {
    const entry = await this.entry(name);
    try {
      await withTimeout(entry.setPassword(secret));
    } catch (error) {
      throw this.failure(`cannot store the secret of profile ${name}`, error);
    }
  }

  /** The accounts under ccenv's service. The keychain hands back their passwords too; only the names are kept. */
  async names(): Promise<string[]> {
    try {
      this.module ??= createRequire(import.meta.url)('@napi-rs/keyring') as KeyringModule;
    } catch (error) {
      throw this.failure('cannot load the keychain module', error);
    }
    try {
      const found = await withTimeout(this.module.findCredentialsAsync(this.service));
      return found.map((credential) => credential.account);
    } catch (error) {
      throw this.failure('cannot list the secrets', error);
    }
  }

  async remove(name: string): Promise<boolean> {
    const entry = await this.entry(name);
    try {
      return await withTimeout(entry.deleteCredential());
    } catch (error) {
      throw this.failure(`cannot remove the secret of profile ${name}`, error);
    }
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 300);
}
