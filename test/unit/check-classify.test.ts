import { describe, expect, it } from 'vitest';
import { allOk, classify, resetOf, type Outcome } from '../../src/health/classify.js';

const answer = (code: number, headers: Record<string, string> = {}): Outcome => ({ answer: code, headers });

describe('a profile status from what its endpoint did', () => {
  it.each([
    ['200', answer(200), 'ok', 'HTTP 200'],
    ['204', answer(204), 'ok', 'HTTP 204'],
    ['401', answer(401), 'rejected', 'HTTP 401'],
    ['403', answer(403), 'rejected', 'HTTP 403'],
    ['429 with nothing more', answer(429), 'limited', 'HTTP 429'],
    ['429 with retry-after seconds', answer(429, { 'retry-after': '30' }), 'limited', 'HTTP 429; retry after 30 s'],
    ['429 with a retry-after date', answer(429, { 'retry-after': 'Sat, 28 Nov 2026 03:00:00 GMT' }), 'limited', 'HTTP 429; retry after Sat, 28 Nov 2026 03:00:00 GMT'],
    [
      '429 with rate-limit resets: the latest',
      answer(429, { 'anthropic-ratelimit-requests-reset': '2026-11-28T03:00:00Z', 'anthropic-ratelimit-tokens-reset': '2026-11-28T03:05:00Z' }),
      'limited',
      'HTTP 429; resets 2026-11-28T03:05:00Z',
    ],
    ['429 with the unified reset', answer(429, { 'anthropic-ratelimit-unified-reset': '1795834800' }), 'limited', 'HTTP 429; resets 1795834800'],
    ['500', answer(500), 'outage', 'HTTP 500'],
    ['502', answer(502), 'outage', 'HTTP 502'],
    ['529', answer(529), 'outage', 'HTTP 529 (overloaded)'],
    ['a time-out', { timeout: 5000 }, 'outage', 'no answer within 5000 ms'],
    ['a reset connection', { failure: 'ECONNRESET', message: 'connection reset' }, 'outage', 'ECONNRESET: connection reset'],
    ['a refused connection', { failure: 'ECONNREFUSED', message: 'connection refused' }, 'unreachable', 'ECONNREFUSED: connection refused'],
    ['an unknown host', { failure: 'ENOTFOUND', message: 'no such host' }, 'unreachable', 'ENOTFOUND: no such host'],
    ['a bad certificate', { failure: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'TLS failed' }, 'unreachable', 'DEPTH_ZERO_SELF_SIGNED_CERT: TLS failed'],
    ['a wrong host name', { failure: 'ERR_TLS_CERT_ALTNAME_INVALID', message: 'TLS failed' }, 'unreachable', 'ERR_TLS_CERT_ALTNAME_INVALID: TLS failed'],
    ['a failure without a code', { failure: 'ERROR', message: 'the request failed' }, 'unreachable', 'ERROR: the request failed'],
    ['a redirect', answer(302, { location: 'https://elsewhere.example' }), 'unchecked', 'HTTP 302: a redirect, not followed (it would carry the credential elsewhere)'],
    ['400', answer(400), 'unchecked', 'HTTP 400: the endpoint has no free request to check against'],
  ] as const)('%s: %s', (_what, outcome, status, detail) => {
    expect(classify(outcome)).toEqual({ status, detail });
  });

  it('404: says that nothing answers at the URL asked, and that a wrong --base-url path is one cause', () => {
    expect(classify(answer(404), 'http://127.0.0.1:4000/wrong/path/v1/models')).toEqual({
      status: 'unchecked',
      detail: 'HTTP 404: nothing answers at http://127.0.0.1:4000/wrong/path/v1/models; a wrong --base-url path is one cause, an endpoint without GET /v1/models another',
    });
  });

  it('404: shows the URL without a user name, password, query or fragment', () => {
    const { detail } = classify(answer(404), 'https://user:hunter2@gw.example/api/v1/models?key=abc#frag');
    expect(detail).toBe('HTTP 404: nothing answers at https://gw.example/api/v1/models; a wrong --base-url path is one cause, an endpoint without GET /v1/models another');
  });

  it('keeps at most 80 characters of what an endpoint sent', () => {
    const long = 'x'.repeat(500);
    expect(resetOf({ 'retry-after': long })).toBe(`retry after ${'x'.repeat(80)}...`);
  });
});

describe('the exit status', () => {
  it.each([
    [['ok', 'ok'], true],
    [['ok', 'unchecked'], true],
    [['unchecked'], true],
    [[], true],
    [['ok', 'rejected'], false],
    [['expired'], false],
    [['limited'], false],
    [['outage', 'ok'], false],
    [['unreachable'], false],
  ] as const)('%j: all ok is %s', (statuses, ok) => {
    expect(allOk(statuses)).toBe(ok);
  });
});
