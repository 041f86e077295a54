/** readProfileSecret with stand-in programs on a PATH of its own: what is taken from their output. */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../src/secrets/memory.js';
import { readProfileSecret, readsBeforeSpawn } from '../../src/secrets/sources/index.js';
import { scratchDir } from '../helpers/scratch.js';

const bin = scratchDir('ccenv-sources');

function pass(output: string): Record<string, string> {
  writeFileSync(join(bin, 'pass'), `#!/bin/sh\nprintf '${output}'\n`);
  chmodSync(join(bin, 'pass'), 0o755);
  return { PATH: `${bin}:/usr/bin:/bin` };
}

const read = (profile: object, env: Record<string, string>) =>
  readProfileSecret('p', { kind: 'api-key', ...profile }, { env, stdinIsTerminal: false, store: async () => new MemorySecretStore({ p: 'from-store' }) });

describe('pass: the first line', () => {
  it.each([
    ['sk-1\\nlogin: me\\nurl: x\\n', 'sk-1'],
    ['sk-2\\r\\nlogin: me\\r\\n', 'sk-2'],
    ['sk-3', 'sk-3'],
    [' sk-4 \\n', ' sk-4 '],
  ])('%j -> %j', async (output, secret) => expect(await read({ secretFrom: 'pass:work/x' }, pass(output))).toBe(secret));

  it('an empty first line is an error, though a line below has text', async () => {
    await expect(read({ secretFrom: 'pass:work/x' }, pass('\\nsk-5\\n'))).rejects.toThrow('profile p: its secret source pass:work/x printed nothing');
  });
});

describe('the store, only without a source', () => {
  it('reads the store for a profile with no source; never for one with a source', async () => {
    expect(await read({}, {})).toBe('from-store');
    let opened = false;
    const secret = await readProfileSecret('p', { kind: 'api-key', secretFrom: 'env:K' }, { env: { K: 'from-env' }, stdinIsTerminal: false, store: async () => { opened = true; return new MemorySecretStore({}); } });
    expect([secret, opened]).toEqual(['from-env', false]);
  });

  it.each<[{ secretFrom?: string; secretCommand?: string[] }, boolean]>([
    [{}, false],
    [{ secretFrom: 'env:K' }, true],
    [{ secretCommand: ['vault'] }, true],
  ])('readsBeforeSpawn(%j) is %s', (profile, before) => expect(readsBeforeSpawn(profile)).toBe(before));
});
