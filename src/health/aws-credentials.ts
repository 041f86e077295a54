/**
 * Which AWS credential a Bedrock or Mantle profile's launch would hand Claude Code, as far
 * as it can be known without running anything: its own access key, or static keys of a
 * named AWS profile (or the default chain) in ~/.aws/credentials or ~/.aws/config, read
 * bounded. Credentials that only a program can produce (SSO, credential_process, an assumed
 * role, an instance role) are not produced here: the answer says which command would.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readBounded } from '../fs/bounded.js';
import type { Env } from '../paths.js';

export interface AwsKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Keys to sign with, or why there are none to be had. */
export type AwsCredential = { keys: AwsKeys } | { none: string };

/** An AWS shared config or credentials file is small: anything larger is not read. */
const FILE_LIMIT = 1 << 20;

type Sections = Map<string, Map<string, string>>;

/** The sections of an AWS INI file (`[name]`, `key = value`; comments and nesting ignored). */
export function parseAwsIni(text: string): Sections {
  const sections: Sections = new Map();
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

function readIni(path: string): Sections | { error: string } {
  try {
    return parseAwsIni(readBounded(path, FILE_LIMIT).toString('utf8'));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return new Map();
    return { error: `${path} cannot be read (${typeof code === 'string' ? code : 'error'})` };
  }
}

function keysIn(section: Map<string, string> | undefined): AwsKeys | undefined {
  const accessKeyId = section?.get('aws_access_key_id');
  const secretAccessKey = section?.get('aws_secret_access_key');
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = section?.get('aws_session_token');
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

/** Where a profile's credentials come from when no static keys are written for it. */
function producedBy(section: Map<string, string> | undefined): string | undefined {
  if (!section) return undefined;
  if (section.has('sso_session') || section.has('sso_start_url')) return 'SSO';
  if (section.has('credential_process')) return 'a credential_process';
  if (section.has('role_arn')) return 'an assumed role (role_arn)';
  if (section.has('web_identity_token_file')) return 'a web identity';
  return undefined;
}

/**
 * Static keys for the named AWS profile: `[name]` in the credentials file first, then
 * `[profile name]` (`[default]`) in the config file, as the AWS CLI looks them up.
 */
export function profileKeys(env: Env, name: string, explicit: boolean): AwsCredential {
  const home = env.HOME || homedir();
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials');
  const configFile = env.AWS_CONFIG_FILE || join(home, '.aws', 'config');
  const rerun = `run aws sts get-caller-identity${explicit || name !== 'default' ? ` --profile ${name}` : ''}`;
  const credentials = readIni(credentialsFile);
  if ('error' in credentials) return { none: credentials.error };
  const fromCredentials = keysIn(credentials.get(name));
  if (fromCredentials) return { keys: fromCredentials };
  const config = readIni(configFile);
  if ('error' in config) return { none: config.error };
  const section = config.get(name === 'default' ? 'default' : `profile ${name}`) ?? config.get(name);
  const fromConfig = keysIn(section);
  if (fromConfig) return { keys: fromConfig };
  const source = producedBy(credentials.get(name)) ?? producedBy(section);
  if (source) return { none: `credentials from ${source}: ${rerun}` };
  if (explicit) return { none: `AWS profile ${name} has no static keys in ${credentialsFile} or ${configFile}: ${rerun}` };
  return { none: `the default AWS credentials are not static keys in ~/.aws (an instance or container role, or none): ${rerun}` };
}

/**
 * The credential of a profile that names no access key of its own: its AWS profile, or
 * the default chain the launch leaves to Claude Code (the caller's AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY, then AWS_PROFILE or `default`).
 */
export function chainKeys(env: Env, awsProfile: string | undefined): AwsCredential {
  if (awsProfile) return profileKeys(env, awsProfile, true);
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (accessKeyId && secretAccessKey) {
    return { keys: { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) } };
  }
  const named = env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE;
  return profileKeys(env, named || 'default', Boolean(named));
}
