import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../src/secrets/file.js';
import { MemorySecretStore } from '../../src/secrets/memory.js';
import type { SecretStore } from '../../src/secrets/store.js';
import { scratchDir } from '../helpers/scratch.js';

const SECRET = 'sk-ant-api03-Zq9X-very-secret-value-000111';

function fileStore(passphrase = 'correct horse battery', file?: string, onUnseal?: (name: string) => void): FileSecretStore {
  const path = file ?? join(scratchDir('ccenv-file'), 'secrets.enc');
  return new FileSecretStore(
    { CCENV_SECRETS_FILE: path, CCENV_FILE_PASSPHRASE: passphrase },
    async () => {
      throw new Error('no terminal in this test');
    },
    onUnseal ? { onUnseal } : {},
  );
}

const backends: [string, () => SecretStore][] = [
  ['memory', () => new MemorySecretStore()],
  ['file', () => fileStore()],
];

describe.each(backends)('the %s backend keeps secrets by profile name', (_, make) => {
  it('stores, reads, replaces and removes', async () => {
    const store = make();
    expect(await store.get('work')).toBeUndefined();
    await store.set('work', SECRET);
    await store.set('other', 'second-secret-value');
    expect(await store.get('work')).toBe(SECRET);
    await store.set('work', `${SECRET}-rotated`);
    expect(await store.get('work')).toBe(`${SECRET}-rotated`);
    expect(await store.remove('work')).toBe(true);
    expect(await store.remove('work')).toBe(false);
    expect(await store.get('work')).toBeUndefined();
    expect(await store.get('other')).toBe('second-secret-value');
  });

  it('does not confuse a name with an inherited property', async () => {
    const store = make();
    expect(await store.get('constructor')).toBeUndefined();
    expect(await store.get('__proto__')).toBeUndefined();
  });
});

