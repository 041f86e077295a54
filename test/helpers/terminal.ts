/** A real terminal for tests: a tmux session running one command, read and typed into as a person would. */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';

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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function terminal(box: { home: string; env: Record<string, string> }, env: Record<string, string> = {}): Terminal {
  const socket = join(box.home, 'tmux.sock');
  const tmux = (...args: string[]) =>
    execa('tmux', ['-S', socket, '-f', '/dev/null', ...args], { extendEnv: false, env: { ...box.env, ...env, TERM: 'xterm-256color' }, cwd: box.home });
  const screen = async () => String((await tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', 'term')).stdout);
  return {
    async start(command) {
      await tmux('kill-server').catch(() => {});
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
    async close() {
      // The pane's processes outlive the server for a moment (an interactive bash saves its
      // history on SIGHUP): end their process group, and wait, before the home is removed.
      const pane = await tmux('display-message', '-p', '-t', 'term', '#{pane_pid}').catch(() => undefined);
      await tmux('kill-server').catch(() => {});
      const pid = Number(String(pane?.stdout ?? '').trim());
      if (pid > 0) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // already gone
        }
        for (let i = 0; i < 50 && alive(pid); i++) await sleep(20);
      }
    },
  };
}
