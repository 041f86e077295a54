/** The waiting ccenv keeps no reference to the secret it wrote to claude's descriptor. */
import { randomBytes, createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { expect, it } from 'vitest';
import { buildPlan } from '../../src/launch/plan.js';
import { runPlan } from '../../src/launch/spawn.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** A plan whose secret only it holds; the caller keeps its hash. */
function planWithFreshSecret() {
  const secret = randomBytes(24).toString('hex');
  const plan = buildPlan({
    resolved: { name: 'p', profile: { kind: 'api-key' }, source: { from: 'argument' } },
    caller: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    secret,
    mode: 'claude',
    command: 'sh',
    args: ['-c', 'cat <&3 >/dev/null; read line'],
  });
  return { plan, hash: sha(secret) };
}

it('holds no reference to the secret while claude runs', async () => {
  const { plan, hash } = planWithFreshSecret();
  const dir = mkdtempSync(join(tmpdir(), 'ccenv-forget-'));
  const [read, done] = [join(dir, 'read'), join(dir, 'done')];
  // The child reads its descriptor, says so, and waits until the heap has been looked at.
  const child = runPlan({ ...plan, args: ['-c', `cat <&3 >/dev/null; : > ${read}; while [ ! -e ${done} ]; do sleep 0.05; done`] }, process.env);
  while (!existsSync(read)) await new Promise((r) => setImmediate(r));
  const file = writeHeapSnapshot(join(dir, 'heap.heapsnapshot'));
  try {
    const strings = readFileSync(file, 'utf8').match(/[0-9a-f]{48}/g) ?? [];
    expect(strings.length).toBeGreaterThan(0);
    expect(strings.map(sha)).not.toContain(hash);
  } finally {
    writeFileSync(done, '');
    expect(await child).toEqual({ code: 0 });
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
