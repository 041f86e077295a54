/**
 * A profile named where claude would take it for a prompt: `ccenv gw -p hi` (the first word
 * without its @) or `ccenv -p hi @gw` (a bare `@NAME` word after the first). Either stops
 * the launch with the command line that was meant; `ccenv -- gw` sends the word anyway.
 */
import { CLAUDE_SUBCOMMANDS } from '../claude/subcommands.js';
import { CcenvError, USAGE_EXIT } from '../errors.js';
import { ansiCQuote } from '../shells/ansi-c.js';

export interface TypedWords {
  /** How the command began: `ccenv`, `ccenv run`, `ccenv exec`. */
  spelled: string;
  /** The `@NAME` already given first, if any. */
  atName?: string;
  /** What followed (and would go to claude, or be run by exec). */
  args: readonly string[];
  /** exec runs any command: only its first word is checked. */
  firstOnly?: boolean;
}

/** An error naming the command line that was meant, or undefined when nothing looks misplaced. */
export function misplacedProfile(typed: TypedWords, isProfile: (name: string) => boolean): CcenvError | undefined {
  const { spelled, atName, args } = typed;
  const first = args[0];
  if (atName === undefined && first !== undefined && !first.startsWith('-') && !CLAUDE_SUBCOMMANDS.has(first) && isProfile(first)) {
    const meant = line(spelled, [`@${first}`, ...args.slice(1)]);
    // exec runs a command; everything else hands claude a prompt
    const not = typed.firstOnly || spelled === 'ccenv exec' ? 'a command' : 'a prompt';
    return stop(`${first} is a profile, not ${not}; did you mean: ${meant}`, line(spelled, ['--', ...args]));
  }
  if (typed.firstOnly) return undefined;
  const end = args.indexOf('--');
  const words = end === -1 ? args : args.slice(0, end);
  const at = words.findIndex((w) => w.length > 1 && w.startsWith('@') && isProfile(w.slice(1)));
  if (at === -1) return undefined;
  const word = words[at]!;
  const given = atName === undefined ? [] : [`@${atName}`];
  const unchanged = line(spelled, [...given, ...args.slice(0, at), '--', ...args.slice(at)]);
  if (atName !== undefined) return stop(`${word} comes after @${atName}: a launch takes one profile, named first`, unchanged);
  const meant = line(spelled, [word, ...args.filter((_, i) => i !== at)]);
  return stop(`${word} names a profile but is not the first word; did you mean: ${meant}`, unchanged);
}

function stop(message: string, unchanged: string): CcenvError {
  return new CcenvError(message, { hint: `to pass the words on unchanged: ${unchanged}`, exitCode: USAGE_EXIT });
}

/** A command line as a user could type it again; any word that would not survive is quoted inert. */
function line(spelled: string, words: readonly string[]): string {
  const quoted = words
    .map((w) => (w.length > 80 ? `${w.slice(0, 77)}...` : w))
    .map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : /^[\x20-\x7e]*$/.test(w) ? `'${w.replace(/'/g, `'\\''`)}'` : ansiCQuote(w)));
  return [spelled, ...quoted].join(' ');
}
