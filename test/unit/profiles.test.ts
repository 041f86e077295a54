import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindSpec } from '../../src/profiles/kinds/index.js';
import { isValidProfileName } from '../../src/profiles/names.js';
import { cleanSecret, maskSecret } from '../../src/profiles/secret-input.js';
import type { Profile } from '../../src/profiles/types.js';
import { parseEnvAssignments, profileProblems } from '../../src/profiles/validate.js';

describe('profile names', () => {
  it.each(['work', 'a', 'work-bedrock', 'max_2', 'v1.2', '9lives', 'x'.repeat(64)])('accepts %j', (name) => {
    expect(isValidProfileName(name)).toBe(true);
  });
  it.each(['', ' ', 'has space', 'a/b', '../x', '$(touch x)', '`id`', 'a\nb', '-flag', '.hidden', '_x', 'x'.repeat(65), 'é', 'a;b', '@work'])(
    'refuses %j',
    (name) => {
      expect(isValidProfileName(name)).toBe(false);
    },
  );
});

const ok: [string, Profile][] = [
  ['subscription', { kind: 'subscription' }],
  ['subscription with its own login', { kind: 'subscription', configDir: '/home/u/.claude-2' }],
  ['api key', { kind: 'api-key' }],
  ['api key at a base URL', { kind: 'api-key', baseUrl: 'https://api.example.com' }],
  ['gateway', { kind: 'gateway', baseUrl: 'http://127.0.0.1:8080/v1', model: 'glm-4.6' }],
  ['bedrock with an AWS profile', { kind: 'bedrock', region: 'us-east-1', awsProfile: 'corp' }],
  ['bedrock with access keys', { kind: 'bedrock', region: 'eu-west-1', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }],
  ['bedrock with a bearer token', { kind: 'bedrock', region: 'us-west-2', bearer: true }],
  ['bedrock with the default chain', { kind: 'bedrock', region: 'us-west-2' }],
  ['mantle', { kind: 'mantle', region: 'us-east-1', awsProfile: 'corp' }],
  ['vertex', { kind: 'vertex', region: 'us-east5', projectId: 'my-project-1' }],
  ['vertex global with a credentials file', { kind: 'vertex', region: 'global', projectId: 'my-project-1', credentialsFile: '/k.json' }],
  ['foundry by resource', { kind: 'foundry', resource: 'my-resource' }],
  ['foundry by URL', { kind: 'foundry', baseUrl: 'https://x.services.ai.azure.com/anthropic' }],
  ['extras', { kind: 'api-key', env: { API_TIMEOUT_MS: '600000', DISABLE_TELEMETRY: '1' }, description: 'team key', claude: '/opt/claude' }],
];

describe('a complete profile has no problems', () => {
  it.each(ok)('%s', (_, profile) => {
    expect(profileProblems(profile)).toEqual([]);
  });
});

const bad: [string, Profile, string][] = [
  ['gateway without a base URL', { kind: 'gateway' }, '--base-url'],
  ['a base URL that is not http', { kind: 'gateway', baseUrl: 'file:///etc/passwd' }, 'not an http(s) URL'],
  ['bedrock without a region', { kind: 'bedrock', awsProfile: 'corp' }, '--region'],
  ['bedrock with two ways in', { kind: 'bedrock', region: 'us-east-1', awsProfile: 'corp', bearer: true }, 'choose one way'],
  ['mantle with a malformed key id', { kind: 'mantle', region: 'us-east-1', accessKeyId: 'not a key' }, '--access-key-id'],
  ['a region with a space', { kind: 'bedrock', region: 'us east' }, '--region'],
  ['vertex without a project', { kind: 'vertex', region: 'us-east5' }, '--project-id'],
  ['vertex without a region', { kind: 'vertex', projectId: 'my-project-1' }, '--region'],
  ['foundry with neither', { kind: 'foundry' }, '--resource NAME or --base-url'],
  ['foundry with both', { kind: 'foundry', resource: 'r1', baseUrl: 'https://x.example' }, 'not both'],
  ['a field of another kind', { kind: 'api-key', region: 'us-east-1' }, '--region does not apply to an api-key profile'],
  ['project id on bedrock', { kind: 'bedrock', region: 'us-east-1', projectId: 'p-12345' }, '--project-id does not apply'],
  ['a credential in --env', { kind: 'subscription', env: { ANTHROPIC_API_KEY: 'sk' } }, "--env ANTHROPIC_API_KEY is refused, as it chooses Claude Code's provider or credential: use --kind api-key with --secret-stdin"],
  ['a provider switch in --env', { kind: 'api-key', env: { CLAUDE_CODE_USE_BEDROCK: '1' } }, "--env CLAUDE_CODE_USE_BEDROCK is refused, as it chooses Claude Code's provider or credential: use --kind bedrock"],
  ['a bad variable name', { kind: 'api-key', env: { 'A-B': '1' } }, "'A-B' is not a variable name"],
  ['a newline in a value', { kind: 'api-key', env: { A: 'x\ny' } }, 'newline'],
  ['a newline in a description', { kind: 'api-key', description: 'a\nb' }, 'control characters'],
];

