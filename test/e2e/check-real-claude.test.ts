/**
 * `ccenv check` sends the credential as the real claude (the pinned devDependency) sends
 * it: for each kind it checks, the same auth header with the same value, the same
 * anthropic-version, and the subscription beta, to the same base URL. Both go to one
 * stand-in on 127.0.0.1.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, type Sandbox } from '../helpers/cli.js';
import { realClaudeSandbox, requireRealClaude } from '../helpers/real-claude.js';
import { startStandIn, type RecordedRequest, type StandIn } from '../helpers/stand-in.js';

const CASES: { name: string; add: (url: string) => string[]; secret: string; path: string }[] = [
  { name: 'key', add: (url) => ['--kind', 'api-key', '--base-url', url], secret: 'sk-ant-api03-E2E-CHECK-KEY-0001', path: '/v1/' },
  { name: 'gw', add: (url) => ['--kind', 'gateway', '--base-url', url], secret: 'gw-E2E-CHECK-TOKEN-0002', path: '/v1/' },
  { name: 'tok', add: (url) => ['--kind', 'subscription', '--base-url', url], secret: 'sk-ant-oat01-E2E-CHECK-TOKEN-0003', path: '/v1/' },
  { name: 'az', add: (url) => ['--kind', 'foundry', '--base-url', `${url}/anthropic`], secret: 'E2E-CHECK-FOUNDRY-0004', path: '/anthropic/v1/' },
];

/** The headers that carry or qualify a credential. */
function credentialHeaders(request: RecordedRequest): Record<string, unknown> {
  const h = request.headers;
  const betas = String(h['anthropic-beta'] ?? '').split(',');
  return { authorization: h.authorization, 'x-api-key': h['x-api-key'], 'anthropic-version': h['anthropic-version'], oauth: betas.includes('oauth-2025-04-20') };
}

describe('ccenv check asks as claude would', () => {
  if (!requireRealClaude()) return;

  let box: Sandbox;
  let api: StandIn;

  beforeAll(async () => {
    api = await startStandIn();
    box = realClaudeSandbox();
    for (const c of CASES) {
      const run = await ccenv(box, ['add', c.name, ...c.add(api.url), '--secret-stdin'], { input: c.secret });
      expect(run.exitCode, run.stderr).toBe(0);
    }
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    box?.cleanup();
  });
  beforeEach(() => api.clear());

  it.each(CASES)('$name: the same credential headers as claude -p', async (c) => {
    const launched = await ccenv(box, [`@${c.name}`, '-p', 'hi']);
    expect(launched.exitCode, launched.stderr).toBe(0);
    const fromClaude = api.modelRequests()[0]!;
    expect(fromClaude.path.startsWith(c.path)).toBe(true);
    api.clear();
    const checked = await ccenv(box, ['check', `@${c.name}`, '--json']);
    expect(JSON.parse(checked.stdout)).toMatchObject([{ profile: c.name, status: 'ok' }]);
    const [fromCheck] = api.requests();
    expect(fromCheck).toMatchObject({ method: 'GET', path: `${c.path}models` });
    expect(credentialHeaders(fromCheck!)).toEqual(credentialHeaders(fromClaude));
    expect(JSON.stringify(credentialHeaders(fromCheck!))).toContain(c.secret);
  });
});
