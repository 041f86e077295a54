/**
 * The one escaper for text printed for a person (stderr messages, doctor's and status's
 * report). Paths and values come from the user's tree and config, where a directory name
 * can hold an escape sequence that retitles or clears the terminal: every control
 * character (C0, DEL, C1), the Unicode controls that reorder or break lines (bidi
 * overrides, U+2028/U+2029), lone surrogates and bytes that are not UTF-8 are shown as
 * `\xHH` or `\u{HHHH}`. Backslashes stay as they are, so Windows paths read naturally.
 */

const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;

function escapeCharacter(c: string): string {
  const code = c.codePointAt(0)!;
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

const strict = new TextDecoder('utf-8', { fatal: true });

/** Bytes as text: valid UTF-8 decoded, every other byte as \xHH (already escaped: `raw` pieces). */
function decodeBytes(bytes: Uint8Array): { text: string; raw: boolean }[] {
  try {
    return [{ text: strict.decode(bytes), raw: false }];
  } catch {
    // some bytes are not UTF-8: go sequence by sequence
  }
  const pieces: { text: string; raw: boolean }[] = [];
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length > 0 && i + length <= bytes.length) {
      try {
        pieces.push({ text: strict.decode(bytes.subarray(i, i + length)), raw: false });
        i += length;
        continue;
      } catch {
        // not a valid sequence
      }
    }
    pieces.push({ text: escapeCharacter(String.fromCharCode(b)), raw: true });
    i += 1;
  }
  return pieces;
}

/**
 * `value` made safe to print for a person: one line, nothing the terminal would act on.
 * `keepNewlines` keeps `\n` (for a whole message of several lines that ccenv wrote itself).
 */
export function forTerminal(value: string | Uint8Array, options: { keepNewlines?: boolean } = {}): string {
  const pieces = typeof value === 'string' ? [{ text: value, raw: false }] : decodeBytes(value);
  const escape = (c: string) => (options.keepNewlines && c === '\n' ? c : escapeCharacter(c));
  return pieces.map((p) => (p.raw ? p.text : p.text.replace(UNSAFE, escape))).join('');
}

/** A path for a person: `~/x` under HOME, escaped for the terminal. */
export function tilde(path: string, home: string): string {
  return forTerminal(home && (path === home || path.startsWith(`${home}/`)) ? `~${path.slice(home.length)}` : path);
}

/**
 * A URL as it may be shown: scheme, host and path, without a user name, password, query or
 * fragment (a proxy's or an endpoint's credentials stay out of every message). undefined when
 * `value` is not a URL.
 */
export function urlWithoutCredentials(value: string): string | undefined {
  try {
    const url = new URL(withoutUserInfo(value));
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return undefined;
  }
}

/**
 * `value` with the user name and password of a URL left out, with a scheme or without one
 * (`bob:pw@proxy:3128`, which tools take as a proxy and `new URL` as the scheme "bob"); other
 * values as they are.
 */
export function withoutUserInfo(value: string): string {
  return value.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)?[^/@\s]*@/, '$1');
}
