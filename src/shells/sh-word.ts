/**
 * One word for sh, as ccenv prints or runs it: as it is when it holds only characters sh
 * takes literally, else in single quotes (a `'` inside as `'\''`). Inert whatever it holds.
 */
export function shellWord(word: string): string {
  return /^[\w./:=@%+,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
