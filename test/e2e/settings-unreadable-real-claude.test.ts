/**
 * The real claude (the pinned devDependency) against the stand-in API, in a project whose
 * .claude/settings.json is a FIFO and whose .claude/settings.local.json links to
 * /proc/self/pagemap. Plain claude copes; a launch through ccenv must cope too (it read
 * such files whole, or waited on the FIFO for ever). Each run has a timeout and ccenv a
 * memory limit, so a hang or a runaway read fails the test.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CCENV, ccenv, type Sandbox } from '../helpers/cli.js';
import { CLAUDE_BIN, realClaudeSandbox, requireRealClaude } from '../helpers/real-claude.js';
import { startStandIn, type StandIn } from '../helpers/stand-in.js';

const KEY = 'sk-ant-api03-E2E-UNREADABLE-SETTINGS-0007';

describe.runIf(process.platform === 'linux')('the real claude in a project with a FIFO and a pagemap link for settings', () => {
  if (!requireRealClaude()) return;
  let box: Sandbox;
  let api: StandIn;
  const proj = () => join(box.home, 'proj');

  beforeAll(async () => {
    api = await startStandIn();
    box = realClaudeSandbox();
    mkdirSync(join(box.home, 'proj', '.claude'), { recursive: true });
    execFileSync('mkfifo', [join(proj(), '.claude', 'settings.json')]);
    symlinkSync('/proc/self/pagemap', join(proj(), '.claude', 'settings.local.json'));
    const add = await ccenv(box, ['add', 'api', '--kind', 'api-key', '--base-url', api.url, '--secret-stdin'], { input: KEY });
    expect(add.exitCode, add.stderr).toBe(0);
  });
  afterAll(async () => {
    await api?.close();
    box?.cleanup();
  });

  const run = (command: string, args: string[], env: Record<string, string> = {}) =>
    execa(command, args, { env: { ...box.env, ...env }, extendEnv: false, reject: false, cwd: proj(), input: '', timeout: 60_000, killSignal: 'SIGKILL' });

  it('plain claude answers', async () => {
    const plain = await run(join(CLAUDE_BIN, 'claude'), ['-p', 'hi'], { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url });
    expect(plain.timedOut).toBe(false);
    expect(plain.exitCode, String(plain.stderr)).toBe(0);
    expect(String(plain.stdout)).toContain('stand-in ok');
  });

  it('a launch through ccenv answers too', async () => {
    const launched = await run('bash', ['-c', 'ulimit -v 8000000; exec "$@"', 'bash', process.execPath, CCENV, '@api', '-p', 'hi']);
    expect(launched.timedOut, 'the launch did not return').toBe(false);
    expect(launched.exitCode, String(launched.stderr)).toBe(0);
    expect(String(launched.stdout)).toContain('stand-in ok');
  });
});
