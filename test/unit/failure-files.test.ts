/** A launch's failure-hook file is removed once no ccenv can read it: its ccenv gone, and a day without a write. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newLaunchId, prepareFailureFile, STALE_FAILURE_FILE_MS } from '../../src/launch/failure-hook.js';
import { scratchDir } from '../helpers/scratch.js';

/** A pid that no process has now: a child that has exited. */
function deadPid(): number {
  const child = spawnSync('true');
  return child.pid!;
}

describe('prepareFailureFile', () => {
  it("removes the files of launches whose ccenv is gone, once a day has passed without a write; keeps the rest", () => {
    const state = scratchDir('ccenv-failure-files');
    const env = { XDG_STATE_HOME: state, HOME: state };
    const dir = join(state, 'ccenv', 'sessions');
    mkdirSync(dir, { recursive: true });
    const now = Date.now();
    const old = (now - STALE_FAILURE_FILE_MS - 60_000) / 1000;
    const dead = deadPid();
    const files = {
      goneOld: `${newLaunchId(now, dead)}.jsonl`,
      goneRecent: `${newLaunchId(now, dead)}.jsonl`,
      aliveOld: `${newLaunchId(now, process.pid)}.jsonl`,
      notOurs: 'notes.txt',
    };
    for (const name of Object.values(files)) writeFileSync(join(dir, name), '{"hook_event_name":"StopFailure"}\n');
    for (const name of [files.goneOld, files.aliveOld, files.notOurs]) utimesSync(join(dir, name), old, old);

    const mine = prepareFailureFile(env, newLaunchId(now), now);

    expect(existsSync(join(dir, files.goneOld))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual([files.aliveOld, files.goneRecent, files.notOurs].sort());
    expect(mine.startsWith(dir)).toBe(true);
  });
});
