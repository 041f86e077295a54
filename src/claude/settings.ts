/**
 * Claude Code's settings layers, read the way Claude Code reads them (strict JSON), with
 * positions: which file, which line, which key. Used by the launch (to override `env`
 * blocks that would fight the profile) and by doctor (to report them).
 */
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readBounded } from '../fs/bounded.js';
import type { Env } from '../paths.js';
import { describeJsonProblems, jsonProblems, lineColumn, type JsonProblem } from '../json-errors.js';

/** Highest first, as Claude Code ranks them (`--settings` sits between managed and local). */
export type SettingsLayer = 'managed' | 'local' | 'project' | 'user';

export interface Position {
  line: number;
  column: number;
}

export interface SettingsFile {
  layer: SettingsLayer;
  path: string;
  /** False when the file does not exist (nothing else is set then). */
  exists: boolean;
  /** Why the file could not be read or parsed; Claude Code ignores such a file. */
  error?: { message: string; problems?: JsonProblem[] } & Partial<Position>;
  /** The parsed object, when it parsed. */
  data?: Record<string, unknown>;
  /** Each top-level key's position, for pointing at `apiKeyHelper`, `forceLoginMethod`, ... */
  keys: Record<string, Position>;
  /** The `env` block: each variable with its value (stringified) and position. */
  env: Record<string, { value: string } & Position>;
}

/** Where the managed settings live on this platform. CCENV_MANAGED_SETTINGS_DIR moves it (tests). */
export function managedSettingsDir(env: Env, platform: NodeJS.Platform = process.platform): string {
  if (env.CCENV_MANAGED_SETTINGS_DIR) return env.CCENV_MANAGED_SETTINGS_DIR;
  if (platform === 'darwin') return '/Library/Application Support/ClaudeCode';
  if (platform === 'win32') return 'C:\\Program Files\\ClaudeCode';
  return '/etc/claude-code';
}

/** The user's Claude config directory: `configDir` (a profile's own), else $CLAUDE_CONFIG_DIR, else ~/.claude. */
export function claudeConfigDir(env: Env, configDir?: string): string {
  return configDir || env.CLAUDE_CONFIG_DIR || join(env.HOME || homedir(), '.claude');
}

/** Every settings file Claude Code would read from `cwd`, highest layer first. */
export function settingsPaths(env: Env, cwd: string, options: { configDir?: string; platform?: NodeJS.Platform } = {}): { layer: SettingsLayer; path: string }[] {
  const managed = managedSettingsDir(env, options.platform);
  const out: { layer: SettingsLayer; path: string }[] = [{ layer: 'managed', path: join(managed, 'managed-settings.json') }];
  try {
    const dropIns = readdirSync(join(managed, 'managed-settings.d'))
      .filter((f) => f.endsWith('.json'))
      .sort();
    for (const f of dropIns) out.push({ layer: 'managed', path: join(managed, 'managed-settings.d', f) });
  } catch {
    // no drop-in directory
  }
  out.push(
    { layer: 'local', path: join(cwd, '.claude', 'settings.local.json') },
    { layer: 'project', path: join(cwd, '.claude', 'settings.json') },
    { layer: 'user', path: join(claudeConfigDir(env, options.configDir), 'settings.json') },
  );
  return out;
}

/** Parses settings text strictly (no comments, no trailing commas), keeping positions. */
export async function parseSettings(layer: SettingsLayer, path: string, text: string): Promise<SettingsFile> {
  const { parseTree, getNodeValue } = await import('jsonc-parser');
  const file: SettingsFile = { layer, path, exists: true, keys: {}, env: {} };
  const errors: import('jsonc-parser').ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0) {
    const problems = await jsonProblems(text);
    const first = problems[0] ?? { line: 1, column: 1 };
    file.error = { message: `invalid JSON: ${describeJsonProblems(problems)}`, problems, line: first.line, column: first.column };
    return file;
  }
  if (!root || root.type !== 'object') {
    file.error = { message: 'expected a JSON object', line: 1, column: 1 };
    return file;
  }
  file.data = getNodeValue(root) as Record<string, unknown>;
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || typeof keyNode.value !== 'string') continue;
    file.keys[keyNode.value] = lineColumn(text, keyNode.offset);
    if (keyNode.value === 'env' && valueNode?.type === 'object') {
      for (const variable of valueNode.children ?? []) {
        const [name, value] = variable.children ?? [];
        if (!name || typeof name.value !== 'string' || !value) continue;
        const raw = getNodeValue(value) as unknown;
        file.env[name.value] = { value: typeof raw === 'string' ? raw : JSON.stringify(raw), ...lineColumn(text, name.offset) };
      }
    }
  }
  return file;
}

/** Far above any real settings file; a bound still, since a project's file may be anything (a FIFO, a link into /proc). */
export const MAX_SETTINGS_BYTES = 4 << 20;

export async function readSettingsFile(layer: SettingsLayer, path: string): Promise<SettingsFile> {
  let text: string;
  try {
    text = readBounded(path, MAX_SETTINGS_BYTES).toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { layer, path, exists: false, keys: {}, env: {} };
    return { layer, path, exists: true, keys: {}, env: {}, error: { message: `cannot read: ${(error as Error).message}` } };
  }
  return parseSettings(layer, path, text);
}

/** All settings layers as Claude Code would see them from `cwd`, highest first; missing files included with exists=false. */
export async function readSettingsLayers(env: Env, cwd: string, options: { configDir?: string; platform?: NodeJS.Platform } = {}): Promise<SettingsFile[]> {
  return Promise.all(settingsPaths(env, cwd, options).map(({ layer, path }) => readSettingsFile(layer, path)));
}
