import { byteRuns, checkVariable, toBytes, type Shell } from './types.js';

/**
 * fish: printable ASCII inside single quotes (with `\` and `'` backslashed, the only
 * escapes fish reads there); every other byte outside the quotes as `\xHH` (or `\XHH` from
 * 0x80, fish's raw byte), all in one word. Nothing in it expands.
 */
export function fishQuote(value: string | Uint8Array): string {
  let out = '';
  for (const run of byteRuns(toBytes(value))) {
    out += 'text' in run ? `'${run.text.replace(/[\\']/g, (c) => `\\${c}`)}'` : `\\${run.byte < 0x80 ? 'x' : 'X'}${run.hex}`;
  }
  return out === '' ? "''" : out;
}

export const fish: Shell = {
  name: 'fish',
  escape: fishQuote,
  exportVariable: (variable, value) => `set -gx ${checkVariable(variable)} ${fishQuote(value)}`,
  assign: (variable, value) => `set -g ${checkVariable(variable)} ${fishQuote(value)}`,
  unsetVariable: (variable) => `set -e ${checkVariable(variable)}`,
  hookFile: 'ccenv.fish',
  install: { line: 'ccenv hook fish | source', file: '~/.config/fish/config.fish' },
};
