import { isatty } from 'node:tty';
import type { Env } from './paths.js';
import type { ConfigData } from './profiles/store.js';
import type { SecretStore } from './secrets/store.js';
import { forTerminal } from './terminal.js';

/**
 * Where a command's words go: `out` is stdout (data, shell code), `err` is stderr (words for
 * a person, passed through the one escaper for the terminal: src/terminal.ts).
 */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/**
 * Everything a command needs from the outside world, passed in so that tests can hand in
 * fakes (a temporary HOME, an in-memory secret store) and end-to-end tests the real thing.
 */
export interface Context {
  env: Env;
  cwd: string;
  io: Io;
  stdin: NodeJS.ReadableStream;
  /** A person at a terminal, who can be asked questions. */
  interactive: boolean;
  /** Set by a command that ends without an error but must not exit 0 (doctor finding problems). */
  exitCode?: number;
  /** Opens the secret store the config and environment choose; at most once per process. */
  secrets(config: ConfigData): Promise<SecretStore>;
}

/** Writes to stdout; a reader that went away (`ccenv list | head`) ends ccenv quietly, as it does `cat`. */
let stdoutGuarded = false;
function writeOut(text: string): void {
  if (!stdoutGuarded) {
    stdoutGuarded = true;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  process.stdout.write(text);
}

export function processContext(): Context {
  let opened: Promise<SecretStore> | undefined;
  return {
    env: process.env,
    cwd: process.cwd(),
    io: {
      out: writeOut,
      err: (text) => void process.stderr.write(forTerminal(text, { keepNewlines: true })),
    },
    // A getter, and isatty for `interactive`: creating process.stdin costs a launch time it does not need.
    get stdin() {
      return process.stdin;
    },
    interactive: isatty(0) && isatty(2),
    secrets(config) {
      opened ??= (async () => {
        const { chosenBackend, openSecretStore } = await import('./secrets/open.js');
        return openSecretStore(process.env, chosenBackend(process.env, config).backend);
      })();
      return opened;
    },
  };
}

/** Reads all of a stream: for `--secret-stdin`. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
