import { describe, expect, it } from 'vitest';
import { ccTypo, dispatch, GUESSES, RESERVED_VERBS, typoError } from '../../src/dispatch.js';
import { CLAUDE_SUBCOMMANDS } from '../../src/claude/subcommands.js';

const route = (line: string) => dispatch(line === '' ? [] : line.split(' '));

describe('the first word decides', () => {
  it.each([
    ['', 'launch', []],
    ['list', 'verb', ['list']],
    ['ls', 'verb', ['ls']],
    ['add x --kind api-key', 'verb', ['add', 'x', '--kind', 'api-key']],
    ['check --all --json', 'verb', ['check', '--all', '--json']],
    ['login --repair max', 'verb', ['login', '--repair', 'max']],
    ['logout max2', 'verb', ['logout', 'max2']],
    ['--help', 'verb', ['--help']],
    ['--version', 'verb', ['--version']],
    ['@work -p hi', 'launch', ['@work', '-p', 'hi']],
    ['-p fix', 'launch', ['-p', 'fix']],
    ['--resume', 'launch', ['--resume']],
    ['mcp list', 'launch', ['mcp', 'list']],
    ['auth status', 'launch', ['auth', 'status']],
  ])('%j goes to %s with %j', (line, to, argv) => {
    expect(route(line)).toEqual(to === 'verb' ? { to, argv } : { to, argv, verbatim: false });
  });

  it.each([
    ['-- list', ['list']],
    ['-- -- x', ['--', 'x']],
    ['-- staus', ['staus']],
    ['-- gw -p hi', ['gw', '-p', 'hi']],
    ['-- @gw', ['@gw']],
  ])('%j goes to claude as given, unchecked', (line, argv) => {
    expect(route(line)).toEqual({ to: 'launch', argv, verbatim: true });
  });
});

describe("help and version are ccenv's own", () => {
  it.each([
    ['-h', ['--help']],
    ['help', ['--help']],
    ['help add', ['add', '--help']],
    ['help me fix this', ['--help']],
    ['-h -p', ['--help']],
    ['version', ['--version']],
  ])('%j runs %j', (line, argv) => {
    expect(route(line)).toEqual({ to: 'verb', argv });
  });
});

describe('a lone first word close to a command stops', () => {
  it.each([
    ['staus', ['status']],
    ['stauts', ['status']],
    ['Status', ['status', 'statusline']],
    ['lsit', ['list']],
    ['shwo work', ['show']],
    ['remvoe gw', ['remove']],
    ['hlep', ['help']],
    ['verison', ['version']],
    ['stat', ['status', 'statusline']],
    ['comp', ['completion']],
    ['doc', ['doctor']],
    ['docter', ['doctor']],
    ['status-line', ['statusline']],
    ['atuh', ['auth']],
    ['agent', ['agents']],
    ['setup-tokn', ['setup-token']],
    ['chekc', ['check']],
    ['chek @work', ['check']],
  ])('%j: did you mean %j', (line, suggestions) => {
    const r = route(line);
    expect(r).toMatchObject({ to: 'typo', word: line.split(' ')[0] });
    expect(r.to === 'typo' && r.suggestions).toEqual(suggestions);
  });

  it.each([
    ['a prompt with spaces', 'fix the build'],
    ['a prompt with punctuation', 'why?'],
    ['a prompt with a digit', 'v2'],
    ["Claude Code's subcommand logs, one edit from ls", 'logs'],
    ["Claude Code's subcommand stop, two edits from show", 'stop'],
    ["Claude Code's hidden subcommand", 'daemon'],
    ['a single letter', 'x'],
    ['a short word far from every command', 'hi'],
    ['a word close to nothing', 'explain'],
    ['an option', '--staus'],
    ['a profile', '@staus'],
  ])('not %s (%j)', (_what, word) => {
    expect(dispatch([word]).to).toBe('launch');
  });

  it('says how to send the word anyway', () => {
    const error = typoError({ word: 'lgos', suggestions: ['logs', 'ls'] });
    expect(error.message).toBe("lgos is not a command; did you mean logs (Claude Code's) or ls?");
    expect(error.hint).toBe('to send it to claude as a prompt: ccenv -- lgos');
    expect(error.exitCode).toBe(2);
  });
});

