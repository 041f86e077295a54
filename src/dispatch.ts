/** The first word decides: a reserved verb runs that verb; `@NAME` or anything else launches claude. */
import { CcenvError } from './errors.js';
import { forTerminal } from './terminal.js';

/** Words that are ccenv's own; everything else goes to claude. */
export const RESERVED_VERBS: ReadonlySet<string> = new Set([
  'run', 'exec', 'env', 'use', 'status', 'current', 'list', 'ls', 'show', 'add', 'edit', 'remove', 'rm',
  'rename', 'allow', 'deny', 'doctor', 'init', 'hook', 'completion', 'statusline', '--help', '--version',
]);

export type Dispatch = { to: 'verb'; argv: string[] } | { to: 'launch'; argv: string[] };

/** Pure: which way a command line goes. `ccenv -- list` sends `list` to claude. */
export function dispatch(argv: readonly string[]): Dispatch {
  const first = argv[0];
  if (first === '--') return { to: 'launch', argv: argv.slice(1) };
  if (first !== undefined && RESERVED_VERBS.has(first)) return { to: 'verb', argv: [...argv] };
  return { to: 'launch', argv: [...argv] };
}

/** The one place errors are printed, escaped for the terminal (a message may quote a path or a value). */
export function reportError(error: unknown, writeRaw: (text: string) => void, debug: boolean): number {
  const write = (text: string) => writeRaw(forTerminal(text, { keepNewlines: true }));
  if (error instanceof CcenvError) {
    write(`ccenv: ${error.message}\n`);
    if (error.hint) write(`ccenv: ${error.hint}\n`);
    if (debug && error.stack) write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(`ccenv: internal error: ${message}\n`);
  write(debug && error instanceof Error && error.stack ? `${error.stack}\n` : 'ccenv: this is a bug; run again with CCENV_DEBUG=1 for details\n');
  return 70;
}