describe('the encrypted file', () => {
  it('is mode 0600, holds no secret in clear, and opens in a new process with the passphrase', async () => {
    const store = fileStore();
    await store.set('work', SECRET);
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    const text = readFileSync(store.path, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(Buffer.from(SECRET).toString('base64').slice(0, 16));
    expect(JSON.parse(text)).toMatchObject({ format: 'ccenv-secrets', version: 2, kdf: { name: 'scrypt' } });
    expect(await fileStore('correct horse battery', store.path).get('work')).toBe(SECRET);
  });

  it('a wrong passphrase is a clear error and leaves the file as it was', async () => {
    const store = fileStore();
    await store.set('work', SECRET);
    const before = readFileSync(store.path);
    const wrong = fileStore('wrong horse battery', store.path);
    await expect(wrong.get('work')).rejects.toThrow(/wrong passphrase/);
    await expect(wrong.set('x', 'y-secret')).rejects.toThrow(/wrong passphrase/);
    await expect(wrong.remove('work')).rejects.toThrow(/wrong passphrase/);
    expect(readFileSync(store.path).equals(before)).toBe(true);
  });

  it('an altered entry is refused, and so is any write to the altered file', async () => {
    const store = fileStore();
    await store.set('work', SECRET);
    await store.set('other', 'second-secret-value');
    const sealed = JSON.parse(readFileSync(store.path, 'utf8')) as { entries: Record<string, { data: string }> };
    const data = Buffer.from(sealed.entries.work!.data, 'base64');
    data[0] = data[0]! ^ 1;
    sealed.entries.work!.data = data.toString('base64');
    writeFileSync(store.path, JSON.stringify(sealed));
    const altered = readFileSync(store.path);
    const reader = fileStore('correct horse battery', store.path);
    await expect(reader.get('work')).rejects.toThrow(/wrong passphrase .*altered/);
    await expect(reader.get('other')).rejects.toThrow(/wrong passphrase .*altered/);
    await expect(reader.set('x', 'y-secret')).rejects.toThrow(/wrong passphrase .*altered/);
    expect(readFileSync(store.path).equals(altered)).toBe(true);
  });

  it('entries swapped between names are refused', async () => {
    const store = fileStore();
    await store.set('work', SECRET);
    await store.set('other', 'second-secret-value');
    const sealed = JSON.parse(readFileSync(store.path, 'utf8')) as { entries: Record<string, unknown> };
    [sealed.entries.work, sealed.entries.other] = [sealed.entries.other, sealed.entries.work];
    writeFileSync(store.path, JSON.stringify(sealed));
    await expect(fileStore('correct horse battery', store.path).get('work')).rejects.toThrow(/wrong passphrase .*altered/);
  });

  it('get decrypts the one entry asked for and no other', async () => {
    const store = fileStore();
    for (const name of ['alpha', 'beta', 'gamma']) await store.set(name, `${name}-secret-value`);
    const unsealed: string[] = [];
    const reader = fileStore('correct horse battery', store.path, (name) => unsealed.push(name));
    expect(await reader.get('beta')).toBe('beta-secret-value');
    expect(await reader.get('nobody')).toBeUndefined();
    expect(unsealed).toEqual(['beta']);
    expect(await reader.names()).toEqual(['alpha', 'beta', 'gamma']);
    expect(unsealed).toEqual(['beta']);
  });

  it('reads at the same time ask for the passphrase once, and derive the key once', async () => {
    const store = fileStore();
    for (const name of ['alpha', 'beta', 'gamma']) await store.set(name, `${name}-secret-value`);
    let asked = 0;
    const reader = new FileSecretStore({ CCENV_SECRETS_FILE: store.path }, async () => {
      asked++;
      return 'correct horse battery';
    });
    expect(await Promise.all(['alpha', 'beta', 'gamma'].map((n) => reader.get(n)))).toEqual(['alpha-secret-value', 'beta-secret-value', 'gamma-secret-value']);
    expect(asked).toBe(1);
  });

  it('a passphrase asked for and refused can be asked for again', async () => {
    const store = fileStore();
    await store.set('alpha', 'alpha-secret-value');
    const answers = ['short', 'correct horse battery'];
    const reader = new FileSecretStore({ CCENV_SECRETS_FILE: store.path }, async () => answers.shift()!);
    await expect(reader.get('alpha')).rejects.toThrow(/at least 8 characters/);
    expect(await reader.get('alpha')).toBe('alpha-secret-value');
  });

  it('a version 1 file is read, and turned into version 2 by the next write', async () => {
    const path = join(scratchDir('ccenv-file'), 'secrets.enc');
    const kdf = { name: 'scrypt', N: 2 ** 15, r: 8, p: 1, salt: randomBytes(16).toString('base64') };
    writeFileSync(path, JSON.stringify(sealV1({ work: SECRET, old: 'old-secret-value' }, 'correct horse battery', kdf)));
    expect(await fileStore('correct horse battery', path).get('work')).toBe(SECRET);
    expect(JSON.parse(readFileSync(path, 'utf8')).version).toBe(1);
    await fileStore('correct horse battery', path).remove('old');
    const migrated = JSON.parse(readFileSync(path, 'utf8'));
    expect(migrated).toMatchObject({ version: 2, kdf });
    expect(Object.keys(migrated.entries)).toEqual(['work']);
    const unsealed: string[] = [];
    expect(await fileStore('correct horse battery', path, (n) => unsealed.push(n)).get('work')).toBe(SECRET);
    expect(unsealed).toEqual(['work']);
    await expect(fileStore('wrong horse battery', path).get('work')).rejects.toThrow(/wrong passphrase/);
  });

  it('a profile called __proto__ is an entry like any other', async () => {
    const store = fileStore();
    await store.set('__proto__', SECRET);
    expect(await fileStore('correct horse battery', store.path).get('__proto__')).toBe(SECRET);
  });

  it('a file that is not ours is refused, not overwritten', async () => {
    const path = join(scratchDir('ccenv-file'), 'secrets.enc');
    writeFileSync(path, 'hello');
    await expect(fileStore('correct horse battery', path).set('x', 'y-secret')).rejects.toThrow(/not a ccenv secrets file/);
    expect(readFileSync(path, 'utf8')).toBe('hello');
  });

  it('refuses a passphrase too short to protect anything', async () => {
    await expect(fileStore('short').set('x', 'y-secret')).rejects.toThrow(/at least 8 characters/);
  });

  it('a file sealed with other scrypt parameters stays readable after a change', async () => {
    const path = join(scratchDir('ccenv-file'), 'secrets.enc');
    const kdf = { name: 'scrypt', N: 2 ** 14, r: 8, p: 2, salt: randomBytes(16).toString('base64') };
    writeFileSync(path, JSON.stringify(sealV1({ work: SECRET }, 'correct horse battery', kdf)));
    await fileStore('correct horse battery', path).set('other', 'second-secret-value');
    const reopened = fileStore('correct horse battery', path);
    expect(await reopened.get('work')).toBe(SECRET);
    expect(await reopened.get('other')).toBe('second-secret-value');
  });
});

/** A version 1 file (one sealed blob), as ccenv wrote them before per-entry sealing. */
function sealV1(secrets: Record<string, string>, passphrase: string, kdf: { name: string; N: number; r: number; p: number; salt: string }) {
  const key = scryptSync(passphrase, Buffer.from(kdf.salt, 'base64'), 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
  return { format: 'ccenv-secrets', version: 1, kdf, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}