describe('a word a newcomer guesses stops with what ccenv offers', () => {
  it.each([
    ['config', ['show', 'edit']],
    ['settings', ['show', 'edit']],
    ['configure', ['show', 'edit']],
    ['confg', ['show', 'edit']],
    ['profiles', ['list', 'show']],
    ['profile list', ['list', 'show']],
    ['whoami', ['status']],
    ['which', ['status']],
    ['current-profile', ['status']],
    ['info', ['status']],
    ['switch work', ['use']],
    ['select', ['use']],
    ['set', ['use']],
    ['delete gw', ['remove']],
    ['del', ['remove']],
    ['new', ['add']],
    ['create', ['add']],
  ])('%j: did you mean %j', (line, suggestions) => {
    const r = route(line);
    expect(r).toMatchObject({ to: 'typo', word: line.split(' ')[0] });
    expect(r.to === 'typo' && r.suggestions).toEqual(suggestions);
  });

  it("no guess is a ccenv verb or one of Claude Code's subcommands", () => {
    expect(GUESSES.size).toBeGreaterThan(10);
    for (const [word] of GUESSES) {
      expect(RESERVED_VERBS.has(word), word).toBe(false);
      expect(CLAUDE_SUBCOMMANDS.has(word), word).toBe(false);
    }
  });

  it('says how to send a guess anyway', () => {
    const error = typoError({ word: 'config', suggestions: ['show', 'edit'] });
    expect(error.message).toBe('config is not a command; did you mean show or edit?');
    expect(error.hint).toBe('to send it to claude as a prompt: ccenv -- config');
  });
});

describe("a suggestion is labelled Claude Code's only when ccenv has no such verb", () => {
  it.each([
    ['imoprt', 'imoprt is not a command; did you mean import?'],
    ['mpc', "mpc is not a command; did you mean mcp (Claude Code's)?"],
  ])('%j', (word, message) => {
    const r = dispatch([word]);
    expect(r.to === 'typo' && typoError(r).message).toBe(message);
  });
});

describe('under cc, a first word that claude would take for a prompt stops', () => {
  it.each([
    ['mpc', 'mpc is not a command; did you mean cc mcp?'],
    ['doctr', 'doctr is not a command; did you mean cc doctor or ccenv doctor?'],
    ['list', "list is ccenv's command, not claude's; did you mean ccenv list?"],
    ['status', "status is ccenv's command, not claude's; did you mean ccenv status?"],
    ['staus', 'staus is not a command; did you mean ccenv status?'],
    ['profiles', 'profiles is not a command; did you mean ccenv list or ccenv show?'],
    ['switch', 'switch is not a command; did you mean cc use?'],
    ['alow', 'alow is not a command; did you mean cc allow?'],
    ['help', "help is ccenv's command, not claude's; did you mean cc --help?"],
  ])('cc %s', (word, message) => {
    const error = ccTypo(word, 'cc');
    expect(error?.message).toBe(message);
    expect(error?.hint).toBe(`to send it to claude as a prompt: cc -- ${word}`);
    expect(error?.exitCode).toBe(2);
  });

  it('names the function as it was given', () => {
    expect(ccTypo('mpc', 'claudew')?.message).toBe('mpc is not a command; did you mean claudew mcp?');
    expect(ccTypo('mpc', 'claudew')?.hint).toBe('to send it to claude as a prompt: claudew -- mpc');
  });

  it.each(['doctor', 'mcp', 'import', 'rm', 'logs', 'fix the build', 'why?', 'v2', 'hi', 'explain', '-p', '--resume', 'x'])('not %j', (word) => {
    expect(ccTypo(word, 'cc')).toBeUndefined();
  });
});
