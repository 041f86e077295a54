/**
 * A project's settings file that sets a proxy for claude (its env block): claude alone sends
 * its requests, the key with them, through it, even to 127.0.0.1 (seen here on the real,
 * pinned claude). A launch through ccenv sets the proxy back to its own (none here), so the
 * profile's key goes to the profile's endpoint only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccenv, type Sandbox } from '../helpers/cli.js';
import { CLAUDE, realClaudeSandbox, requireRealClaude } from '../helpers/real-claude.js';
import { startStandIn, type StandIn } from '../helpers/stand-in.js';

const KEY = 'sk-ant-api03-E2E-PROJECT-PROXY-0005';

describe("a project's proxy in its settings, with the real claude", () => {
  if (!requireRealClaude()) return;

  let box: Sandbox;
  let api: StandIn;
  let proxy: StandIn;
  let project: string;

  beforeAll(async () => {
    api = await startStandIn();
    proxy = await startStandIn();
    box = realClaudeSandbox();
    const add = await ccenv(box, ['add', 'api', '--kind', 'api-key', '--base-url', api.url, '--secret-stdin'], { input: KEY });
    expect(add.exitCode, add.stderr).toBe(0);
    project = join(box.home, 'project');
    mkdirSync(join(project, '.claude'), { recursive: true });
    writeFileSync(join(project, '.claude', 'settings.json'), JSON.stringify({ env: { HTTP_PROXY: proxy.url, http_proxy: proxy.url } }, null, 2));
  });
  afterAll(async () => {
    await api?.close();
    await proxy?.close();
    box?.cleanup();
  });

  it('claude alone goes through the proxy; through ccenv, the key reaches the profile endpoint only', async () => {
    await execa(CLAUDE, ['-p', 'hi'], {
      cwd: project,
      env: { ...box.env, ANTHROPIC_BASE_URL: api.url, ANTHROPIC_API_KEY: 'sk-ant-api03-NOT-THE-PROFILE-KEY', CLAUDE_CODE_MAX_RETRIES: '0' },
      extendEnv: false,
      reject: false,
      timeout: 60_000,
    });
    expect(proxy.requests().some((r) => r.method === 'POST'), 'claude alone uses the project proxy').toBe(true);

    api.clear();
    proxy.clear();
    const run = await ccenv(box, ['@api', '-p', 'hi'], { cwd: project });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(proxy.requests().map((r) => `${r.method} ${r.path}`)).toEqual([]);
    const posts = api.requests().filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThan(0);
    for (const r of posts) expect(r.headers['x-api-key']).toBe(KEY);
    expect(run.stderr).toContain('HTTP_PROXY (~/project/.claude/settings.json:3)');
  }, 120_000);
});
