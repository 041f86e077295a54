/** The first word decides: a reserved verb runs that verb; `@NAME` or anything else launches claude. */
import { CcenvError, usageError } from './errors.js';
import { forTerminal } from './terminal.js';
import { CLAUDE_SUBCOMMANDS } from './claude/subcommands.js';
import { closest, didYouMean } from './suggest.js';

/** Words that are ccenv's own; everything else goes to claude. */
export const RESERVED_VERBS: ReadonlySet<string> = new Set([
  'run', 'exec', 'env', 'use', 'status', 'current', 'check', 'list', 'ls', 'show', 'add', 'edit', 'remove', 'rm',
  'rename', 'allow', 'deny', 'doctor', 'init', 'hook', 'completion', 'statusline', 'login', 'logout', 'ide', 'sync', 'health-hook', '--help', '--version',
  'export', 'import',
]);

/** Verbs that only Claude Code runs (a hook): reserved, never suggested. */
const HIDDEN_VERBS: ReadonlySet<string> = new Set(['health-hook']);

/** ccenv's spelled-out words, as a first word is compared with them for typos. */
const CCENV_WORDS: readonly string[] = [...RESERVED_VERBS].filter((v) => !v.startsWith('-') && !HIDDEN_VERBS.has(v)).concat('help', 'version');

/**
 * Words a newcomer guesses for what ccenv offers, each with the verbs that do it. None is a
 * ccenv verb or one of Claude Code's subcommands (test/unit/dispatch.test.ts checks): claude
 * would take any of them for a prompt.
 */
export const GUESSES: ReadonlyMap<string, readonly string[]> = new Map([
  ['profiles', ['list', 'show']],
  ['profile', ['list', 'show']],
  ['whoami', ['status']],
  ['which', ['status']],
  ['current-profile', ['status']],
  ['info', ['status']],
  ['config', ['show', 'edit']],
  ['configure', ['show', 'edit']],
  ['settings', ['show', 'edit']],
  ['switch', ['use']],
  ['select', ['use']],
  ['set', ['use']],
  ['delete', ['remove']],
  ['del', ['remove']],
  ['new', ['add']],
  ['create', ['add']],
]);

/** The verbs `cc` keeps for ccenv (the shell function runs them); every other word goes to claude. */
const CC_VERBS: ReadonlySet<string> = new Set(['use', 'allow', 'deny']);

/**
 * A first word that could be a slip of the keyboard rather than a prompt: one bare word of
 * ASCII letters (hyphens inside allowed, as in setup-token), at least two long. A prompt
 * with a space, a digit or punctuation ("fix the build", "why?") is never taken for a typo.
 * What follows the word does not matter: claude sends only its first word as the prompt.
 */
const LONE_WORD_RE = /^[A-Za-z][A-Za-z-]*[A-Za-z]$/;

export type Dispatch =
  | { to: 'verb'; argv: string[] }
  /** `verbatim`: after `--`, sent as given, not checked for a misplaced profile name. */
  | { to: 'launch'; argv: string[]; verbatim: boolean }
  | { to: 'typo'; word: string; suggestions: string[] };

/** Pure: which way a command line goes. `ccenv -- list` sends `list` to claude. */
export function dispatch(argv: readonly string[]): Dispatch {
  const [first, ...rest] = argv;
  if (first === undefined) return { to: 'launch', argv: [], verbatim: false };
  if (first === '--') return { to: 'launch', argv: rest, verbatim: true };
  if (first === '-h' || first === 'help') {
    const topic = rest[0];
    return { to: 'verb', argv: first === 'help' && topic !== undefined && RESERVED_VERBS.has(topic) && !topic.startsWith('-') ? [topic, '--help'] : ['--help'] };
  }
  if (first === 'version') return { to: 'verb', argv: ['--version', ...rest] };
  if (RESERVED_VERBS.has(first)) return { to: 'verb', argv: [...argv] };
  const suggestions = typoOf(first);
  if (suggestions.length > 0) return { to: 'typo', word: first, suggestions };
  return { to: 'launch', argv: [...argv], verbatim: false };
}

/** ccenv's words and Claude Code's subcommands that a lone first word looks like a slip for. */
function typoOf(word: string): string[] {
  if (!LONE_WORD_RE.test(word) || CLAUDE_SUBCOMMANDS.has(word)) return [];
  const guessed = GUESSES.get(word.toLowerCase());
  if (guessed) return [...guessed];
  const near = closest(word, [...CCENV_WORDS, ...CLAUDE_SUBCOMMANDS, ...GUESSES.keys()]);
  return [...new Set(near.flatMap((w) => GUESSES.get(w) ?? [w]))];
}

/** The message for a first word taken for a typo: what it looked like, and how to send it anyway. */
export function typoError(route: { word: string; suggestions: readonly string[] }): CcenvError {
  // A word that is also a ccenv verb (import, doctor) runs ccenv's here: only claude's own are labelled.
  const mean = didYouMean(route.suggestions, (s) => (CLAUDE_SUBCOMMANDS.has(s) && !RESERVED_VERBS.has(s) ? `${s} (Claude Code's)` : s));
  return usageError(`${route.word} is not a command; ${mean}`, `to send it to claude as a prompt: ccenv -- ${route.word}`);
}

/**
 * Under `cc` (which sends its words to claude): the error for a lone first word that claude
 * would take for a prompt, though it is ccenv's, a guess at ccenv's, or a slip for either or
 * for one of Claude Code's subcommands; undefined for anything else. Each suggestion is
 * spelled as it is reached: `cc mcp`, `cc use`, `ccenv list`. `self` is the function's name.
 */
export function ccTypo(word: string, self: string): CcenvError | undefined {
  if (!LONE_WORD_RE.test(word) || CLAUDE_SUBCOMMANDS.has(word)) return undefined;
  const own = CCENV_WORDS.includes(word);
  const suggestions = own ? [word] : typoOf(word);
  if (suggestions.length === 0) return undefined;
  const spelled = suggestions.flatMap((s): string[] => {
    if (s === 'help' || s === 'version') return [`${self} --${s}`];
    if (CC_VERBS.has(s)) return [`${self} ${s}`];
    if (!CLAUDE_SUBCOMMANDS.has(s)) return [`ccenv ${s}`];
    return RESERVED_VERBS.has(s) ? [`${self} ${s}`, `ccenv ${s}`] : [`${self} ${s}`];
  });
  const what = own ? `${word} is ccenv's command, not claude's` : `${word} is not a command`;
  return usageError(`${what}; ${didYouMean([...new Set(spelled)])}`, `to send it to claude as a prompt: ${self} -- ${word}`);
}

/** The one place errors are printed, escaped for the terminal (a message may quote a path or a value). */
export function reportError(error: unknown, writeRaw: (text: string) => void, debug: boolean): number {
  const write = (text: string) => writeRaw(forTerminal(text, { keepNewlines: true }));
  if (error instanceof CcenvError) {
    write(`ccenv: ${error.message}\n`);
    if (error.hint) write(`ccenv: ${error.hint}\n`);
    if (debug && error.stack) write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(`ccenv: internal error: ${message}\n`);
  write(debug && error instanceof Error && error.stack ? `${error.stack}\n` : 'ccenv: this is a bug; run again with CCENV_DEBUG=1 for details\n');
  return 70;
}
