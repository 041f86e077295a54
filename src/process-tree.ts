/**
 * Ends a process with all its descendants, for a program that must be stopped (a secret source
 * past its time limit) whose children (gpg under pass, a command under `sh -c`) would otherwise
 * live on. The tree is frozen as it is walked (SIGSTOP, a parent before its children, its
 * children read only once it is stopped, so none forks a child that escapes), then killed.
 * No process group or session is involved: the program stays on the terminal, where 1Password's
 * unlock or a GPG pinentry speaks to the user and Ctrl-C reaches it. A process that has already
 * left the tree (a daemon such as gpg-agent, reparented away) is not a descendant and lives on.
 *
 * Linux reads /proc; elsewhere one `ps` run gives the table. Only ever on a failure path.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** The state letter and parent pid from a /proc/<pid>/stat line. The command name, in parentheses, may itself hold ") ": the fields follow the last ')'. */
export function parseStat(text: string): { state: string; ppid: number } | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const [state, ppid] = text.slice(close + 1).trim().split(/\s+/);
  const parent = Number(ppid);
  return state && /^[0-9]+$/.test(ppid ?? '') && Number.isSafeInteger(parent) ? { state, ppid: parent } : undefined;
}

/** The pids in a /proc/<pid>/task/<tid>/children file: numbers separated by spaces. */
export function parseChildren(text: string): number[] {
  return text.split(/\s+/).filter((word) => /^[0-9]+$/.test(word)).map(Number).filter((pid) => pid > 0);
}

/** The children of each pid from `ps -A -o pid= -o ppid=` output: one "pid ppid" pair a line. */
export function parsePsTable(text: string): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const line of text.split('\n')) {
    const match = /^\s*([0-9]+)\s+([0-9]+)\s*$/.exec(line);
    if (!match) continue;
    const pid = Number(match[1]);
    const ppid = Number(match[2]);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  return children;
}

let procChildrenFiles: boolean | undefined;

/** Children of `pid` from each of its threads' children file, or undefined when the kernel has none. */
export function childrenFromTaskFiles(pid: number): number[] | undefined {
  procChildrenFiles ??= existsSync(`/proc/self/task/${process.pid}/children`);
  if (!procChildrenFiles) return undefined;
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return []; // gone
  }
  const found: number[] = [];
  for (const tid of threads) {
    try {
      found.push(...parseChildren(readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8')));
    } catch {
      // That thread has ended.
    }
  }
  return found;
}

/** Children of `pid` from every process's stat line. */
export function childrenFromStatScan(pid: number): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(name)) continue;
    try {
      if (parseStat(readFileSync(`/proc/${name}/stat`, 'utf8'))?.ppid === pid) found.push(Number(name));
    } catch {
      // Ended while we looked.
    }
  }
  return found;
}

/** How to find a process's children here. On macOS and the like, the `ps` table is read once, at the first call (the root then stopped). */
function childrenLookup(): (pid: number) => number[] {
  if (process.platform === 'linux' && existsSync('/proc/self/stat')) {
    return (pid) => childrenFromTaskFiles(pid) ?? childrenFromStatScan(pid);
  }
  return psChildren();
}

/** A lookup of children from one `ps` run, made at its first call. */
export function psChildren(): (pid: number) => number[] {
  let table: Map<number, number[]> | undefined;
  return (pid) => {
    if (!table) {
      const ps = spawnSync('ps', ['-A', '-o', 'pid=', '-o', 'ppid='], { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] });
      table = parsePsTable(ps.stdout ?? '');
    }
    return table.get(pid) ?? [];
  };
}

function signal(pid: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops `root` and every process under it, then kills them all. `root` must be a child of ours
 * not yet reaped (so its pid cannot have been reused).
 */
export function killProcessTree(root: number): void {
  const lookup = childrenLookup();
  const seen = new Set<number>();
  const frozen: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    if (seen.has(pid) || pid <= 1 || pid === process.pid) continue;
    seen.add(pid);
    if (!signal(pid, 'SIGSTOP')) continue; // already gone
    frozen.push(pid);
    queue.push(...lookup(pid));
  }
  for (const pid of frozen) signal(pid, 'SIGKILL');
}
