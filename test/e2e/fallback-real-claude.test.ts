/**
 * The day a login is rejected: the real claude (the pinned devDependency), launched through
 * ccenv for a subscription profile recorded as rejected, reaches the API (a stand-in on
 * 127.0.0.1) with its fallback's API key, and never with the rejected token.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccenv, type Sandbox } from '../helpers/cli.js';
import { CLOCK } from '../helpers/clock.js';
import { realClaudeSandbox, requireRealClaude } from '../helpers/real-claude.js';
import { startStandIn, type StandIn } from '../helpers/stand-in.js';

const MAX_TOKEN = 'sk-ant-oat01-E2E-FALLBACK-rejected-TOKEN-0001';
const API_KEY = 'sk-ant-api03-E2E-FALLBACK-working-KEY-0002';

describe('a launch whose profile is recorded bad goes to its fallback', () => {
  if (!requireRealClaude()) return;

  let box: Sandbox;
  let api: StandIn;

  beforeAll(async () => {
    api = await startStandIn();
    box = realClaudeSandbox();
    for (const [name, args, secret] of [
      ['work-api', ['--kind', 'api-key'], API_KEY],
      ['max', ['--kind', 'subscription', '--fallback', 'work-api'], MAX_TOKEN],
    ] as const) {
      const run = await ccenv(box, ['add', name, ...args, '--base-url', api.url, '--secret-stdin'], { input: secret });
      expect(run.exitCode, run.stderr).toBe(0);
    }
    const state = join(box.home, '.local', 'state', 'ccenv');
    mkdirSync(state, { recursive: true });
    writeFileSync(join(state, 'health.json'), JSON.stringify({ version: 1, profiles: { max: { status: 'rejected', detail: 'HTTP 401', seenAt: Date.now(), source: 'hook' } } }));
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    box?.cleanup();
  });

  it("reaches the API with the fallback's key, never the rejected token", async () => {
    const run = await ccenv(box, ['@max', '-p', 'hi']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('stand-in ok');
    expect(run.stderr.split('\n')[0]).toMatch(new RegExp(String.raw`^ccenv: max was rejected \(HTTP 401, seen ${CLOCK}\); launching work-api \(API billing\)$`));
    const calls = api.modelRequests();
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call.headers['x-api-key']).toBe(API_KEY);
    const everything = JSON.stringify(api.requests());
    expect(everything).not.toContain(MAX_TOKEN);
    for (const text of [run.stdout, run.stderr, readFileSync(join(box.home, '.local', 'state', 'ccenv', 'health.json'), 'utf8')]) {
      expect(text).not.toContain(MAX_TOKEN);
      expect(text).not.toContain(API_KEY);
    }
  });
});
