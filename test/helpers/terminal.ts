/** A real terminal for tests: a tmux session running one command, read and typed into as a person would. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterEach, beforeEach } from 'vitest';
import { sandbox, type Sandbox } from './cli.js';

export interface Terminal {
  start(command: string): Promise<void>;
  screen(): Promise<string>;
  /** The screen once it shows `text`; throws, with the screen, after `timeoutMs` (15 s). */
  waitFor(text: string, timeoutMs?: number): Promise<string>;
  keys(...keys: string[]): Promise<void>;
  /** Types a line literally, then Enter. */
  type(line: string): Promise<void>;
  close(): Promise<void>;
}

/** Running, not a zombie: a pane's shell whose server is gone may wait a while to be reaped. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // The state follows the name in parentheses, which may itself hold ") ".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** `leader` and every process in its session or below it (Linux: read from /proc). */
function sessionOf(leader: number): number[] {
  const parents = new Map<number, number>();
  const found = new Set([leader]);
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    try {
      // pid (name) state ppid pgrp session ...: the name may itself hold ") ".
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [, ppid, , session] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(pid, Number(ppid));
      if (Number(session) === leader) found.add(pid);
    } catch {
      // gone meanwhile
    }
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (found.has(ppid) && !found.has(pid)) {
        found.add(pid);
        grew = true;
      }
    }
  }
  return [...found];
}

export function terminal(box: { home: string; env: Record<string, string> }, env: Record<string, string> = {}): Terminal {
  // A server told to exit still answers on its socket for a moment, and a new session asked of
  // it then fails with "server exited unexpectedly": each start gets a socket of its own.
  let starts = 0;
  let socket = join(box.home, 'tmux-0.sock');
  const tmux = (...args: string[]) =>
    execa('tmux', ['-S', socket, '-f', '/dev/null', ...args], { extendEnv: false, env: { ...box.env, ...env, TERM: 'xterm-256color' }, cwd: box.home });
  const screen = async () => String((await tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', 'term')).stdout);
  const close = async () => {
    // An interactive bash in the pane takes a process group of its own, and saves its history
    // when the terminal goes: every process of the pane's session is killed first, before the
    // server could hang the terminal up, and is waited for, so nothing writes into the home
    // after this returns.
    const pane = await tmux('display-message', '-p', '-t', 'term', '#{pane_pid}').catch(() => undefined);
    const pid = Number(String(pane?.stdout ?? '').trim());
    const members = pid > 0 ? sessionOf(pid) : [];
    // The session leader last: its death sends SIGHUP and SIGCONT to the terminal's foreground
    // group, and a bash still alive then would save its history before its own SIGKILL came.
    for (const member of members.filter((m) => m !== pid).concat(members.includes(pid) ? [pid] : [])) {
      try {
        process.kill(member, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await tmux('kill-server').catch(() => {});
    for (let i = 0; i < 100 && members.some(alive); i++) await sleep(20);
  };
  return {
    async start(command) {
      await close();
      socket = join(box.home, `tmux-${++starts}.sock`);
      await tmux('new-session', '-d', '-s', 'term', '-x', '200', '-y', '50', `${command}; echo "exit=$?"; sleep 60`);
    },
    screen,
    async waitFor(text, timeoutMs = 15_000) {
      for (const end = Date.now() + timeoutMs; Date.now() < end; ) {
        const shown = await screen();
        if (shown.includes(text)) return shown;
        await sleep(100);
      }
      throw new Error(`never saw ${JSON.stringify(text)} on the screen:\n${await screen()}`);
    },
    async keys(...keys) {
      await tmux('send-keys', '-t', 'term', ...keys);
    },
    async type(line) {
      await tmux('send-keys', '-t', 'term', '-l', line);
      await tmux('send-keys', '-t', 'term', 'Enter');
    },
    close,
  };
}

/**
 * For each test of the calling describe: a new sandbox, `env` added to its environment, and a
 * terminal in it; after the test the terminal is closed and the sandbox removed. Read `.box`
 * and `.term` inside the tests (a `beforeEach` of the caller's, registered after this, sees them).
 */
export function terminalEachTest(env: Record<string, string>): { box: Sandbox; term: Terminal } {
  const each = {} as { box: Sandbox; term: Terminal };
  beforeEach(() => {
    each.box = sandbox(env);
    each.term = terminal(each.box);
  });
  afterEach(async () => {
    await each.term.close();
    each.box.cleanup();
  });
  return each;
}
