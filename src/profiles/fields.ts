import { secretFromProblem } from './secret-source.js';
import { isValidProfileName } from './names.js';
import type { Profile, ProfileField } from './types.js';

/** A profile field as the command line spells it, and how its value is checked. */
export interface FieldSpec {
  key: ProfileField;
  flag: string;
  help: string;
  /** Returns a problem with the value, or undefined when it is fine. */
  check?(value: string): string | undefined;
  /** Given once per value (`--fallback a --fallback b`): the field holds them in order. */
  repeatable?: boolean;
}

const URL_RE = /^https?:\/\/[^\s]+$/;
const REGION_RE = /^[a-z]{2}(-[a-z0-9]+)+$|^global$/;
const SIMPLE_RE = /^[A-Za-z0-9][A-Za-z0-9._:@/+-]*$/;

function url(value: string): string | undefined {
  if (!URL_RE.test(value)) return `'${value}' is not an http(s) URL`;
  try {
    new URL(value);
  } catch {
    return `'${value}' is not a valid URL`;
  }
  return undefined;
}

function noControl(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(value) ? 'control characters (newlines, tabs, ...) are not allowed' : undefined;
}

function pattern(re: RegExp, what: string) {
  return (value: string): string | undefined => (re.test(value) ? undefined : `'${value}' is not ${what}`);
}

/** The rule itself, since a mistyped id often does start with AKIA. */
function accessKeyIdProblem(value: string): string | undefined {
  if (/^[A-Z0-9]{16,128}$/.test(value)) return undefined;
  const why = /^[A-Z0-9]*$/.test(value) ? `this has ${value.length}` : 'this has other characters';
  return `'${value}' is not an AWS access key id (16 to 128 capital letters and digits; ${why})`;
}

/** Fields every kind accepts. */
export const COMMON_FIELDS: readonly ProfileField[] = ['description', 'baseUrl', 'model', 'env', 'claude', 'fallback', 'secretFrom', 'secretCommand'];

export const FIELD_SPECS: readonly FieldSpec[] = [
  { key: 'description', flag: '--description <text>', help: 'a note for list and show', check: noControl },
  { key: 'baseUrl', flag: '--base-url <url>', help: "the provider's base URL (gateway: required)", check: url },
  { key: 'model', flag: '--model <model>', help: 'the model claude uses (ANTHROPIC_MODEL)', check: pattern(SIMPLE_RE, 'a model name') },
  { key: 'claude', flag: '--claude <path>', help: 'which claude binary to launch', check: noControl },
  {
    key: 'fallback',
    flag: '--fallback <profile>',
    help: 'a profile to launch instead while this one is known to fail (repeatable: tried in order)',
    check: (value) => (isValidProfileName(value) ? undefined : `'${value}' is not a profile name`),
    repeatable: true,
  },
  { key: 'configDir', flag: '--config-dir <dir>', help: 'subscription: a CLAUDE_CONFIG_DIR of its own, for a second account', check: noControl },
  { key: 'ownLogin', flag: '--own-login', help: 'subscription: a config directory of its own, made and managed by ccenv, sharing your Claude setup (a second account)' },
  { key: 'sharedHistory', flag: '--shared-history', help: 'subscription with --own-login: share history (projects/) with your main Claude directory too' },
  { key: 'region', flag: '--region <region>', help: 'bedrock, mantle, vertex: the cloud region', check: pattern(REGION_RE, 'a region (like us-east-1)') },
  { key: 'awsProfile', flag: '--aws-profile <name>', help: 'bedrock, mantle: a profile from ~/.aws/config', check: pattern(SIMPLE_RE, 'an AWS profile name') },
  {
    key: 'accessKeyId',
    flag: '--access-key-id <id>',
    help: 'bedrock, mantle: the AWS access key id (the secret access key is read as the secret)',
    check: accessKeyIdProblem,
  },
  { key: 'bearer', flag: '--bearer', help: 'bedrock, mantle: the secret is a Bedrock API key' },
  { key: 'projectId', flag: '--project-id <id>', help: 'vertex: the Google Cloud project id', check: pattern(/^[a-z][a-z0-9-]{4,61}[a-z0-9]$/, 'a Google Cloud project id') },
  { key: 'credentialsFile', flag: '--credentials-file <file>', help: 'vertex: a Google credentials JSON file', check: noControl },
  { key: 'resource', flag: '--resource <name>', help: 'foundry: the Azure resource name', check: pattern(/^[A-Za-z0-9][A-Za-z0-9-]{1,62}$/, 'an Azure resource name') },
  { key: 'secretFrom', flag: '--secret-from <source>', help: 'read the secret at each launch from op://VAULT/ITEM/FIELD, pass:PATH or env:VAR (not stored)', check: secretFromProblem },
  { key: 'secretCommand', flag: '--secret-command', help: 'read the secret at each launch from a program: --secret-command -- PROG ARGS... (last; no shell)' },
];

export function fieldSpec(key: ProfileField): FieldSpec {
  const spec = FIELD_SPECS.find((f) => f.key === key);
  if (!spec) throw new Error(`no field spec for ${key}`);
  return spec;
}

/** The flag a user types for a field, for messages: `--base-url`. */
export function flagOf(key: ProfileField): string {
  if (key === 'env') return '--env';
  return fieldSpec(key).flag.split(' ')[0]!;
}

export type ProfileInput = Partial<Omit<Profile, 'kind' | 'hasSecret' | 'secretBackend'>>;
