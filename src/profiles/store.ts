import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CcenvError } from '../errors.js';
import { withFileLock } from '../lock.js';
import { configFile, type Env } from '../paths.js';
import { isProfileKind, type Profile } from './types.js';

export { lineColumn } from '../text-position.js';

export const SECRET_BACKENDS = ['keychain', 'file'] as const;
export type BackendName = (typeof SECRET_BACKENDS)[number] | 'memory';

/** What config.json holds. Profiles only: never a secret. */
export interface ConfigData {
  version: 1;
  /** The profile set by `use --global`. */
  default?: string;
  /** The secret backend, when not the keychain. */
  backend?: BackendName;
  profiles: Record<string, Profile>;
}

export function emptyConfig(): ConfigData {
  return { version: 1, profiles: {} };
}


function unparsable(path: string, where: string, what: string): CcenvError {
  return new CcenvError(`${path}${where}: ${what}`, {
    hint: 'fix the file by hand; ccenv leaves it as it is and will not write it until it parses',
  });
}

/** Parses config.json text, or throws an error naming the file, line and column. */
export async function parseConfig(text: string, path: string): Promise<ConfigData> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // Only now load the parser that knows positions.
    const { jsonProblems, describeJsonProblems } = await import('../json-errors.js');
    const problems = await jsonProblems(text);
    const first = problems[0];
    if (!first) throw unparsable(path, '', 'not valid JSON');
    throw unparsable(path, `:${first.line}:${first.column}`, `invalid JSON: ${problems.length === 1 ? first.name : describeJsonProblems(problems)}`);
  }
  return checkShape(data, path);
}

function checkShape(data: unknown, path: string): ConfigData {
  const fail = (what: string) => unparsable(path, '', what);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw fail('expected a JSON object');
  const obj = data as Record<string, unknown>;
  if (obj.version !== undefined && obj.version !== 1) throw fail(`unknown version ${JSON.stringify(obj.version)}; this ccenv reads version 1`);
  const profiles = obj.profiles ?? {};
  if (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles)) throw fail('"profiles" must be an object');
  for (const [name, profile] of Object.entries(profiles as Record<string, unknown>)) {
    if (typeof profile !== 'object' || profile === null || Array.isArray(profile)) throw fail(`profile "${name}" must be an object`);
    const kind = (profile as Record<string, unknown>).kind;
    if (!isProfileKind(kind)) throw fail(`profile "${name}" has unknown kind ${JSON.stringify(kind)}`);
    for (const [key, value] of Object.entries(profile)) {
      const ok =
        key === 'env'
          ? typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string')
          : key === 'fallback'
            ? Array.isArray(value) && value.every((v) => typeof v === 'string')
          : key === 'bearer' || key === 'hasSecret'
            ? typeof value === 'boolean'
            : typeof value === 'string';
      if (!ok) throw fail(`profile "${name}": "${key}" has the wrong type`);
    }
  }
  if (obj.default !== undefined && typeof obj.default !== 'string') throw fail('"default" must be a string');
  if (obj.backend !== undefined && !(SECRET_BACKENDS as readonly unknown[]).includes(obj.backend)) {
    throw fail(`"backend" must be one of ${SECRET_BACKENDS.join(', ')}`);
  }
  return { ...(obj as object), version: 1, profiles: profiles as Record<string, Profile> } as ConfigData;
}

/** Reads the config. A missing file is an empty config; a broken one is an error, never a reset. */
export async function readConfig(env: Env): Promise<ConfigData> {
  const path = configFile(env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyConfig();
    throw new CcenvError(`cannot read ${path}: ${(error as Error).message}`);
  }
  return parseConfig(text, path);
}

/**
 * Changes the config under an exclusive lock: read, change, write atomically. Concurrent
 * writers queue on the lock, so none loses another's change. `change` may throw to abort;
 * nothing is written then.
 */
export async function updateConfig<T>(env: Env, change: (config: ConfigData) => T | Promise<T>): Promise<T> {
  const path = configFile(env);
  return withFileLock(path, async () => {
    const config = await readConfig(env);
    const result = await change(config);
    await writeConfig(path, config);
    return result;
  });
}

async function writeConfig(path: string, config: ConfigData): Promise<void> {
  const { default: Conf } = await import('conf');
  const store = new Conf<Record<string, unknown>>({
    cwd: dirname(path),
    configName: 'config',
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    configFileMode: 0o600,
    serialize: (value) => `${JSON.stringify(value, null, 2)}\n`,
  });
  store.store = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
}
