import { describe, expect, it } from 'vitest';
import { probe } from '../../src/health/probe.js';

describe('a failed free request', () => {
  it.each([
    ['a newline in the secret', 'sk-ant-api03-SECRET-line\nbreak'],
    ['a non-Latin-1 character in the secret', 'sk-ant-api03-SECRET-\u2603'],
  ])('says what failed without quoting the header (%s)', async (_what, secret) => {
    const outcome = await probe({ url: 'http://127.0.0.1:9/v1/models', headers: { 'x-api-key': secret } }, 5000);
    expect(outcome).toMatchObject({ failure: expect.any(String) });
    expect(JSON.stringify(outcome)).not.toContain('SECRET');
  });

  it('names a URL it cannot parse without quoting the secret', async () => {
    const outcome = await probe({ url: 'not a url/v1/models', headers: { 'x-api-key': 'sk-ant-api03-SECRET' } }, 5000);
    expect(outcome).toMatchObject({ failure: expect.any(String) });
    expect(JSON.stringify(outcome)).not.toContain('SECRET');
  });
});

describe('the free request reaches what claude reaches', () => {
  it("asks a server on a port fetch refuses (the fetch spec's bad ports)", async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}'));
    let port: number | undefined;
    for (const bad of [6000, 6665, 6666, 6667, 6668, 6669, 6697, 10080, 5060, 5061, 4190, 6566]) {
      const bound = await new Promise<boolean>((resolve) => {
        server.once('error', () => resolve(false));
        server.listen(bad, '127.0.0.1', () => resolve(true));
      });
      if (bound) {
        port = bad;
        break;
      }
    }
    expect(port, 'none of the ports fetch refuses could be bound here').toBeDefined();
    try {
      const outcome = await probe({ url: `http://127.0.0.1:${port}/v1/models`, headers: { 'x-api-key': 'k' }, keepBody: 100 }, 5000);
      expect(outcome).toMatchObject({ answer: 200, headers: { 'content-type': 'application/json' }, body: '{"data":[]}' });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('names the host that does not resolve', async () => {
    const outcome = await probe({ url: 'http://no-such-host.invalid/v1/models', headers: {} }, 5000);
    expect(outcome).toMatchObject({ failure: expect.stringMatching(/^(ENOTFOUND|EAI_AGAIN)$/), message: expect.stringContaining('no-such-host.invalid') });
  });
});
