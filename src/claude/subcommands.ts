/**
 * Claude Code's own subcommands, as data: the launch must not start claude to ask. Taken
 * from the "Commands:" section of `claude --help` of the pinned version (aliases included,
 * as `plugin|plugins` lists them); test/e2e/claude-subcommands.test.ts re-derives the list
 * from the installed claude and fails when an upgrade adds or drops one.
 */

/** The Claude Code version this list was read from. */
export const SUBCOMMANDS_SEEN_IN = '2.1.332';

/** Listed by `claude --help`, each name and alias. */
export const LISTED_SUBCOMMANDS: readonly string[] = [
  'agents', 'attach', 'auth', 'auto-mode', 'doctor', 'gateway', 'import', 'install', 'logs', 'mcp',
  'plugin', 'plugins', 'purge', 'respawn', 'rm', 'setup-token', 'stop', 'kill', 'ultrareview', 'update', 'upgrade',
];

/** Not listed by `claude --help`, but subcommands all the same (`claude daemon --help` answers). */
export const HIDDEN_SUBCOMMANDS: readonly string[] = ['daemon'];

/** Every first word that claude takes as a subcommand rather than as a prompt. */
export const CLAUDE_SUBCOMMANDS: ReadonlySet<string> = new Set([...LISTED_SUBCOMMANDS, ...HIDDEN_SUBCOMMANDS]);

/**
 * How a subscription login is started and ended from a program (2.1.332): `claude auth
 * login` (default --claudeai; it prints the sign-in URL, opens a browser, and waits for the
 * code on the terminal) and `claude auth logout` (removes the stored login: the
 * `.credentials.json` file, or the macOS Keychain item). Re-checked by
 * test/e2e/login-real-claude.test.ts.
 */
export const AUTH_LOGIN: readonly string[] = ['auth', 'login'];
export const AUTH_LOGOUT: readonly string[] = ['auth', 'logout'];