describe('an incomplete or wrong profile says what to fix', () => {
  it.each(bad)('%s', (_, profile, expected) => {
    expect(profileProblems(profile).join('\n')).toContain(expected);
  });
});

describe('which profiles take a secret', () => {
  it.each([
    [{ kind: 'subscription' }, 'optional'],
    [{ kind: 'api-key' }, 'required'],
    [{ kind: 'gateway', baseUrl: 'https://g.example' }, 'required'],
    [{ kind: 'bedrock', region: 'us-east-1', awsProfile: 'p' }, 'none'],
    [{ kind: 'bedrock', region: 'us-east-1', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }, 'required'],
    [{ kind: 'mantle', region: 'us-east-1', bearer: true }, 'required'],
    [{ kind: 'vertex', region: 'global', projectId: 'my-project-1' }, 'none'],
    [{ kind: 'foundry', resource: 'r1' }, 'required'],
  ] as [Profile, string][])('%j: %s', (profile, need) => {
    expect(kindSpec(profile.kind).secret(profile).need).toBe(need);
  });
});

describe('secrets as typed or piped', () => {
  it.each([
    ['sk-ant-api03-abc', 'sk-ant-api03-abc'],
    ['sk-ant-api03-abc\n', 'sk-ant-api03-abc'],
    ['sk-ant-api03-abc\r\n', 'sk-ant-api03-abc'],
    ['  padded  ', '  padded  '],
  ])('%j is kept as %j', (raw, clean) => {
    expect(cleanSecret(raw, 'API key')).toBe(clean);
  });
  it.each(['', '\n', '   ', 'two\nlines', 'nul\u0000byte', 'tab\tinside'])('%j is refused', (raw) => {
    expect(() => cleanSecret(raw, 'API key')).toThrow(/API key/);
  });
  it.each([
    ['sk-ant-api03-0123456789abcdefghijklmnopqrstuvwxyz', 'sk-ant-api03-…wxyz (49 chars)'],
    ['sk-ant-oat01-ABCDEFGHIJKLMNOPQRSTUVWXYZ-abcd', 'sk-ant-oat01-…abcd (44 chars)'],
    ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '…EKEY (40 chars)'],
    ['ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlLTAxMjM0NTY3ODk', '…3ODk (47 chars)'],
    ['gw-token-123456', '… (15 chars)'],
    ['sk-ant-api03-short', 'sk-ant-api03-… (18 chars)'],
  ])('%j is masked as %j: a public prefix, at most the last 4 of the secret material', (secret, masked) => {
    expect(maskSecret(secret)).toBe(masked);
  });

  it("the README's mask example is what show prints", () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const example = /ccenv show work-api +# secret masked: (\S+ \(108 chars\))/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const tail = example!.slice(example!.indexOf('…') + 1, example!.indexOf(' '));
    const key = `sk-ant-api03-${'x'.repeat(108 - 13 - tail.length)}${tail}`;
    expect(maskSecret(key)).toBe(example);
  });
});

describe('--env assignments', () => {
  it('splits at the first =', () => {
    expect(parseEnvAssignments(['A=1', 'B=x=y', 'C='])).toEqual({ A: '1', B: 'x=y', C: '' });
  });
  it.each(['A', '=1', ''])('refuses %j', (word) => {
    expect(() => parseEnvAssignments([word])).toThrow(/KEY=VALUE/);
  });
});
