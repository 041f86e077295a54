/**
 * V8's code cache for the launch bundle (bin/ccenv.cjs) under $XDG_CACHE_HOME/ccenv: written
 * by one launch, used by the next; a corrupt or stale cache is never used, and is replaced;
 * nothing is ever printed about it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import { type FakeClaude, fakeClaudeOnPath } from '../helpers/fake-claude.js';

const KEY = 'sk-ant-api03-CODE-CACHE-TEST';
let box: Sandbox;
let fake: FakeClaude;
let cacheDir: string;
beforeEach(async () => {
  box = sandbox();
  box.env.XDG_CACHE_HOME = join(box.home, 'cache-home');
  cacheDir = join(box.home, 'cache-home', 'ccenv');
  fake = fakeClaudeOnPath(box);
  const add = await ccenv(box, ['add', 'work', '--kind', 'api-key', '--secret-stdin'], { input: KEY });
  expect(add.exitCode, add.stderr).toBe(0);
  rmSync(cacheDir, { recursive: true, force: true });
});

/** A cache file as bin/ccenv.cjs writes it: its data twice. */
function wellFormed(data: Buffer): boolean {
  const half = data.length / 2;
  return half > 0 && data.subarray(0, half).equals(data.subarray(half));
}
afterEach(() => box.cleanup());

/** The launch bundle's cache files (Node 22.8+ keeps its own layout in the same directory). */
const cacheFiles = () => (existsSync(cacheDir) ? readdirSync(cacheDir).filter((f) => f.endsWith('.v8cache')) : []);
const nodeHasItsOwn = typeof (await import('node:module') as { enableCompileCache?: unknown }).enableCompileCache === 'function';

async function launchOk(): Promise<void> {
  const run = await ccenv(box, ['@work', '-p', 'hi']);
  expect(run.exitCode, run.stderr).toBe(0);
  expect(run.stderr).toBe('');
  expect(fake.fd3()).toBe(KEY);
}

it.skipIf(nodeHasItsOwn)('one launch writes the cache, the next uses it as it is', async () => {
  await launchOk();
  const [file] = cacheFiles();
  expect(file).toMatch(/^launch-[0-9a-f]{12}-v\d+\.\d+\.\d+-\w+\.v8cache$/);
  const path = join(cacheDir, file!);
  const written = statSync(path).mtimeMs;
  await launchOk();
  // A cache V8 accepted is not written again.
  expect(statSync(path).mtimeMs).toBe(written);
});

it.skipIf(nodeHasItsOwn)('a corrupt cache is not used (V8 would crash on it), and is replaced', async () => {
  await launchOk();
  const path = join(cacheDir, cacheFiles()[0]!);
  const good = readFileSync(path);
  for (const [what, bad] of [
    ['bytes flipped', Buffer.from(good).map((b, i) => (i > 200 && i < 400 ? b ^ 0xff : b))],
    ['cut short', good.subarray(0, good.length - 1000)],
    ['garbage', Buffer.from('not a code cache at all')],
    ['empty', Buffer.alloc(0)],
  ] as const) {
    writeFileSync(path, bad);
    await launchOk();
    expect(wellFormed(readFileSync(path)), what).toBe(true);
  }
  expect(wellFormed(good)).toBe(true);
});

it.skipIf(nodeHasItsOwn)("another build's or another Node's cache is left alone, then removed", async () => {
  mkdirSync(cacheDir, { recursive: true });
  const stale = join(cacheDir, 'launch-000000000000-v20.0.0-x64.v8cache');
  writeFileSync(stale, Buffer.from('stale stale'));
  await launchOk();
  expect(existsSync(stale)).toBe(false);
  expect(cacheFiles()).toHaveLength(1);
});

it('CCENV_NO_CODE_CACHE=1, or a cache directory that cannot be written: the launch is the same, and silent', async () => {
  box.env.CCENV_NO_CODE_CACHE = '1';
  await launchOk();
  expect(cacheFiles()).toEqual([]);
  delete box.env.CCENV_NO_CODE_CACHE;
  rmSync(join(box.home, 'cache-home'), { recursive: true, force: true });
  writeFileSync(join(box.home, 'cache-home'), 'a file where the directory would be');
  await launchOk();
});
