import { afterEach, describe, expect, it } from 'vitest';
import { add } from '../../src/commands/add.js';
import { edit } from '../../src/commands/edit.js';
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
