import { openSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';
import { CcenvError } from './errors.js';

/**
 * Prompts talk to the terminal itself (/dev/tty), so they work while standard input
 * carries something else, and refuse clearly when there is no terminal at all.
 */
interface Terminal {
  input: ReadStream;
  output: WriteStream;
  close(): void;
}

const NO_TERMINAL_HINT = 'run it in a terminal, or give the value another way (see --help)';

function openTerminal(why: string, hint = NO_TERMINAL_HINT): Terminal {
  if (process.stdin.isTTY && process.stderr.isTTY) {
    return { input: process.stdin as ReadStream, output: process.stderr as WriteStream, close() {} };
  }
  try {
    const input = new ReadStream(openSync('/dev/tty', 'r'));
    const output = new WriteStream(openSync('/dev/tty', 'w'));
    return {
      input,
      output,
      close() {
        input.destroy();
        output.destroy();
      },
    };
  } catch {
    throw new CcenvError(`${why} needs a terminal, and there is none`, {
      hint,
    });
  }
}

async function withTerminal<T>(why: string, ask: (context: { input: ReadStream; output: WriteStream }) => Promise<T>, hint?: string): Promise<T> {
  const terminal = openTerminal(why, hint);
  try {
    return await ask({ input: terminal.input, output: terminal.output });
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') throw new CcenvError('cancelled', { exitCode: 130 });
    throw error;
  } finally {
    terminal.close();
  }
}

/** A prompt's words inside a sentence: "New passphrase" becomes "new passphrase", "API key" stays. */
function midSentence(message: string): string {
  return /^[A-Z][a-z]/.test(message) ? `${message[0]!.toLowerCase()}${message.slice(1)}` : message;
}

/**
 * Asks for a secret with hidden input; `noTerminalHint` replaces the generic hint when there
 * is no terminal (it names the other way to give this value).
 */
export async function askSecret(message: string, noTerminalHint?: string): Promise<string> {
  const { default: password } = await import('@inquirer/password');
  return withTerminal(`asking for the ${midSentence(message)}`, (context) => password({ message, mask: false }, context), noTerminalHint);
}

export async function askText(message: string, options: { default?: string; validate?: (v: string) => string | true } = {}): Promise<string> {
  const { default: input } = await import('@inquirer/input');
  return withTerminal(`asking for ${message}`, (context) => input({ message, ...options }, context));
}

export async function askConfirm(message: string, defaultAnswer = false): Promise<boolean> {
  const { default: confirm } = await import('@inquirer/confirm');
  return withTerminal('a question', (context) => confirm({ message, default: defaultAnswer }, context));
}

export async function askChoice<T extends string>(message: string, choices: readonly { value: T; name?: string; description?: string }[]): Promise<T> {
  const { default: select } = await import('@inquirer/select');
  return withTerminal(`choosing ${message}`, (context) => select({ message, choices: [...choices] }, context));
}

/** Whether a person is at the keyboard (both ends a terminal). */
export function isInteractive(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}
