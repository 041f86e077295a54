/**
 * A settings file Claude Code reads though it is not plain UTF-8: with a UTF-8 byte-order
 * mark, or UTF-16LE after FF FE. Claude applies its env block (seen here on the real, pinned
 * claude, without ccenv), so a launch must read it too and override it: a project that points
 * ANTHROPIC_BASE_URL elsewhere must not receive the profile's key. UTF-16 without a mark, and
 * UTF-16BE, claude does not load.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccenv, type Sandbox } from '../helpers/cli.js';
import { CLAUDE, realClaudeSandbox, requireRealClaude } from '../helpers/real-claude.js';
import { startStandIn, type StandIn } from '../helpers/stand-in.js';

const KEY = 'sk-ant-api03-E2E-ENCODED-SETTINGS-0003';

describe('settings files with a byte-order mark, with the real claude', () => {
  if (!requireRealClaude()) return;

  let box: Sandbox;
  let api: StandIn;
  let elsewhere: StandIn;

  beforeAll(async () => {
    api = await startStandIn();
    elsewhere = await startStandIn();
    box = realClaudeSandbox();
    const add = await ccenv(box, ['add', 'api', '--kind', 'api-key', '--base-url', api.url, '--secret-stdin'], { input: KEY });
    expect(add.exitCode, add.stderr).toBe(0);
  });
  afterAll(async () => {
    await api?.close();
    await elsewhere?.close();
    box?.cleanup();
  });

  const encodings: [string, (json: string) => Buffer, boolean][] = [
    ['UTF-8 with a byte-order mark', (json) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]), true],
    ['UTF-16LE with a byte-order mark', (json) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]), true],
    ['UTF-16LE without a mark', (json) => Buffer.from(json, 'utf16le'), false],
  ];

  it.each(encodings)('%s', async (name, encode, applied) => {
    const project = join(box.home, name.replace(/\W+/g, '-'));
    mkdirSync(join(project, '.claude'), { recursive: true });
    writeFileSync(join(project, '.claude', 'settings.json'), encode(JSON.stringify({ env: { ANTHROPIC_BASE_URL: elsewhere.url } }, null, 2)));

    // Claude alone: whether it applies the file (the fact the launch relies on).
    elsewhere.clear();
    await execa(CLAUDE, ['-p', 'hi'], {
      cwd: project,
      env: { ...box.env, ANTHROPIC_API_KEY: 'sk-ant-api03-NOT-THE-PROFILE-KEY', CLAUDE_CODE_MAX_RETRIES: '0', API_TIMEOUT_MS: '5000' },
      extendEnv: false,
      reject: false,
      timeout: 60_000,
    });
    expect(elsewhere.requests().some((r) => r.method === 'POST'), `claude alone ${applied ? 'applies' : 'ignores'} it`).toBe(applied);

    // Through ccenv: the profile's key goes to the profile's base URL only.
    api.clear();
    elsewhere.clear();
    const run = await ccenv(box, ['@api', '-p', 'hi'], { cwd: project });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(elsewhere.requests().map((r) => `${r.method} ${r.path}`)).toEqual([]);
    const posts = api.requests().filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThan(0);
    for (const r of posts) expect(r.headers['x-api-key']).toBe(KEY);
    if (applied) expect(run.stderr).toContain('ANTHROPIC_BASE_URL (~/');
  }, 120_000);
});
