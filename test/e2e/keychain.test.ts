/**
 * The keychain backend against a REAL Secret Service: a private D-Bus session and
 * gnome-keyring started by scripts/with-secret-service.sh for each scenario, and
 * secret-tool (libsecret) as an independent witness of what is really in the keyring.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CCENV, sandbox, type Sandbox } from '../helpers/cli.js';
import { inSecretService as inPrivateSecretService, secretServiceRequirement } from '../helpers/secret-service.js';

/** Runs a bash script inside a private Secret Service; `ccenv` in it is the built CLI. */
async function inSecretService(box: Sandbox, script: string, options: { keyring?: 'unlocked' | 'locked' | 'none'; input?: string } = {}) {
  const env = { ...box.env, CCENV_BACKEND: 'keychain' };
  delete (env as Record<string, string | undefined>).CCENV_FILE_PASSPHRASE;
  const command = ['bash', '-c', `ccenv() { node ${CCENV} "$@"; }\nset -u\n${script}`];
  return inPrivateSecretService(command, { keyring: options.keyring ?? 'unlocked', env, input: options.input ?? '', timeout: 60_000 });
}

/** The profile names in the `ccenv list --json` printed last by a scenario. */
function listedNames(stdout: string): string[] {
  const list = JSON.parse(stdout.slice(stdout.lastIndexOf('[\n'))) as { name: string }[];
  return list.map((p) => p.name).sort();
}

describe('secrets in the real Secret Service', () => {
  if (!secretServiceRequirement({ secretTool: true })) return;

  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
  });
  afterEach(() => box.cleanup());

  const KEY = 'sk-ant-api03-KEYCHAIN-e2e-secret-7f3a9c';
  const AWS = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

  it('add stores each secret under service ccenv; rename moves it; remove removes it', async () => {
    const run = await inSecretService(
      box,
      `
      printf %s '${KEY}' | ccenv add work --kind api-key --secret-stdin
      printf %s '${AWS}' | ccenv add bk --kind bedrock --region us-east-1 --access-key-id AKIAIOSFODNN7EXAMPLE --secret-stdin
      printf %s 'gw-token-123456' | ccenv add glm --kind gateway --base-url https://gw.example --secret-stdin
      ccenv add plain --kind bedrock --region us-east-1 --aws-profile corp
      echo "work=$(secret-tool lookup service ccenv username work)"
      echo "bk=$(secret-tool lookup service ccenv username bk)"
      echo "glm=$(secret-tool lookup service ccenv username glm)"
      echo "plain=$(secret-tool lookup service ccenv username plain || echo none)"
      ccenv show work
      ccenv rename work team
      echo "after-rename-work=$(secret-tool lookup service ccenv username work || echo none)"
      echo "after-rename-team=$(secret-tool lookup service ccenv username team)"
      ccenv remove team --yes
      echo "after-remove=$(secret-tool lookup service ccenv username team || echo none)"
      ccenv list --json
      `,
    );
    expect(run.stderr).not.toContain('ccenv: cannot');
    expect(run.exitCode).toBe(0);
    const out = run.stdout;
    expect(out).toContain(`work=${KEY}\n`);
    expect(out).toContain(`bk=${AWS}\n`);
    expect(out).toContain('glm=gw-token-123456\n');
    expect(out).toContain('plain=none\n');
    expect(out).toMatch(/secret {10}sk-ant-api03-…3a9c \(39 chars\) in Secret Service/);
    expect(out).toContain('after-rename-work=none\n');
    expect(out).toContain(`after-rename-team=${KEY}\n`);
    expect(out).toContain('after-remove=none\n');
    expect(listedNames(out)).toEqual(['bk', 'glm', 'plain', 'subscription']);
    // The keychain holds the secrets; ccenv's own files hold none of them.
    const config = readFileSync(join(box.configDir, 'config.json'), 'utf8');
    for (const secret of [KEY, AWS, 'gw-token-123456']) {
      expect(config).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
  });

  it('remove killed with -9 after the config: the secret stays in the keychain, doctor names it, remove --yes deletes it', async () => {
    const run = await inSecretService(
      box,
      `
      printf %s '${KEY}' | ccenv add work --kind api-key --secret-stdin
      CCENV_TEST_PAUSE=config-written node ${CCENV} remove work --yes 2>"$HOME/paused" &
      pid=$!
      for _ in $(seq 100); do grep -q 'paused at config-written' "$HOME/paused" && break; sleep 0.1; done
      kill -9 $pid; wait $pid; echo "killed=$?"
      echo "kept=$(secret-tool lookup service ccenv username work)"
      ccenv doctor --json > "$HOME/doctor.json"; echo "orphans=$(grep -c backend.orphan-secret "$HOME/doctor.json")"
      ccenv remove work --yes
      echo "after=$(secret-tool lookup service ccenv username work || echo none)"
      `,
    );
    expect(run.stdout).toContain('killed=137\n');
    expect(run.stdout).toContain(`kept=${KEY}\n`);
    expect(run.stdout).toContain('orphans=1\n');
    expect(run.stderr).toContain('deleted the secret stored under work from the Secret Service');
    expect(run.stdout).toMatch(/^after=none$/m);
  });

  it('a locked keychain: a clear error naming the backend and the way out, and no half-written profile', async () => {
    const run = await inSecretService(
      box,
      `
      printf %s '${KEY}' | ccenv add work --kind api-key --secret-stdin; echo "add=$?"
      ccenv list --json
      `,
      { keyring: 'locked' },
    );
    expect(run.stdout).toContain('add=1\n');
    expect(run.stderr).toContain('cannot store the secret of profile work (Secret Service');
    expect(run.stderr).toContain('the keychain is locked');
    expect(run.stderr).toContain('CCENV_BACKEND=file');
    expect(run.stderr).not.toContain(KEY);
    expect(listedNames(run.stdout)).toEqual(['subscription']);
  });

  it('a secret stored before the keychain was locked cannot be read, and nothing is removed', async () => {
    const run = await inSecretService(
      box,
      `
      printf %s '${KEY}' | ccenv add work --kind api-key --secret-stdin
      gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \\
        --method org.freedesktop.Secret.Service.Lock "['$SS_COLLECTION']" >/dev/null 2>&1 ||
      dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \\
        org.freedesktop.Secret.Service.Lock "array:objpath:$SS_COLLECTION" >/dev/null
      ccenv show work; echo "show=$?"
      ccenv remove work --yes; echo "remove=$?"
      ccenv list --json
      `,
    );
    expect(run.stdout).toContain('show=1\n');
    expect(run.stdout).toContain('remove=1\n');
    expect(run.stderr).toContain('the keychain is locked');
    expect(listedNames(run.stdout)).toEqual(['subscription', 'work']);
  });

  it('no Secret Service on the bus: an error that says so, never a silent fallback', async () => {
    const run = await inSecretService(
      box,
      `
      printf %s '${KEY}' | ccenv add work --kind api-key --secret-stdin; echo "add=$?"
      ccenv list --json
      `,
      { keyring: 'none' },
    );
    expect(run.stdout).toContain('add=1\n');
    expect(run.stderr).toContain('no Secret Service is running');
    expect(run.stderr).toContain('CCENV_BACKEND=file');
    expect(listedNames(run.stdout)).toEqual(['subscription']);
  });
});
