/** The process tree walk: its parsing, and each way of finding a process's children. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { childrenFromStatScan, childrenFromTaskFiles, parseChildren, parsePsTable, parseStat, psChildren } from '../../src/process-tree.js';
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
