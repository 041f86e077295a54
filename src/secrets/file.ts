import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CcenvError } from '../errors.js';
import { withFileLock } from '../lock.js';
import { dataDir, type Env } from '../paths.js';
import type { SecretStore } from './store.js';

/**
 * All secrets in one file, mode 0600, for machines with no keychain (servers, containers,
 * WSL). A key is derived by scrypt from a passphrase (CCENV_FILE_PASSPHRASE, or asked on the
 * terminal); from it, by HKDF, one key seals each entry on its own (AES-256-GCM, a nonce per
 * entry, the profile name as associated data so entries cannot be swapped) and another
 * authenticates the whole file (HMAC-SHA256 over the KDF parameters and every sealed entry).
 * So a launch decrypts only the secret of the profile it starts, while a wrong passphrase or
 * an altered file is still caught before anything is read or written.
 *
 * Profile names stay visible in the file: they are no secret (config.json lists them), and
 * doctor can name an entry no profile holds without the passphrase.
 *
 * Version 1 files (one sealed blob of every secret) are still read; the next write turns
 * them into version 2 with the same passphrase, salt and KDF parameters.
 */
interface Kdf {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
}
interface Sealed {
  iv: string;
  tag: string;
  data: string;
}
interface FileV1 extends Sealed {
  format: 'ccenv-secrets';
  version: 1;
  kdf: Kdf;
}
interface FileV2 {
  format: 'ccenv-secrets';
  version: 2;
  kdf: Kdf;
  entries: Record<string, Sealed>;
  mac: string;
}
type SecretsFile = FileV1 | FileV2;

const KDF = { N: 2 ** 15, r: 8, p: 1 } as const;

