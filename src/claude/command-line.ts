/**
 * Claude Code's own command line: its subcommands and long options, as `claude --help`
 * lists them (2.1.332). The `cc` function sends every word to claude, so its completions
 * offer these. Re-checked against the pinned claude by test/e2e/shell-cc.test.ts.
 */
import { LISTED_SUBCOMMANDS } from './subcommands.js';
/** The subcommands `claude --help` lists: one list, in src/claude/subcommands.ts. */
export const CLAUDE_SUBCOMMANDS: readonly string[] = LISTED_SUBCOMMANDS;

export const CLAUDE_OPTIONS: readonly string[] = [
  '--add-dir', '--agent', '--agents', '--allow-dangerously-skip-permissions', '--allowed-tools', '--allowedTools',
  '--append-system-prompt', '--autocompact', '--ax-screen-reader', '--background', '--bare', '--betas', '--bg',
  '--brief', '--chrome', '--cloud', '--continue', '--dangerously-skip-permissions', '--debug', '--debug-file',
  '--desktop', '--disable-slash-commands', '--disallowed-tools', '--disallowedTools', '--effort', '--environment',
  '--exclude-dynamic-system-prompt-sections', '--fallback-model', '--file', '--fork-session',
  '--forward-subagent-text', '--from-pr', '--help', '--ide', '--include-hook-events', '--include-partial-messages',
  '--input-format', '--json-schema', '--max-budget-usd', '--mcp-config', '--model', '--name', '--no-chrome',
  '--no-session-persistence', '--output-format', '--permission-mode', '--permission-prompts', '--plugin-dir',
  '--plugin-url', '--print', '--prompt-suggestions', '--remote-control', '--remote-control-session-name-prefix',
  '--replay-user-messages', '--restricted', '--resume', '--safe-mode', '--session-id', '--setting-sources',
  '--settings', '--strict-mcp-config', '--system-prompt', '--system-prompt-snapshot', '--teleport', '--tmux',
  '--tools', '--verbose', '--version', '--worktree',
];

/** The subcommands and long options in the text of `claude --help`, sorted. */
export function parseClaudeHelp(text: string): { subcommands: string[]; options: string[] } {
  const [optionPart = '', commandPart = ''] = text.split(/\nCommands:\n/);
  const options = [...optionPart.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)(?:, (--[\w-]+))?/gm)].flatMap((m) => [m[1]!, m[2]].filter((w): w is string => !!w));
  const subcommands = [...commandPart.matchAll(/^ {2}([\w-]+)(?:\|([\w-]+))?/gm)].flatMap((m) => [m[1]!, m[2]].filter((w): w is string => !!w));
  return { subcommands: subcommands.sort(), options: options.sort() };
}
