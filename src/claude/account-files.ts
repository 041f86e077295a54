/**
 * What of a Claude config directory belongs to the account logged in there, and what is the
 * user's one setup, shared by every account (see docs/claude-code.md, "Several accounts").
 * Observed on 2.1.332; the binary's own list of per-instance data holds `.claude.json`,
 * `.credentials.json`, `projects`, `sessions`, `todos`, `shell-snapshots`, `statsig`,
 * `file-history`, `history.jsonl`, `backups`, ...
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../paths.js';

/** The user's setup: linked from each own-login directory to the main one, whatever of it exists. */
export const SHARED_ITEMS: readonly string[] = [
  'settings.json',
  'CLAUDE.md',
  'agents',
  'commands',
  'skills',
  'output-styles',
  'plugins',
  'hooks',
  // Claude Code also scans ~/.claude/ide when CLAUDE_CONFIG_DIR is set; the link makes it the same place.
  'ide',
];

/** History: the account's own unless the profile shares it. */
export const HISTORY_ITEM = 'projects';

/** The account's own: its login, account data and project trust, history, todos, sessions. Never linked. */
export const ACCOUNT_ITEMS: readonly string[] = [
  '.credentials.json',
  '.claude.json',
  'projects',
  'sessions',
  'todos',
  'shell-snapshots',
  'statsig',
  'file-history',
  'history.jsonl',
  'backups',
];

/** The login file in a config directory (Linux, Windows; macOS keeps it in the Keychain). */
export const CREDENTIALS_FILE = '.credentials.json';

/** The user's main Claude directory, which every own-login directory shares its setup with. */
export function mainClaudeDir(env: Env): string {
  return join(env.HOME || homedir(), '.claude');
}

/**
 * Where Claude Code keeps preferences, account data, project trust and user MCP servers:
 * `$CLAUDE_CONFIG_DIR/.claude.json`, or `~/.claude.json` (beside, not inside, ~/.claude).
 */
/** `.claude.json` grows with project history (megabytes of it): the bound it is read with, wherever it is read. */
export const GLOBAL_CONFIG_LIMIT = 64 << 20;

export function globalConfigFile(env: Env, configDir?: string): string {
  return configDir ? join(configDir, '.claude.json') : join(env.HOME || homedir(), '.claude.json');
}

/** The key of `.claude.json` that holds user-scope MCP servers (`claude mcp add --scope user`). */
export const MCP_SERVERS_KEY = 'mcpServers';

/** Who is logged in, as Claude Code stored it in `.claude.json` (`claude auth status` reads the same). */
export interface StoredAccount {
  email?: string;
  organization?: string;
  organizationId?: string;
  accountId?: string;
  /** `planDisplayName` ("Max 5x"), when Claude Code recorded it. */
  planName?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The `oauthAccount` block of a parsed `.claude.json`. */
export function storedAccount(data: unknown): StoredAccount | undefined {
  const account = (data as { oauthAccount?: unknown } | null)?.oauthAccount;
  if (!account || typeof account !== 'object') return undefined;
  const a = account as Record<string, unknown>;
  const out: StoredAccount = {};
  const fields: [keyof StoredAccount, string][] = [
    ['email', 'emailAddress'],
    ['organization', 'organizationName'],
    ['organizationId', 'organizationUuid'],
    ['accountId', 'accountUuid'],
    ['planName', 'planDisplayName'],
  ];
  for (const [key, source] of fields) {
    const value = text(a[source]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}
