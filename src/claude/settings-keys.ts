/**
 * Settings keys (not env variables) that make Claude Code fetch or refresh a credential by
 * running a command, and the value that `--settings` uses to switch each one off. Checked
 * against the real client (docs/claude-code.md, "Settings keys that supply a credential").
 */

export interface CredentialSettingsKey {
  key: string;
  /** The value in `--settings` that Claude Code takes as "not set" (null is rejected). */
  neutral: string;
  /** What the key does, for people. */
  does: string;
}

export const CREDENTIAL_SETTINGS_KEYS: readonly CredentialSettingsKey[] = [
  { key: 'apiKeyHelper', neutral: '', does: 'its output is sent as an API key (x-api-key and Authorization: Bearer)' },
  { key: 'awsCredentialExport', neutral: '', does: 'its output becomes the AWS credentials claude signs Bedrock requests with' },
  { key: 'awsAuthRefresh', neutral: '', does: 'claude runs it to log in to AWS, whatever AWS credential the profile means' },
  { key: 'gcpAuthRefresh', neutral: '', does: 'claude runs it to refresh Google Cloud credentials for Vertex' },
];

/** Whether a settings value for such a key is in effect (Claude Code ignores "" and non-strings). */
export function isSetCredentialKey(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}
