import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance, isCloseTo } from '../../src/suggest.js';

describe('editDistance (Damerau-Levenshtein, adjacent swaps)', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['status', 'status', 0],
    ['staus', 'status', 1],
    ['stauts', 'status', 1],
    ['lsit', 'list', 1],
    ['remvoe', 'remove', 1],
    ['ab', 'ba', 1],
    ['hi', 'ls', 2],
    ['kitten', 'sitting', 3],
  ])('%j -> %j: %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('isCloseTo', () => {
  it.each([
    ['staus', 'status', true],
    ['work-apii', 'work-api', true],
    ['wrok', 'work', true],
    ['st', 'status', true],
    ['s', 'status', false],
    ['hi', 'ls', false],
    ['yes', 'use', false],
    ['test', 'list', true],
    ['WORK', 'work', true],
    ['personal', 'work', false],
  ])('%j close to %j: %s', (word, known, close) => {
    expect(isCloseTo(word, known)).toBe(close);
  });
});

describe('closest and didYouMean', () => {
  it('keeps only the nearest: the words it starts, else the fewest edits away', () => {
    expect(closest('stat', ['start', 'personal', 'statusline', 'status'])).toEqual(['statusline', 'status']);
    expect(closest('lsit', ['ls', 'edit', 'list'])).toEqual(['list']);
    expect(closest('lst', ['ls', 'list', 'last'])).toEqual(['ls', 'list', 'last']);
    expect(closest('wrok', ['personal', 'work-api', 'work'])).toEqual(['work']);
    expect(closest('zzz', ['work'])).toEqual([]);
  });

  it.each([
    [[], ''],
    [['a'], 'did you mean a?'],
    [['a', 'b'], 'did you mean a or b?'],
    [['a', 'b', 'c', 'd'], 'did you mean a, b or c?'],
  ])('%j: %j', (list, text) => {
    expect(didYouMean(list)).toBe(text);
  });
});
