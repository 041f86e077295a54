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
