import { describe, expect, it } from 'vitest';
import { describeJsonProblems, jsonProblems } from '../../src/json-errors.js';

describe('every JSON error, with line:column and a plain name', () => {
  it.each([
    ['one trailing comma', '{\n  "a": 1,\n}\n', ['2:9 trailing comma']],
    ['several trailing commas', '{\n  "a": [1, 2,],\n  "b": { "c": 1, },\n}\n', ['2:13 trailing comma', '3:16 trailing comma', '3:19 trailing comma']],
    ['a comment', '// hi\n{}', ['1:1 comment (JSON has none)']],
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', ['3:3 missing comma']],
    ['a key without quotes', '{ a: 1 }', ['1:3 unexpected character', '1:4 property name expected', '1:8 value expected']],
    ['a cut-off file', '{\n  "a": {\n', ['3:1 missing }']],
    ['valid JSON', '{"a": [1]}', []],
  ])('%s', async (_, text, expected) => {
    const problems = await jsonProblems(text);
    expect(problems.map((p) => `${p.line}:${p.column} ${p.name}`)).toEqual(expected);
  });

  it('says it in one line', async () => {
    expect(describeJsonProblems(await jsonProblems('{\n  "a": 1,\n  "b": [2,],\n}'))).toBe('trailing comma at 3:10, trailing comma at 3:12');
  });
});