function scrypt(passphrase: string, salt: Buffer, kdf: Pick<Kdf, 'N' | 'r' | 'p'>): Promise<Buffer> {
  const options: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r };
  return new Promise((resolve, reject) =>
    scryptCallback(passphrase, salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** Parameters a sane file has: a hostile one must not make scrypt eat the machine. */
function saneKdf(kdf: Kdf | undefined): boolean {
  if (kdf?.name !== 'scrypt' || typeof kdf.salt !== 'string') return false;
  const { N, r, p } = kdf;
  return Number.isInteger(Math.log2(N)) && N >= 2 ** 10 && N <= 2 ** 20 && Number.isInteger(r) && r >= 1 && r <= 32 && Number.isInteger(p) && p >= 1 && p <= 16;
}

/** Entries keyed by profile name, with no prototype: a profile may be called `__proto__`. */
function entryMap(from: Record<string, Sealed> = {}): Record<string, Sealed> {
  return Object.assign(Object.create(null) as Record<string, Sealed>, from);
}

function isSealed(value: unknown): value is Sealed {
  const v = value as Sealed;
  return typeof v === 'object' && v !== null && typeof v.iv === 'string' && typeof v.tag === 'string' && typeof v.data === 'string';
}

interface Keys {
  master: Buffer;
  seal: Buffer;
  mac: Buffer;
}

function subkeys(master: Buffer): Keys {
  const sub = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return { master, seal: sub('ccenv-secrets entry'), mac: sub('ccenv-secrets mac') };
}

/** The MAC of a version 2 file: its KDF parameters and every entry, names in order. */
function macOf(keys: Keys, kdf: Kdf, entries: Record<string, Sealed>): string {
  const names = Object.keys(entries).sort();
  const body = JSON.stringify([kdf.N, kdf.r, kdf.p, kdf.salt, names.map((n) => [n, entries[n]!.iv, entries[n]!.tag, entries[n]!.data])]);
  return createHmac('sha256', keys.mac).update(body).digest('base64');
}

function seal(key: Buffer, plain: string, aad?: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

export function secretsFilePath(env: Env): string {
  return env.CCENV_SECRETS_FILE || join(dataDir(env), 'secrets.enc');
}

export interface FileStoreOptions {
  /** Called each time an entry is decrypted (`*` for a whole version 1 file): for tests. */
  onUnseal?: (name: string) => void;
}

export class FileSecretStore implements SecretStore {
  readonly backend = 'file' as const;
  readonly description: string;
  readonly path: string;
  /**
   * Derived keys by salt and parameters, kept from the first ask: scrypt is slow on purpose,
   * and reads at the same time (check, several profiles) ask for the passphrase once.
   */
  private readonly keys = new Map<string, Promise<Keys>>();

  constructor(
    private readonly env: Env,
    private readonly askPassphrase: (confirmNew: boolean) => Promise<string>,
    private readonly options: FileStoreOptions = {},
  ) {
    this.path = secretsFilePath(env);
    this.description = `encrypted file ${this.path}`;
  }

  private async passphrase(confirmNew: boolean): Promise<string> {
    const given = this.env.CCENV_FILE_PASSPHRASE;
    const passphrase = given !== undefined && given !== '' ? given : await this.askPassphrase(confirmNew);
    if (passphrase.length < 8) {
      throw new CcenvError('the file backend passphrase must be at least 8 characters', {
        hint: 'set CCENV_FILE_PASSPHRASE, or type a longer one',
      });
    }
    return passphrase;
  }

  private damaged(): CcenvError {
    return new CcenvError(`${this.path} is not a ccenv secrets file, or it is damaged`, {
      hint: 'ccenv leaves it as it is; restore it from a backup, or move it away to start a new one',
    });
  }

  private wrong(): CcenvError {
    return new CcenvError(`wrong passphrase for ${this.path} (or the file was altered)`, {
      hint: 'check CCENV_FILE_PASSPHRASE; the file was not changed',
    });
  }

  private read(): SecretsFile | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new CcenvError(`cannot read ${this.path}: ${(error as Error).message}`);
    }
    let file: SecretsFile;
    try {
      file = JSON.parse(text) as SecretsFile;
    } catch {
      throw this.damaged();
    }
    if (file?.format !== 'ccenv-secrets' || !saneKdf(file.kdf)) throw this.damaged();
    if (file.version === 1 && isSealed(file)) return file;
    if (file.version === 2 && typeof file.mac === 'string' && typeof file.entries === 'object' && file.entries !== null && Object.values(file.entries).every(isSealed)) {
      return file;
    }
    throw this.damaged();
  }

  private derive(kdf: Kdf, isNew: boolean): Promise<Keys> {
    const id = `${kdf.salt}/${kdf.N}/${kdf.r}/${kdf.p}`;
    let keys = this.keys.get(id);
    if (!keys) {
      keys = (async () => subkeys(await scrypt(await this.passphrase(isNew), Buffer.from(kdf.salt, 'base64'), kdf)))();
      this.keys.set(id, keys);
      // A passphrase refused (too short) may be asked for again.
      keys.catch(() => this.keys.delete(id));
    }
    return keys;
  }

  private unseal(key: Buffer, sealed: Sealed, name: string, aad?: string): string {
    this.options.onUnseal?.(name);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
      if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw this.wrong();
    }
  }

  /** The keys of a version 2 file, after its MAC proved the passphrase and the file. Decrypts nothing. */
  private async verified(file: FileV2): Promise<Keys> {
    const keys = await this.derive(file.kdf, false);
    const expected = Buffer.from(macOf(keys, file.kdf, file.entries), 'base64');
    const given = Buffer.from(file.mac, 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw this.wrong();
    return keys;
  }

  /** Every secret of a version 1 file: the old format cannot open one alone. */
  private async openV1(file: FileV1): Promise<{ keys: Keys; secrets: Record<string, string> }> {
    const keys = await this.derive(file.kdf, false);
    const plain = this.unseal(keys.master, file, '*');
    const secrets = JSON.parse(plain) as Record<string, string>;
    if (typeof secrets !== 'object' || secrets === null || !Object.values(secrets).every((v) => typeof v === 'string')) throw this.damaged();
    return { keys, secrets };
  }

  /** Reads, changes and writes the file under a lock, so concurrent ccenv processes lose nothing. */
  private async change(mutate: (entries: Record<string, Sealed>, keys: Keys) => boolean): Promise<boolean> {
    return withFileLock(this.path, async () => {
      const file = this.read();
      let kdf: Kdf;
      let keys: Keys;
      let entries: Record<string, Sealed>;
      let migrated = false;
      if (!file) {
        kdf = { name: 'scrypt', ...KDF, salt: randomBytes(16).toString('base64') };
        keys = await this.derive(kdf, true);
        entries = entryMap();
      } else if (file.version === 1) {
        // The parameters the key was made with, not today's defaults: else the file no longer opens.
        kdf = file.kdf;
        const opened = await this.openV1(file);
        keys = opened.keys;
        entries = entryMap(Object.fromEntries(Object.entries(opened.secrets).map(([name, secret]) => [name, seal(keys.seal, secret, name)])));
        migrated = true;
      } else {
        kdf = file.kdf;
        keys = await this.verified(file);
        entries = entryMap(file.entries);
      }
      const changed = mutate(entries, keys);
      if (changed || migrated) await this.write({ format: 'ccenv-secrets', version: 2, kdf, entries, mac: macOf(keys, kdf, entries) });
      return changed;
    });
  }

  private async write(file: FileV2): Promise<void> {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const { default: writeFileAtomic } = await import('write-file-atomic');
    await writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  }

  /** Decrypts this one entry and no other. */
  async get(name: string): Promise<string | undefined> {
    const file = this.read();
    if (!file) return undefined;
    if (file.version === 1) {
      const { secrets } = await this.openV1(file);
      return Object.hasOwn(secrets, name) ? secrets[name] : undefined;
    }
    const keys = await this.verified(file);
    if (!Object.hasOwn(file.entries, name)) return undefined;
    return this.unseal(keys.seal, file.entries[name]!, name, name);
  }

  async set(name: string, secret: string): Promise<void> {
    await this.change((entries, keys) => {
      entries[name] = seal(keys.seal, secret, name);
      return true;
    });
  }

  async remove(name: string): Promise<boolean> {
    if (!this.read()) return false;
    return this.change((entries) => {
      if (!Object.hasOwn(entries, name)) return false;
      delete entries[name];
      return true;
    });
  }

  /** The names that have a secret, read without the passphrase (names are not sealed). */
  async names(): Promise<string[]> {
    const file = this.read();
    if (!file) return [];
    if (file.version === 2) return Object.keys(file.entries);
    return Object.keys((await this.openV1(file)).secrets);
  }
}
