import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/dispatch.js';

const route = (line: string) => dispatch(line === '' ? [] : line.split(' '));

describe('the first word decides', () => {
  it.each([
    ['', 'launch', []],
    ['list', 'verb', ['list']],
    ['ls', 'verb', ['ls']],
    ['add x --kind api-key', 'verb', ['add', 'x', '--kind', 'api-key']],
    ['--help', 'verb', ['--help']],
    ['--version', 'verb', ['--version']],
    ['@work -p hi', 'launch', ['@work', '-p', 'hi']],
    ['-p fix', 'launch', ['-p', 'fix']],
    ['--resume', 'launch', ['--resume']],
    ['mcp list', 'launch', ['mcp', 'list']],
    ['auth status', 'launch', ['auth', 'status']],
    ['-- list', 'launch', ['list']],
    ['-- -- x', 'launch', ['--', 'x']],
    ['-h', 'launch', ['-h']],
  ])('%j goes to %s with %j', (line, to, argv) => {
    expect(route(line)).toEqual({ to, argv });
  });
});
