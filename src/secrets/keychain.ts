import { createRequire } from 'node:module';
import { CcenvError } from '../errors.js';
import { BACKEND_WAY_OUT, KEYCHAIN_KEEPS, KEYCHAIN_SERVICE, type SecretStore } from './store.js';

type KeyringModule = typeof import('@napi-rs/keyring');
type AsyncEntry = InstanceType<KeyringModule['AsyncEntry']>;

/**
 * How long one keychain call may take before ccenv gives up and says why. The keychain
 * library's own D-Bus calls (opening the Secret Service session) give up after 2 s and
 * cannot be shortened; one figure for both, so that "no answer within 2 s" is true.
 */
export const TIMEOUT_MS = 2000;

/** On macOS a call may be waiting for a person: the Keychain asks whether this node may use the item. */
export function keychainTimeoutMs(platform: NodeJS.Platform): number {
  return platform === 'darwin' ? 60_000 : TIMEOUT_MS;
}

/** The way out for new secrets: there is no command that moves the secrets already stored. */
const FILE_BACKEND = `or, for new secrets, the encrypted file backend: export CCENV_BACKEND=file (${KEYCHAIN_KEEPS})`;
const START_BUS =
  'start a session bus for this shell: exec dbus-run-session -- "$SHELL", then a keyring in it: ' +
  'printf %s "$PASSWORD" | gnome-keyring-daemon --unlock --components=secrets';

/** The macOS Keychain's own words (Security framework messages, or their codes) for the user. */
function explainMac(cause: string): { reason: string; hint: string } {
  if (/User interaction is not allowed|-25308\b/i.test(cause)) {
    return {
      reason: 'the login Keychain is locked, and macOS cannot ask you to unlock it here (an SSH session?)',
      hint: `unlock it for this session: security unlock-keychain ~/Library/Keychains/login.keychain-db; ${FILE_BACKEND}`,
    };
  }
  if (/User canceled|-128\b/i.test(cause)) {
    return { reason: "the Keychain asked whether ccenv's node may use the item, and was declined", hint: `run it again and choose Allow; ${FILE_BACKEND}` };
  }
  if (/keychain could not be found|-25294\b|-25307\b/i.test(cause)) {
    return { reason: 'there is no default keychain', hint: `check it with: security default-keychain; ${FILE_BACKEND}` };
  }
  return { reason: `the keychain failed: ${cause.replace(/^(Platform (secure storage )?failure|Couldn't access platform secure storage): /, '')}`, hint: BACKEND_WAY_OUT };
}

/** What the keychain's own words mean for the user, and what to do. */
export function explain(cause: string, busAddress: string | undefined, platform: NodeJS.Platform = 'linux'): { reason: string; hint: string } {
  if (platform === 'darwin') return explainMac(cause);
  if (/unlock prompt was dismissed|IsLocked|is locked/i.test(cause)) {
    return {
      reason: 'the keychain is locked',
      hint: `unlock it (log in to the desktop, or: printf %s "$PASSWORD" | gnome-keyring-daemon --unlock --components=secrets), ${FILE_BACKEND}`,
    };
  }
  if (/autolaunch|DBUS_SESSION_BUS_ADDRESS/i.test(cause) || ((busAddress ?? '') === '' && /DBus error/i.test(cause))) {
    return {
      reason: 'there is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set, as in a plain SSH login), so no Secret Service to ask',
      hint: `${START_BUS}; ${FILE_BACKEND}`,
    };
  }
  if (busAddress?.startsWith('disabled:') || /Could not parse server address|Unknown address type/i.test(cause)) {
    return {
      reason: `DBUS_SESSION_BUS_ADDRESS=${JSON.stringify(busAddress ?? '')} names no session bus one can connect to, so no Secret Service to ask`,
      hint: `${START_BUS}; ${FILE_BACKEND}`,
    };
  }
  if (/Failed to connect to socket|No such file or directory|Connection refused/i.test(cause)) {
    return {
      reason: `the session bus that DBUS_SESSION_BUS_ADDRESS names is gone (a variable left from an earlier login?)`,
      hint: `${START_BUS}; ${FILE_BACKEND}`,
    };
  }
  if (/not provided by any \.service files|ServiceUnknown/i.test(cause)) {
    return {
      reason: 'no Secret Service is running on the session bus (no GNOME Keyring, KWallet or KeePassXC)',
      hint: `start one (gnome-keyring-daemon --start --components=secrets, or KeePassXC with its Secret Service integration), ${FILE_BACKEND}`,
    };
  }
  if (/Did not receive a reply|timed out/i.test(cause)) return explainTimeout(platform);
  return { reason: `the keychain failed: ${cause.replace(/^Platform failure: /, '').replace(/^DBus error: /, 'D-Bus: ')}`, hint: BACKEND_WAY_OUT };
}

export function explainTimeout(platform: NodeJS.Platform): { reason: string; hint: string } {
  if (platform === 'darwin') {
    return {
      reason: `no answer within ${keychainTimeoutMs(platform) / 1000} s (the Keychain may be asking whether node may use the item, in a dialog no one answered)`,
      hint: `run it again and answer the dialog; check the item with: security find-generic-password -s ccenv -a NAME; ${FILE_BACKEND}`,
    };
  }
  return {
    reason: `no answer within ${TIMEOUT_MS / 1000} s (the keyring daemon hangs, or waits on an unlock prompt)`,
    hint: `check it with: secret-tool search service ccenv; restart the keyring daemon, ${FILE_BACKEND}`,
  };
}

/**
 * Gives up on a keychain call after `ms`. The native call cannot be cancelled; the
 * entry point exits at once after an error, so nothing waits for it.
 */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' }));
    }, ms);
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

  constructor(
    private readonly platform: NodeJS.Platform = process.platform,
    private readonly busAddress: string | undefined = process.env.DBUS_SESSION_BUS_ADDRESS,
  ) {
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
    const isTimeout = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
    const { reason, hint } = isTimeout ? explainTimeout(this.platform) : explain(firstLine(cause), this.busAddress, this.platform);
    return new CcenvError(`${what} (${this.description}): ${reason}`, { hint });
  }

  async get(name: string): Promise<string | undefined> {
    const entry = await this.entry(name);
    try {
      const secret = await withTimeout(entry.getPassword(), keychainTimeoutMs(this.platform));
      return secret ?? undefined;
    } catch (error) {
      throw this.failure(`cannot read the secret of profile ${name}`, error);
    }
  }

  async set(name: string, secret: string): Promise<void> {
    const entry = await this.entry(name);
    try {
      await withTimeout(entry.setPassword(secret), keychainTimeoutMs(this.platform));
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
      const found = await withTimeout(this.module.findCredentialsAsync(this.service), keychainTimeoutMs(this.platform));
      return found.map((credential) => credential.account);
    } catch (error) {
      throw this.failure('cannot list the secrets', error);
    }
  }

  async remove(name: string): Promise<boolean> {
    const entry = await this.entry(name);
    try {
      return await withTimeout(entry.deleteCredential(), keychainTimeoutMs(this.platform));
    } catch (error) {
      throw this.failure(`cannot remove the secret of profile ${name}`, error);
    }
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 300);
}
