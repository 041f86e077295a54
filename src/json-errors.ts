/**
 * JSON errors as people read them: every error in a text (not only the first), each with
 * line, column and a plain name ("trailing comma", not "PropertyNameExpected" at the next
 * line's brace). Used for ccenv's own config.json and for Claude Code's settings files.
 */
import { createRequire } from 'node:module';
import { lineColumn } from './text-position.js';

export { lineColumn };

type Jsonc = typeof import('jsonc-parser');
let jsonc: Jsonc | undefined;

/**
 * jsonc-parser, loaded on first use: only text that JSON.parse refused, or a message that
 * needs a position, pays for it. Required (not imported): the launch bundle keeps it out of
 * its file, and a require from there starts no ES-module loader.
 */
export function jsoncParser(): Jsonc {
  return (jsonc ??= createRequire(import.meta.url)('jsonc-parser') as Jsonc);
}

export interface JsonProblem {
  /** 1-based, of the offending character (for a trailing comma: the comma). */
  line: number;
  column: number;
  offset: number;
  name: string;
}


const NAMES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: 'missing colon',
  CommaExpected: 'missing comma',
  CloseBraceExpected: 'missing }',
  CloseBracketExpected: 'missing ]',
  EndOfFileExpected: 'text after the end',
  InvalidCommentToken: 'comment (JSON has none)',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape',
  InvalidCharacter: 'control character in a string',
};

/** The comma before a closing } or ] at `offset`, when that is what the error is. */
function trailingCommaBefore(text: string, offset: number): number | undefined {
  const at = text[offset];
  if (at !== '}' && at !== ']') return undefined;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return text[i] === ',' ? i : undefined;
}

/** Every error of strict JSON (no comments, no trailing commas) in `text`; empty when it parses. */
export async function jsonProblems(text: string): Promise<JsonProblem[]> {
  const { parse, printParseErrorCode } = jsoncParser();
  const errors: import('jsonc-parser').ParseError[] = [];
  parse(text, errors, { allowTrailingComma: false, disallowComments: true });
  const out: JsonProblem[] = [];
  for (const e of errors) {
    const code = printParseErrorCode(e.error);
    const comma = code === 'PropertyNameExpected' || code === 'ValueExpected' ? trailingCommaBefore(text, e.offset) : undefined;
    const offset = comma ?? e.offset;
    const name = comma !== undefined ? 'trailing comma' : (NAMES[code] ?? code);
    // The parser may report one mistake twice (a trailing comma in an object is both "property name" and "value" expected).
    if (!out.some((p) => p.offset === offset && p.name === name)) out.push({ ...lineColumn(text, offset), offset, name });
  }
  return out;
}

/** "trailing comma at 3:10, missing comma at 5:1": every problem, in one line. */
export function describeJsonProblems(problems: readonly JsonProblem[]): string {
  return problems.map((p) => `${p.name} at ${p.line}:${p.column}`).join(', ');
}
