/**
 * The AWS CLI's shared files, ~/.aws/config and ~/.aws/credentials (or where AWS_CONFIG_FILE
 * and AWS_SHARED_CREDENTIALS_FILE point), read bounded: either may be anything (a FIFO, a
 * device), and a read that waited on one would stop doctor, init or check.
 */
import { join } from 'node:path';
import { readBounded, UnreadableFileError } from './fs/bounded.js';
import type { Env } from './paths.js';

/** An AWS shared config or credentials file is small: anything larger is not read. */
const FILE_LIMIT = 1 << 20;

export type AwsSections = Map<string, Map<string, string>>;

export function awsFiles(env: Env, home: string): { config: string; credentials: string } {
  return {
    config: env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
  };
}

/** The sections of an AWS INI file (`[name]`, `key = value`; comments and nesting ignored). */
export function parseAwsIni(text: string): AwsSections {
  const sections: AwsSections = new Map();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      current = new Map();
      sections.set(header[1]!, current);
      continue;
    }
    const pair = /^([A-Za-z0-9_.-]+)\s*=\s*(.*)$/.exec(line);
    if (pair && current && !/^\s/.test(raw)) current.set(pair[1]!.toLowerCase(), pair[2]!.trim());
  }
  return sections;
}

/**
 * The sections of the file at `path`, none when it does not exist; or, when it exists and
 * cannot be read, the error's code (EACCES, ENOTREG, EFBIG) and a reason in words.
 */
export function readAwsIni(path: string): AwsSections | { unreadable: string; reason: string } {
  try {
    return parseAwsIni(readBounded(path, FILE_LIMIT).toString('utf8'));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return new Map();
    const unreadable = typeof code === 'string' ? code : 'error';
    const reason = error instanceof UnreadableFileError ? error.message : code === 'EACCES' ? 'permission denied' : unreadable;
    return { unreadable, reason };
  }
}

/** The AWS profile names a file defines: `[profile x]` and `[default]` in config, `[x]` in credentials. */
export function awsProfileNames(sections: AwsSections, configStyle: boolean): string[] {
  const names: string[] = [];
  for (const section of sections.keys()) {
    if (!configStyle || section === 'default') names.push(section);
    else if (section.startsWith('profile ')) names.push(section.slice('profile '.length).trim());
  }
  return names;
}

/** The section of AWS profile `name` in the config file: `[profile name]`, or `[default]`. */
export function awsConfigSection(config: AwsSections, name: string): Map<string, string> | undefined {
  return name === 'default' ? (config.get('default') ?? config.get('profile default')) : config.get(`profile ${name}`);
}
