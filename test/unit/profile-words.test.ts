import { describe, expect, it } from 'vitest';
import { misplacedProfile, type TypedWords } from '../../src/launch/profile-words.js';

const PROFILES = new Set(['gw', 'work', 'mcp', 'subscription']);
const check = (typed: TypedWords) => misplacedProfile(typed, (name) => PROFILES.has(name));
const words = (line: string) => (line === '' ? [] : line.split(' '));

describe('a profile named where claude would take it for a prompt stops the launch', () => {
  it.each([
    ['ccenv', undefined, 'gw -p hi', 'gw is a profile, not a prompt; did you mean: ccenv @gw -p hi', 'ccenv -- gw -p hi'],
    ['ccenv run', undefined, 'gw', 'gw is a profile, not a prompt; did you mean: ccenv run @gw', 'ccenv run -- gw'],
    ['ccenv exec', undefined, 'gw -- env', 'gw is a profile, not a command; did you mean: ccenv exec @gw -- env', 'ccenv exec -- gw -- env'],
    ['ccenv', undefined, 'subscription', 'subscription is a profile, not a prompt; did you mean: ccenv @subscription', 'ccenv -- subscription'],
    ['ccenv', undefined, '-p hi @gw', '@gw names a profile but is not the first word; did you mean: ccenv @gw -p hi', 'ccenv -p hi -- @gw'],
    ['ccenv run', undefined, '--resume @work x', '@work names a profile but is not the first word; did you mean: ccenv run @work --resume x', 'ccenv run --resume -- @work x'],
    ['ccenv', 'work', '-p hi @gw', '@gw comes after @work: a launch takes one profile, named first', 'ccenv @work -p hi -- @gw'],
  ])('%s [@%s] %s', (spelled, atName, line, message, unchanged) => {
    const error = check({ spelled, args: words(line), ...(atName ? { atName } : {}) });
    expect(error?.message).toBe(message);
    expect(error?.hint).toBe(`to pass the words on unchanged: ${unchanged}`);
    expect(error?.exitCode).toBe(2);
  });

  it.each([
    ['no words', undefined, ''],
    ['a prompt', undefined, 'fix the build'],
    ['a word that is no profile', undefined, 'gwx -p hi'],
    ['@NAME inside a prompt word', undefined, '-p ask_@gw'],
    ['@NAME of no profile', undefined, '-p hi @nope'],
    ['@NAME after --', undefined, '-p -- @gw'],
    ['a profile after --', undefined, '-- gw'],
    ["a profile named like Claude Code's subcommand", undefined, 'mcp list'],
    ['the first word after @NAME', 'work', 'gw'],
    ['an option', undefined, '--gw'],
    ['a lone @', undefined, '-p @'],
  ])('not: %s', (_what, atName, line) => {
    expect(check({ spelled: 'ccenv', args: words(line), ...(atName ? { atName } : {}) })).toBeUndefined();
  });

  it('exec checks only its first word: the rest is any command line', () => {
    expect(check({ spelled: 'ccenv exec', args: ['echo', '@gw'], firstOnly: true })).toBeUndefined();
  });

  it('a prompt with spaces shows quoted, and a control character inert', () => {
    expect(check({ spelled: 'ccenv', args: ['-p', 'ask @gw now', '@gw'] })?.message).toBe(
      "@gw names a profile but is not the first word; did you mean: ccenv @gw -p 'ask @gw now'",
    );
    expect(check({ spelled: 'ccenv', args: ['gw', 'a\u001b[2Jb'] })?.message).toBe("gw is a profile, not a prompt; did you mean: ccenv @gw $'a\\x1b[2Jb'");
  });
});
