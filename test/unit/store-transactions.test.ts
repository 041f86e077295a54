import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { add } from '../../src/commands/add.js';
import { edit } from '../../src/commands/edit.js';
import { env } from '../../src/commands/env.js';
import { remove } from '../../src/commands/remove.js';
import { rename } from '../../src/commands/rename.js';
import { show } from '../../src/commands/show.js';
import { status } from '../../src/commands/status.js';
import { readConfig } from '../../src/profiles/store.js';
import { MemorySecretStore } from '../../src/secrets/memory.js';
import { makeReadOnly } from '../helpers/read-only.js';
import { storeWorld, type StoreWorld } from '../helpers/store-context.js';

const OLD = 'sk-ant-api03-OLD-secret-value-0001';
const NEW = 'sk-ant-api03-NEW-secret-value-0002';

let world: StoreWorld | undefined;
const undo: (() => void)[] = [];
afterEach(() => {
  for (const u of undo.splice(0)) u();
  world?.cleanup();
});

/** A memory store that runs `after` once its next set() has stored the secret: a disk that fills up at that moment. */
class StoreThenFail extends MemorySecretStore {
  after: (() => void) | undefined;
  override async set(name: string, secret: string): Promise<void> {
    await super.set(name, secret);
    const after = this.after;
    this.after = undefined;
    after?.();
  }
}

describe('a secret rotation whose config write fails', () => {
  it('keeps the old secret in place', async () => {
    const store = new StoreThenFail();
    world = storeWorld(store);
    await add(world.withInput(OLD), 'work', { kind: 'api-key', secretStdin: true });
    expect(store.secrets.get('work')).toBe(OLD);
    const configDir = world.ctx.env.CCENV_CONFIG_DIR!;
    store.after = () => undo.push(makeReadOnly(configDir));
    await expect(edit(world.withInput(NEW), 'work', { secretStdin: true, model: 'm2' })).rejects.toThrow();
    expect(store.secrets.get('work')).toBe(OLD);
    expect((await readConfig(world.ctx.env)).profiles.work).toMatchObject({ kind: 'api-key', hasSecret: true });
  });
});

/** A memory store that calls itself another backend, to stand for the keychain or the file. */
function storeNamed(backend: 'keychain' | 'file'): MemorySecretStore {
  const store = new MemorySecretStore();
  Object.defineProperty(store, 'backend', { value: backend });
  Object.defineProperty(store, 'description', { value: `the ${backend} (test)` });
  return store;
}

describe('a profile whose secret is in the other backend', () => {
  it('records the backend on add, and status, show and a launch say where the secret is', async () => {
    const file = storeNamed('file');
    world = storeWorld(file);
    await add(world.withInput(OLD), 'work', { kind: 'api-key', secretStdin: true });
    expect((await readConfig(world.ctx.env)).profiles.work).toMatchObject({ secretBackend: 'file' });
    const underKeychain = { ...world.ctx, secrets: async () => storeNamed('keychain') };
    await show(underKeychain, 'work', {});
    expect(world.out.join('')).toMatch(/^secret +the secret of work is in the file backend, not in the keychain backend in use; use that backend: export CCENV_BACKEND=file/m);
    world.out.length = 0;
    await status(underKeychain, '@work', {});
    expect(world.out.join('')).toMatch(/^secret +in the file backend, not in the keychain \(test\) \(in use\): set CCENV_BACKEND=file$/m);
    expect(world.err.join('')).toContain('export CCENV_BACKEND=file');
    expect(world.err.join('')).not.toContain('store it');
    await expect(env(underKeychain, '@work', {})).rejects.toThrow('the secret of work is in the file backend, not in the keychain backend in use');
  });

  it('a profile from before the record says missing, as before', async () => {
    world = storeWorld(storeNamed('keychain'));
    const dir = world.ctx.env.CCENV_CONFIG_DIR!;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ version: 1, profiles: { work: { kind: 'api-key', hasSecret: true } } }));
    await expect(env(world.ctx, '@work', {})).rejects.toThrow(/^profile work has no API key .* in the keychain \(test\)$/);
  });
});

describe('remove and rename of a profile whose secret is in the other backend', () => {
  it('rename says where the secret is; remove keeps it there and says how to delete it', async () => {
    const file = storeNamed('file');
    world = storeWorld(file);
    await add(world.withInput(OLD), 'work', { kind: 'api-key', secretStdin: true });
    const underKeychain = { ...world.ctx, secrets: async () => storeNamed('keychain') };
    await expect(rename(underKeychain, 'work', 'team')).rejects.toThrow('the secret of work is in the file backend, not in the keychain backend in use');
    await remove(underKeychain, 'work', { yes: true });
    expect(world.err.join('')).toContain('its secret stays in the file backend; delete it there: CCENV_BACKEND=file ccenv remove work --yes');
    expect(file.secrets.get('work')).toBe(OLD);
    await remove(world.ctx, 'work', { yes: true });
    expect(file.secrets.has('work')).toBe(false);
  });
});
