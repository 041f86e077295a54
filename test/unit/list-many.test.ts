import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { list } from '../../src/commands/list.js';
import { MemorySecretStore } from '../../src/secrets/memory.js';
import { storeWorld, type StoreWorld } from '../helpers/store-context.js';

let world: StoreWorld | undefined;
afterEach(() => world?.cleanup());

describe('list with very many profiles', () => {
  it('prints 150,000 profiles without overflowing the stack, aligned', async () => {
    world = storeWorld(new MemorySecretStore());
    const profiles: Record<string, { kind: string }> = {};
    for (let i = 0; i < 150_000; i++) profiles[`p${i}`] = { kind: 'subscription' };
    profiles['a-much-longer-name'] = { kind: 'api-key' };
    const dir = world.ctx.env.CCENV_CONFIG_DIR!;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ version: 1, profiles }));
    await list(world.ctx, {});
    const lines = world.out.join('').split('\n').filter(Boolean);
    expect(lines).toHaveLength(150_002);
    expect(lines[1]).toBe(`  ${'p0'.padEnd('a-much-longer-name'.length)}  subscription  claude's own login: not logged in`);
  }, 60_000);
});
