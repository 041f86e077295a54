/**
 * What a background session of the real claude needs to make a request offline, in a fresh
 * HOME (docs/claude-code.md, "Background sessions and the process wrapper"):
 * - `.claude.json` in the Claude config directory with `hasCompletedOnboarding`, the
 *   workspace trusted (`projects[DIR].hasTrustDialogAccepted`), and each API key the session
 *   will use approved (`customApiKeyResponses.approved` holds the key's last 20 characters);
 *   without them the session waits at a prompt and sends nothing;
 * - the base URL and `CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1`, as for `claude -p`.
 * And a Secret Service that lives as long as the test file: the wrapper reads the keychain
 * long after the launch that started the service has ended.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WITH_SECRET_SERVICE } from './secret-service.js';

/**
 * Makes `workspace` ready for background sessions whose Claude preferences are `file`:
 * `~/.claude.json` (beside `~/.claude/`, not in it), or `$CLAUDE_CONFIG_DIR/.claude.json`.
 */
export function trustForBackground(file: string, workspace: string, apiKeys: readonly string[] = []): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    JSON.stringify({
      hasCompletedOnboarding: true,
      customApiKeyResponses: { approved: apiKeys.map((key) => key.slice(-20)), rejected: [] },
      projects: { [workspace]: { hasTrustDialogAccepted: true } },
    }),
  );
}

/** Stops the background service of a Claude config directory and its sessions (`claude daemon stop --any`). */
export function stopBackgroundService(claude: string, env: Record<string, string>, claudeDir?: string): void {
  spawnSync(claude, ['daemon', 'stop', '--any'], {
    env: { ...env, ...(claudeDir ? { CLAUDE_CONFIG_DIR: claudeDir } : {}) },
    stdio: 'ignore',
    timeout: 30_000,
  });
}

export interface LongSecretService {
  /** DBUS_SESSION_BUS_ADDRESS of the private bus. */
  env: Record<string, string>;
  stop(): void;
}

/** A private Secret Service (scripts/with-secret-service.sh) that stays up until stop(). */
export async function longSecretService(dir: string): Promise<LongSecretService> {
  const file = join(dir, 'bus-address');
  const child = spawn('bash', [WITH_SECRET_SERVICE, 'sh', '-c', `echo "$DBUS_SESSION_BUS_ADDRESS" > '${file}'; exec sleep 900`], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, SS_KEYRING_HOME: join(dir, 'keyrings') },
    stdio: 'ignore',
  });
  for (let i = 0; i < 400 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 50));
  let address = '';
  for (let i = 0; i < 40 && !address; i++) {
    address = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
    if (!address) await new Promise((r) => setTimeout(r, 50));
  }
  if (!address) throw new Error('the private Secret Service did not start');
  return { env: { DBUS_SESSION_BUS_ADDRESS: address }, stop: () => void child.kill('SIGTERM') };
}
