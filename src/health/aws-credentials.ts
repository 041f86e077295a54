/**
 * Which AWS credential a Bedrock or Mantle profile's launch would hand Claude Code, as far
 * as it can be known without running anything: its own access key, or static keys of a
 * named AWS profile (or the default chain) in ~/.aws/credentials or ~/.aws/config, read
 * bounded. Credentials that only a program can produce (SSO, credential_process, an assumed
 * role, an instance role) are not produced here: the answer says which command would.
 */
import { homedir } from 'node:os';
import { awsConfigSection, awsFiles, type AwsSections, readAwsIni } from '../aws-files.js';
import type { Env } from '../paths.js';

export interface AwsKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Keys to sign with, or why there are none to be had. */
export type AwsCredential = { keys: AwsKeys } | { none: string };

/** The sections of `path`, or why it cannot be read. */
function readIni(path: string): AwsSections | { error: string } {
  const read = readAwsIni(path);
  return read instanceof Map ? read : { error: `${path} cannot be read (${read.unreadable})` };
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
  const { credentials: credentialsFile, config: configFile } = awsFiles(env, home);
  const rerun = `run aws sts get-caller-identity${explicit || name !== 'default' ? ` --profile ${name}` : ''}`;
  const credentials = readIni(credentialsFile);
  if ('error' in credentials) return { none: credentials.error };
  const fromCredentials = keysIn(credentials.get(name));
  if (fromCredentials) return { keys: fromCredentials };
  const config = readIni(configFile);
  if ('error' in config) return { none: config.error };
  const section = awsConfigSection(config, name) ?? config.get(name);
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
