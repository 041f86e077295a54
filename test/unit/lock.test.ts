import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withFileLock } from '../../src/lock.js';
import { updateConfig } from '../../src/profiles/store.js';
import { makeReadOnly } from '../helpers/read-only.js';

let dir: string;
const undo: (() => void)[] = [];
afterEach(() => {
  for (const u of undo.splice(0)) u();
  rmSync(dir, { recursive: true, force: true });
});

function fresh(): string {
  dir = mkdtempSync(join(tmpdir(), 'ccenv-lock-'));
  return dir;
}

/** The pid of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('the config lock', () => {
  it('a read-only config directory fails at once with the reason, and no lock file to remove', async () => {
    const config = join(fresh(), 'config');
    mkdirSync(config);
    undo.push(makeReadOnly(config));
    const error = await updateConfig({ CCENV_CONFIG_DIR: config }, () => undefined).catch((e: unknown) => e as Error & { hint?: string });
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toBe(`cannot write in ${config}: ${process.getuid?.() === 0 ? 'it is on a read-only file system (EROFS)' : 'it is not writable (EACCES)'}`);
    expect(error!.hint).not.toMatch(/remove .*\.lock/);
  }, 5000);

  it('a lock left by a process that is gone is taken at once, without a wait notice', async () => {
    const config = join(fresh(), 'config');
    mkdirSync(join(config, 'config.json.lock'), { recursive: true });
    writeFileSync(join(config, 'config.json.lock', 'pid'), `${deadPid()}@${hostname()}\n`);
    const notices: string[] = [];
    const done = await withFileLock(join(config, 'config.json'), async () => 'done', { notice: (t) => void notices.push(t) });
    expect(done).toBe('done');
    expect(notices).toEqual([]);
    expect(existsSync(join(config, 'config.json.lock'))).toBe(false);
  }, 4000);

  it('a waiter for a live holder says so, naming it, then gets the lock', async () => {
    const file = join(fresh(), 'config.json');
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    let holding!: () => void;
    const taken = new Promise<void>((resolve) => (holding = resolve));
    const first = withFileLock(file, async () => {
      holding();
      await held;
    });
    await taken;
    let noticed!: (text: string) => void;
    const notice = new Promise<string>((resolve) => (noticed = resolve));
    const second = withFileLock(file, async () => 'second', { notice: noticed });
    expect(await notice).toBe(`ccenv: waiting for ${file}.lock, held by ccenv process ${process.pid}...\n`);
    letGo();
    await first;
    expect(await second).toBe('second');
  });

  it('a holder that keeps the lock past proper-lockfile\'s touch (every 5 s) keeps it: recording its pid moved no mtime', async () => {
    const file = join(fresh(), 'config.json');
    const held = await withFileLock(file, async () => {
      await new Promise((resolve) => setTimeout(resolve, 6000));
      return 'still ours';
    });
    expect(held).toBe('still ours');
  }, 20_000);
});

