/**
 * Claude Code's settings layers, read the way Claude Code reads them (strict JSON), with
 * positions: which file, which line, which key. Used by the launch (to override `env`
 * blocks that would fight the profile) and by doctor (to report them).
 */
import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readBounded } from '../fs/bounded.js';
import type { Env } from '../paths.js';
import { describeJsonProblems, jsonProblems, jsoncParser, lineColumn, type JsonProblem } from '../json-errors.js';

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
  /**
   * Why the file could not be read or parsed; Claude Code ignores such a file. Without a
   * line it could not be read, and the message says why only ("not a regular file (a FIFO)").
   */
  error?: { message: string; problems?: JsonProblem[]; /** Why it could not be read: EACCES, ENOTREG, EFBIG, ... */ code?: string } & Partial<Position>;
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
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return parseWithPositions(layer, path, text);
  }
  const file: SettingsFile = { layer, path, exists: true, keys: {}, env: {} };
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    file.error = { message: 'expected a JSON object', line: 1, column: 1 };
    return file;
  }
  // The common case, on every launch: JSON.parse, and positions found only if a message asks.
  const data = parsed as Record<string, unknown>;
  file.data = data;
  let positions: Positions | undefined;
  const found = () => (positions ??= positionsIn(text));
  for (const key of Object.keys(data)) file.keys[key] = positioned({}, () => found().keys[key]);
  const env = data.env;
  if (typeof env === 'object' && env !== null && !Array.isArray(env)) {
    for (const [name, raw] of Object.entries(env)) {
      file.env[name] = positioned({ value: typeof raw === 'string' ? raw : JSON.stringify(raw) }, () => found().env[name]);
    }
  }
  return file;
}

interface Positions {
  keys: Record<string, Position>;
  env: Record<string, Position>;
}

/** `target` with `line` and `column` that are looked up when first read. */
function positioned<T extends object>(target: T, where: () => Position | undefined): T & Position {
  return Object.defineProperties(target, {
    line: { enumerable: true, get: () => where()?.line ?? 1 },
    column: { enumerable: true, get: () => where()?.column ?? 1 },
  }) as T & Position;
}

/** Where each top-level key and each `env` variable of a valid settings text is (the last of duplicates, as JSON.parse keeps). */
function positionsIn(text: string): Positions {
  const out: Positions = { keys: Object.create(null) as Record<string, Position>, env: Object.create(null) as Record<string, Position> };
  const root = jsoncParser().parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
  for (const property of root?.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || typeof keyNode.value !== 'string') continue;
    out.keys[keyNode.value] = lineColumn(text, keyNode.offset);
    if (keyNode.value === 'env' && valueNode?.type === 'object') {
      for (const variable of valueNode.children ?? []) {
        const name = variable.children?.[0];
        if (name && typeof name.value === 'string') out.env[name.value] = lineColumn(text, name.offset);
      }
    }
  }
  return out;
}

/** Text that JSON.parse refused: every problem with its line and column. */
async function parseWithPositions(layer: SettingsLayer, path: string, text: string): Promise<SettingsFile> {
  const file: SettingsFile = { layer, path, exists: true, keys: {}, env: {} };
  const problems = await jsonProblems(text);
  const first = problems[0] ?? { line: 1, column: 1 };
  const message = problems.length > 0 ? `invalid JSON: ${describeJsonProblems(problems)}` : 'invalid JSON';
  file.error = { message, problems, line: first.line, column: first.column };
  return file;
}

/** Far above any real settings file; a bound still, since a project's file may be anything (a FIFO, a link into /proc). */
export const MAX_SETTINGS_BYTES = 4 << 20;

/** How a settings file's bytes are text, as Claude Code reads them: see decodeSettings. */
export type SettingsEncoding = 'utf8' | 'utf8-bom' | 'utf16le-bom';

/**
 * A settings file's text as Claude Code decodes it (seen on 2.1.332, docs/claude-code.md):
 * UTF-16LE after the byte-order mark FF FE, otherwise UTF-8, and a leading byte-order mark
 * dropped. So a file with a mark is applied by claude: read otherwise, it would look invalid
 * here, and its env block would go unseen and not overridden. UTF-16 without a mark, or
 * big-endian, claude does not load either: as UTF-8 it is invalid JSON here too.
 */
export function decodeSettings(bytes: Uint8Array): { text: string; encoding: SettingsEncoding } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return { text: buffer.subarray(2).toString('utf16le'), encoding: 'utf16le-bom' };
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), encoding: 'utf8-bom' } : { text, encoding: 'utf8' };
}

/** The bytes of `text` in `encoding`, mark included: an edited file keeps the encoding it had. */
export function encodeSettings(text: string, encoding: SettingsEncoding): Buffer {
  if (encoding === 'utf16le-bom') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return Buffer.from(encoding === 'utf8-bom' ? `\ufeff${text}` : text, 'utf8');
}

/** A settings file's text, read bounded (`limit` bytes at most) and decoded as Claude Code does, with the bytes read. Throws as readBounded. */
export function readSettingsText(path: string, limit: number = MAX_SETTINGS_BYTES): { text: string; encoding: SettingsEncoding; bytes: Buffer } {
  const bytes = readBounded(path, limit);
  return { ...decodeSettings(bytes), bytes };
}

/** `limit`: the bound to read with; `.claude.json`, which grows with project history, has its own (GLOBAL_CONFIG_LIMIT). */
export async function readSettingsFile(layer: SettingsLayer, path: string, limit: number = MAX_SETTINGS_BYTES): Promise<SettingsFile> {
  let text: string;
  try {
    text = readSettingsText(path, limit).text;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { layer, path, exists: false, keys: {}, env: {} };
    return { layer, path, exists: true, keys: {}, env: {}, error: { message: (error as Error).message, ...(typeof code === 'string' ? { code } : {}) } };
  }
  return parseSettings(layer, path, text);
}

/** Whether two paths name one file (links followed); stats only when the text differs. */
function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    const x = statSync(a, { throwIfNoEntry: false });
    const y = x && statSync(b, { throwIfNoEntry: false });
    return Boolean(x && y && x.dev === y.dev && x.ino === y.ino);
  } catch {
    return false;
  }
}

/**
 * All settings layers as Claude Code would see them from `cwd`, highest first; missing files
 * included with exists=false. In $HOME the project file is the user's own: read once, as the
 * user layer (nothing lies between the two, so precedence is unchanged).
 */
export async function readSettingsLayers(env: Env, cwd: string, options: { configDir?: string; platform?: NodeJS.Platform } = {}): Promise<SettingsFile[]> {
  const paths = settingsPaths(env, cwd, options);
  const user = paths.find((p) => p.layer === 'user')?.path;
  const layers = paths.filter(({ layer, path }) => !(layer === 'project' && user !== undefined && sameFile(path, user)));
  return Promise.all(layers.map(({ layer, path }) => readSettingsFile(layer, path)));
}
