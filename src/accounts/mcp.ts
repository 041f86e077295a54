/**
 * User-scope MCP servers live in `.claude.json`, which also holds the account's own data
 * and cannot be shared whole: the main file's `mcpServers` are merged by key into each
 * own-login directory's file. A server defined only in the account's file is never
 * dropped; a server that came from the main file and was removed there goes, unless it was
 * changed in the account since. A file that does not parse is never rewritten. The write
 * holds Claude Code's own lock on the file (`.claude.json.lock`, proper-lockfile).
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { GLOBAL_CONFIG_LIMIT, globalConfigFile, MCP_SERVERS_KEY } from '../claude/account-files.js';
import { readBounded } from '../fs/bounded.js';
import { replaceFile } from '../fs/replace.js';
import { withFileLock } from '../lock.js';
import type { Env } from '../paths.js';

/** Beside the account's files: what the last merge brought, as hashes (never the servers themselves). */
export const SYNC_RECORD = '.ccenv-sync.json';

type Servers = Record<string, unknown>;

export interface SyncRecord {
  /** `mtimeMs:size` of the main file at the last merge; the merge is skipped while it is the same. */
  main?: string;
  /** Each server the last merge brought from the main file, by a hash of its definition. */
  servers: Record<string, string>;
}

export function serverHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value) ?? '').digest('hex').slice(0, 32);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Pure: the account's config with the main servers merged in. The main file wins for its
 * own keys; the account keeps the rest. A server brought by an earlier merge and gone from
 * the main file since is removed only when the account still holds it unchanged.
 */
export function mergeServers(account: Record<string, unknown>, main: Servers, previous: Record<string, string>): { next: Record<string, unknown>; servers: Record<string, string>; changed: boolean } {
  const own: Servers = isObject(account[MCP_SERVERS_KEY]) ? (account[MCP_SERVERS_KEY] as Servers) : {};
  const merged: Servers = { ...own };
  for (const [name, hash] of Object.entries(previous)) {
    if (!Object.hasOwn(main, name) && Object.hasOwn(merged, name) && serverHash(merged[name]) === hash) delete merged[name];
  }
  const servers: Record<string, string> = {};
  for (const [name, value] of Object.entries(main)) {
    merged[name] = value;
    servers[name] = serverHash(value);
  }
  const changed = JSON.stringify(merged) !== JSON.stringify(own) || (!isObject(account[MCP_SERVERS_KEY]) && Object.keys(merged).length > 0);
  const next = { ...account };
  if (Object.keys(merged).length > 0 || Object.hasOwn(account, MCP_SERVERS_KEY)) next[MCP_SERVERS_KEY] = merged;
  return { next, servers, changed };
}

function readRecord(dir: string): SyncRecord {
  try {
    const data = JSON.parse(readBounded(join(dir, SYNC_RECORD), 1 << 20).toString('utf8')) as SyncRecord;
    if (isObject(data) && isObject(data.servers)) return data;
  } catch {
    // none yet, or unreadable: a full merge
  }
  return { servers: {} };
}

function stampOf(file: string): string {
  try {
    const s = statSync(file);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return 'none';
  }
}

function parseObject(file: string): Record<string, unknown> | 'missing' | Error {
  let text: string;
  try {
    text = readBounded(file, GLOBAL_CONFIG_LIMIT).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    return error as Error;
  }
  try {
    const data: unknown = JSON.parse(text);
    if (isObject(data)) return data;
    return new Error('not a JSON object');
  } catch (error) {
    return error as Error;
  }
}

/**
 * Brings the main file's servers into the account's `.claude.json`. Returns a note when
 * something stopped it (nothing changed then); undefined when all is in step. `force`
 * merges even when the main file did not change since the last merge (`ccenv sync`).
 */
export async function syncMcpServers(env: Env, dir: string, options: { force?: boolean } = {}): Promise<string | undefined> {
  const mainFile = globalConfigFile(env);
  const record = readRecord(dir);
  const stamp = stampOf(mainFile);
  if (!options.force && record.main === stamp) return undefined;
  const main = parseObject(mainFile);
  if (main instanceof Error) return `${mainFile} could not be read (${main.message}): user MCP servers were not brought to this account`;
  const mainServers: Servers = main !== 'missing' && isObject(main[MCP_SERVERS_KEY]) ? (main[MCP_SERVERS_KEY] as Servers) : {};
  const accountFile = globalConfigFile(env, dir);
  let note: string | undefined;
  await withFileLock(
    accountFile,
    async () => {
      const account = parseObject(accountFile);
      if (account instanceof Error) {
        note = `${accountFile} could not be read (${account.message}); ccenv never rewrites such a file: user MCP servers were not merged`;
        return;
      }
      const { next, servers, changed } = mergeServers(account === 'missing' ? {} : account, mainServers, record.servers);
      if (changed) replaceFile(accountFile, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600, exact: true });
      replaceFile(join(dir, SYNC_RECORD), `${JSON.stringify({ main: stamp, servers } satisfies SyncRecord)}\n`, { mode: 0o600, exact: true });
    },
    { notice: () => {} },
  );
  return note;
}
