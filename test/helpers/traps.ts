/**
 * Fixture homes holding the traps doctor and init look for, one writer per trap, each
 * returning where it put the trap so tests can assert file and line.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Sandbox } from './cli.js';

/** Secrets planted in fixtures: none of them may ever appear in ccenv's output. */
export const API_KEY = 'sk-ant-api03-FIXTURE-zshrc-KEY-0123456789abcdefXYZ';
export const SETTINGS_KEY = 'sk-ant-api03-FIXTURE-settings-KEY-9876543210zyxwvu';
export const GATEWAY_TOKEN = 'gw-FIXTURE-gateway-TOKEN-abcdefabcdefabcdef';
export const ACCESS_TOKEN = 'sk-ant-oat01-FIXTURE-access-TOKEN-0000111122223333';
export const ALL_SECRETS = [API_KEY, SETTINGS_KEY, GATEWAY_TOKEN, ACCESS_TOKEN];

export function write(path: string, text: string, mode?: number): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  if (mode !== undefined) chmodSync(path, mode);
  return path;
}

/** An API key exported on line 3 of ~/.zshrc. */
export function apiKeyInZshrc(box: Sandbox): { file: string; line: number } {
  const file = write(join(box.home, '.zshrc'), `# zsh\nexport PATH="$HOME/bin:$PATH"\nexport ANTHROPIC_API_KEY="${API_KEY}"\nalias ll='ls -l'\n`);
  return { file, line: 3 };
}

/** ~/.claude/settings.json whose env block sets ANTHROPIC_API_KEY on line 5. */
export const SETTINGS_WITH_ENV = `{
  "model": "opus",
  "permissions": { "allow": ["Bash(ls:*)"] },
  "env": {
    "ANTHROPIC_API_KEY": "${SETTINGS_KEY}",
    "DISABLE_TELEMETRY": "1"
  }
}
`;
export const SETTINGS_WITHOUT_ENV_KEY = `{
  "model": "opus",
  "permissions": { "allow": ["Bash(ls:*)"] },
  "env": {
    "DISABLE_TELEMETRY": "1"
  }
}
`;
export function settingsEnvBlock(box: Sandbox): { file: string; line: number } {
  const file = write(join(box.home, '.claude', 'settings.json'), SETTINGS_WITH_ENV);
  return { file, line: 5 };
}

/** A project settings file with a trailing comma at line 3, column 37. */
export const TRAILING_COMMA = `{
  "permissions": {
    "allow": ["Bash(npm test:*)"],
  },
  "env": { "ANTHROPIC_API_KEY": "${SETTINGS_KEY}" }
}
`;
export function trailingCommaSettings(box: Sandbox, project: string): { file: string; line: number; column: number } {
  const file = write(join(project, '.claude', 'settings.json'), TRAILING_COMMA);
  return { file, line: 3, column: 34 };
}

export function credentials(box: Sandbox, content: string, mode = 0o600): string {
  return write(join(box.home, '.claude', '.credentials.json'), content, mode);
}

export function login(expiresAt: number, refresh = true): string {
  return JSON.stringify({
    claudeAiOauth: {
      accessToken: ACCESS_TOKEN,
      ...(refresh ? { refreshToken: 'sk-ant-ort01-FIXTURE-refresh' } : {}),
      expiresAt,
      scopes: ['user:inference'],
      subscriptionType: 'max',
    },
  });
}

/**
 * A stand-in claude in its own directory (returned): prints a version, and answers
 * `auth status` as a claude with no login and no credential would. Tests that need what
 * claude really decides use the real one (test/e2e).
 */
export function fakeClaude(box: Sandbox, dirName: string, version: string): string {
  const dir = join(box.home, dirName);
  write(
    join(dir, 'claude'),
    `#!/bin/sh\ncase "$*" in\n  *"auth status"*) echo '{"loggedIn": false, "authMethod": "none", "apiProvider": "firstParty"}'; exit 1;;\nesac\necho "${version} (Claude Code)"\n`,
    0o755,
  );
  return dir;
}

/** Bedrock switched on in ~/.bashrc with an AWS profile but no AWS_REGION; ~/.aws/config knows the region. */
export function bedrockHalfSet(box: Sandbox): { file: string; line: number } {
  const file = write(join(box.home, '.bashrc'), `# bash\nexport CLAUDE_CODE_USE_BEDROCK=1\nexport AWS_PROFILE=corp\n`);
  write(join(box.home, '.aws', 'config'), '[default]\nregion = us-west-2\n\n[profile corp]\nregion = eu-west-1\n');
  return { file, line: 2 };
}

export function assertNoSecret(texts: string[]): void {
  for (const text of texts) {
    for (const secret of ALL_SECRETS) {
      if (text.includes(secret) || text.includes(secret.slice(0, 24))) throw new Error(`a fixture secret leaked: ${secret.slice(0, 12)}...`);
    }
  }
}
