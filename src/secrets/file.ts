import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCallback, type ScryptOptions } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CcenvError } from '../errors.js';
import { withFileLock } from '../lock.js';
import { dataDir, type Env } from '../paths.js';
import type { SecretStore } from './store.js';

/**
 * All secrets in one file, mode 0600, encrypted with AES-256-GCM under a key derived by
 * scrypt from a passphrase (CCENV_FILE_PASSPHRASE, or asked on the terminal). For machines
 * with no keychain: servers, containers, WSL. A wrong passphrase fails the GCM check and
 * leaves the file as it was.
 */
interface SealedFile {
  format: 'ccenv-secrets';
  version: 1;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  iv: string;
  tag: string;
  data: string;
}

const KDF = { N: 2 ** 15, r: 8, p: 1 } as const;
type KdfParams = { N: number; r: number; p: number };

/** The decrypted file, with the key and the KDF parameters that key was made with. */
interface Opened {
  secrets: Record<string, string>;
  key: Buffer;
  salt: Buffer;
  params: KdfParams;
}

function scrypt(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scryptCallback(passphrase, salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export function secretsFilePath(env: Env): string {
  return env.CCENV_SECRETS_FILE || join(dataDir(env), 'secrets.enc');
}

export class FileSecretStore implements SecretStore {
  readonly backend = 'file' as const;
  readonly description: string;
  readonly path: string;
  private cache: Opened | undefined;
  /** Derived keys by salt: scrypt is slow on purpose, and the passphrase is asked once. */
  private readonly keys = new Map<string, Buffer>();

  constructor(
    private readonly env: Env,
    private readonly askPassphrase: (confirmNew: boolean) => Promise<string>,
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

  private readSealed(): SealedFile | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new CcenvError(`cannot read ${this.path}: ${(error as Error).message}`);
    }
    try {
      const sealed = JSON.parse(text) as SealedFile;
      if (sealed.format !== 'ccenv-secrets' || sealed.version !== 1 || sealed.kdf?.name !== 'scrypt') throw new Error('format');
      return sealed;
    } catch {
      throw new CcenvError(`${this.path} is not a ccenv secrets file, or it is damaged`, {
        hint: 'ccenv leaves it as it is; restore it from a backup, or move it away to start a new one',
      });
    }
  }

  private async derive(salt: Buffer, params: { N: number; r: number; p: number }, isNew: boolean): Promise<Buffer> {
    const id = `${salt.toString('base64')}/${params.N}/${params.r}/${params.p}`;
    let key = this.keys.get(id);
    if (!key) {
      key = await scrypt(await this.passphrase(isNew), salt, params);
      this.keys.set(id, key);
    }
    return key;
  }

  /** Decrypts everything once per process. */
  private async open(): Promise<Opened> {
    if (this.cache) return this.cache;
    const sealed = this.readSealed();
    if (!sealed) {
      const salt = randomBytes(16);
      const key = await this.derive(salt, KDF, true);
      this.cache = { secrets: {}, key, salt, params: { ...KDF } };
      return this.cache;
    }
    const salt = Buffer.from(sealed.kdf.salt, 'base64');
    const key = await this.derive(salt, sealed.kdf, false);
    let plain: string;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new CcenvError(`wrong passphrase for ${this.path} (or the file was altered)`, {
        hint: 'check CCENV_FILE_PASSPHRASE; the file was not changed',
      });
    }
    const { N, r, p } = sealed.kdf;
    this.cache = { secrets: JSON.parse(plain) as Record<string, string>, key, salt, params: { N, r, p } };
    return this.cache;
  }

  private async save(secrets: Record<string, string>): Promise<void> {
    // The parameters the key was made with, not today's defaults: else the file no longer opens.
    const { key, salt, params } = await this.open();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    const sealed: SealedFile = {
      format: 'ccenv-secrets',
      version: 1,
      kdf: { name: 'scrypt', ...params, salt: salt.toString('base64') },
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const { default: writeFileAtomic } = await import('write-file-atomic');
    await writeFileAtomic(this.path, `${JSON.stringify(sealed, null, 2)}\n`, { mode: 0o600 });
    this.cache = { secrets, key, salt, params };
  }

  /** Runs a read-change-write of the file under a lock, so concurrent ccenv processes lose nothing. */
  private async change(mutate: (secrets: Record<string, string>) => boolean): Promise<boolean> {
    return withFileLock(this.path, async () => {
      this.cache = undefined; // another process may have written since
      const { secrets } = await this.open();
      const next = { ...secrets };
      const changed = mutate(next);
      if (changed) await this.save(next);
      return changed;
    });
  }

  async get(name: string): Promise<string | undefined> {
    if (!this.readSealed()) return undefined;
    const { secrets } = await this.open();
    return Object.hasOwn(secrets, name) ? secrets[name] : undefined;
  }

  async set(name: string, secret: string): Promise<void> {
    await this.change((secrets) => {
      secrets[name] = secret;
      return true;
    });
  }

  async remove(name: string): Promise<boolean> {
    if (!this.readSealed()) return false;
    return this.change((secrets) => {
      if (!Object.hasOwn(secrets, name)) return false;
      delete secrets[name];
      return true;
    });
  }
}
