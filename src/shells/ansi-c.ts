import { byteRuns, toBytes } from './types.js';

/**
 * bash and zsh: `$'...'`, ANSI-C quoting. Printable ASCII stays (with `\` and `'`
 * backslashed); every other byte becomes `\xHH`. The result is one line of plain ASCII in
 * which nothing expands: no `$`, backtick or `;` inside it means anything.
 */
export function ansiCQuote(value: string | Uint8Array): string {
  let out = "$'";
  for (const run of byteRuns(toBytes(value))) {
    out += 'text' in run ? run.text.replace(/[\\']/g, (c) => `\\${c}`) : `\\x${run.hex}`;
  }
  return `${out}'`;
}
