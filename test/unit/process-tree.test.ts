/** The process tree walk: its parsing, and a source program stopped with the children it started. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive } from '../../src/process-alive.js';
import { spawn } from 'node:child_process';
import { childrenFromStatScan, childrenFromTaskFiles, parseChildren, parsePsTable, parseStat, psChildren } from '../../src/process-tree.js';
import { runSourceProgram } from '../../src/secrets/sources/program.js';
import { scratchDir } from '../helpers/scratch.js';

describe('parseStat: the state and parent pid, after the last )', () => {
  it.each([
    ['1 (init) S 0 1 1 0 -1 4194560', { state: 'S', ppid: 0 }],
    ['4242 (sh) S 4200 4242 4200 34816 4242 4194304 120', { state: 'S', ppid: 4200 }],
    ['77 (a) b) R 12 77 77', { state: 'R', ppid: 12 }],
    ['78 (x) S 5 (y) Z 99 78 78', { state: 'Z', ppid: 99 }],
    ['79 (my prog ) S 1 2) T 31 79 79 0', { state: 'T', ppid: 31 }],
    ['80 ()) Z 3 80', { state: 'Z', ppid: 3 }],
    ['81 (gpg-agent) S 1 81 81 0 -1\n', { state: 'S', ppid: 1 }],
    ['', undefined],
    ['82 no parens S 1', undefined],
    ['83 (x)', undefined],
    ['84 (x) S', undefined],
    ['85 (x) S -1', undefined],
    ['86 (x) S 1.5', undefined],
  ])('%j -> %j', (text, expected) => expect(parseStat(text)).toEqual(expected));
});

describe('parseChildren: a children file', () => {
  it.each([
    ['', []],
    ['\n', []],
    ['10109 ', [10109]],
    ['12 345 6789 ', [12, 345, 6789]],
    ['12 345\n', [12, 345]],
    ['0 7 x 8', [7, 8]],
  ])('%j -> %j', (text, expected) => expect(parseChildren(text)).toEqual(expected));
});

describe('parsePsTable: `ps -A -o pid= -o ppid=`', () => {
  it.each<[string, [number, number[]][]]>([
    ['', []],
    ['    1     0\n  300     1\n  301   300\n  302   300\n', [[0, [1]], [1, [300]], [300, [301, 302]]]],
    ['  PID  PPID\n 5 1\n', [[1, [5]]]],
    ['5 1\ngarbage\n6 1 extra\n7 5', [[1, [5]], [5, [7]]]],
  ])('%j', (text, expected) => expect([...parsePsTable(text).entries()]).toEqual(expected));
});

describe('each way to find a process\'s children finds the same one', () => {
  it.runIf(process.platform === 'linux')('children files, the stat scan and ps agree', async () => {
    const dir = scratchDir('ccenv-tree');
    const pidfile = join(dir, 'pid');
    const parent = spawn('sh', ['-c', `sleep 300 & echo $! > '${pidfile}'; wait`], { stdio: 'ignore' });
    try {
      const deadline = Date.now() + 5000;
      while (!(existsSync(pidfile) && readFileSync(pidfile, 'utf8').endsWith('\n')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const child = Number(readFileSync(pidfile, 'utf8'));
      expect(childrenFromTaskFiles(parent.pid!)).toEqual([child]);
      expect(childrenFromStatScan(parent.pid!)).toEqual([child]);
      expect(psChildren()(parent.pid!)).toEqual([child]);
      expect(psChildren()(child)).toEqual([]);
    } finally {
      parent.kill('SIGKILL');
      try {
        process.kill(Number(readFileSync(pidfile, 'utf8')), 'SIGKILL');
      } catch {
        // Not started, or gone.
      }
    }
  });
});

/** Whether `pid` has ended: no such process, or a zombie left for a parent that is not us. */
function ended(pid: number): boolean {
  if (!isAlive(pid)) return true;
  if (process.platform !== 'linux') return false;
  try {
    const stat = parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return stat?.state === 'Z' && stat.ppid !== process.pid;
  } catch {
    return true;
  }
}

async function endsWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (ended(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return ended(pid);
}

describe('a source program stopped takes the processes it started with it', () => {
  const left: number[] = [];
  afterEach(() => {
    for (const pid of left.splice(0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone, as it should be.
      }
    }
  });

  /** Runs `script` under sh with a short time limit; the pid it wrote to $PIDFILE. */
  async function run(script: string, timeoutMs: number) {
    const dir = scratchDir('ccenv-tree');
    const pidfile = join(dir, 'pid');
    const outcome = await runSourceProgram(['sh', '-c', script.replaceAll('$PIDFILE', `'${pidfile}'`)], { env: { PATH: process.env.PATH }, timeoutMs, stdinIsTerminal: false });
    expect(existsSync(pidfile)).toBe(true);
    const grandchild = Number(readFileSync(pidfile, 'utf8').trim());
    expect(grandchild).toBeGreaterThan(1);
    left.push(grandchild);
    return { outcome, grandchild };
  }

  it('past the time limit: its child started in the background is ended too', async () => {
    const { outcome, grandchild } = await run('sleep 300 & echo $! > $PIDFILE; sleep 300', 500);
    expect(outcome).toEqual({ ok: false, failure: 'timeout' });
    expect(await endsWithin(grandchild, 3000)).toBe(true);
  });

  it('a grandchild under a child: all ended', async () => {
    const { outcome, grandchild } = await run('sh -c "sleep 300 & echo \\$! > $PIDFILE; wait"; sleep 300', 500);
    expect(outcome).toEqual({ ok: false, failure: 'timeout' });
    expect(await endsWithin(grandchild, 3000)).toBe(true);
  });

  it('printing too much: its child is ended too', async () => {
    const { outcome, grandchild } = await run('sleep 300 & echo $! > $PIDFILE; head -c 200000 /dev/zero; sleep 300', 10_000);
    expect(outcome).toEqual({ ok: false, failure: 'too-long' });
    expect(await endsWithin(grandchild, 3000)).toBe(true);
  });
});
