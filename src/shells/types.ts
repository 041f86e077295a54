/** What ccenv needs to know about one shell: how to quote, set, unset, and hook into it. */
export interface Shell {
  name: string;
  /** Any value as one line of inert shell text that evaluates back to the same bytes. */
  escape(value: string | Uint8Array): string;
  /** Code that exports `variable=value` in the current shell. */
  exportVariable(variable: string, value: string): string;
  /** Code that sets the shell variable `variable` (global, not exported). */
  assign(variable: string, value: string): string;
  /** Code that removes `variable` from the current shell. */
  unsetVariable(variable: string): string;
  /** The file under shell/ holding the hook source. */
  hookFile: string;
  /** The line a user adds to their rc file, and where. */
  install: { line: string; file: string };
}

/** Names ccenv emits code for: never taken from a file or a user without this check. */
export const VARIABLE_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkVariable(name: string): string {
  if (!VARIABLE_RE.test(name)) throw new Error(`not a variable name: ${JSON.stringify(name)}`);
  return name;
}

export function toBytes(value: string | Uint8Array): Uint8Array {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  if (bytes.includes(0)) throw new Error('a shell value cannot hold a NUL byte');
  return bytes;
}

const hex = (byte: number) => byte.toString(16).padStart(2, '0');

/**
 * Splits bytes into runs that may stay as they are inside single quotes (printable ASCII)
 * and single bytes that must be written as escapes (controls, DEL, anything >= 0x80).
 */
export function* byteRuns(bytes: Uint8Array): Generator<{ text: string } | { byte: number; hex: string }> {
  let run = '';
  for (const byte of bytes) {
    if (byte >= 0x20 && byte < 0x7f) {
      run += String.fromCharCode(byte);
      continue;
    }
    if (run) yield { text: run };
    run = '';
    yield { byte, hex: hex(byte) };
  }
  if (run) yield { text: run };
}
