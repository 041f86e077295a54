import { describe, expect, it } from 'vitest';
import { buildPlan, childEnvironment, type LaunchPlan } from '../../src/launch/plan.js';
import { AWS_CREDENTIAL_VARIABLES, PROVIDER_SWITCHES } from '../../src/claude/variables.js';
import type { Profile } from '../../src/profiles/types.js';

/** Every credential and provider variable set to junk, AWS keys beside an AWS profile, feature switches on. */
const HOSTILE: Record<string, string> = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/u',
  ANTHROPIC_API_KEY: 'junk-api-key',
  ANTHROPIC_AUTH_TOKEN: 'junk-auth-token',
  ANTHROPIC_BASE_URL: 'https://junk.example',
  ANTHROPIC_CUSTOM_HEADERS: 'x-junk: 1',
  ANTHROPIC_MODEL: 'junk-model',
  ANTHROPIC_DEFAULT_OPUS_MODEL: 'junk-opus',
  ANTHROPIC_SMALL_FAST_MODEL: 'junk-haiku',
  ANTHROPIC_BEDROCK_BASE_URL: 'https://junk-bedrock.example',
  ANTHROPIC_BEDROCK_MANTLE_BASE_URL: 'https://junk-mantle.example',
  ANTHROPIC_VERTEX_BASE_URL: 'https://junk-vertex.example',
  ANTHROPIC_VERTEX_PROJECT_ID: 'junk-project',
  ANTHROPIC_FOUNDRY_API_KEY: 'junk-foundry',
  ANTHROPIC_FOUNDRY_RESOURCE: 'junk-resource',
  ANTHROPIC_PROFILE: 'junk',
  CLOUD_ML_REGION: 'junk-region',
  CLAUDE_CONFIG_DIR: '/junk/claude',
  CLAUDE_CODE_OAUTH_TOKEN: 'junk-oauth',
  CLAUDE_CODE_OAUTH_TOKEN_FILE_DESCRIPTOR: '9',
  CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR: '9',
  CLAUDE_CODE_GATEWAY_TOKEN_FILE_DESCRIPTOR: '9',
  CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1',
  CLAUDE_CODE_SKIP_VERTEX_AUTH: '1',
  ...Object.fromEntries(PROVIDER_SWITCHES.map((v) => [v, '1'])),
  CLAUDE_CODE_USE_POWERSHELL_TOOL: '1',
  CLAUDE_CODE_USE_NATIVE_FILE_SEARCH: '1',
  CLAUDE_CODE_USE_CCR_V2: '1',
  AWS_ACCESS_KEY_ID: 'AKIAJUNKJUNKJUNK',
  AWS_SECRET_ACCESS_KEY: 'junk-secret',
  AWS_SESSION_TOKEN: 'junk-session',
  AWS_PROFILE: 'junk-profile',
  AWS_DEFAULT_PROFILE: 'junk-default',
  AWS_BEARER_TOKEN_BEDROCK: 'junk-bedrock-key',
  AWS_REGION: 'junk-1',
  GOOGLE_APPLICATION_CREDENTIALS: '/junk/adc.json',
  CCENV_ACTIVE: 'outer',
};

const KEEP_ALWAYS = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/u',
  CLAUDE_CODE_USE_POWERSHELL_TOOL: '1',
  CLAUDE_CODE_USE_NATIVE_FILE_SEARCH: '1',
  CLAUDE_CODE_USE_CCR_V2: '1',
};
const CALLER_AWS = Object.fromEntries(AWS_CREDENTIAL_VARIABLES.map((v) => [v, HOSTILE[v]!]));
const CALLER_GOOGLE = { GOOGLE_APPLICATION_CREDENTIALS: '/junk/adc.json', AWS_REGION: 'junk-1' };

function plan(name: string, profile: Profile, secret?: string, mode: 'claude' | 'exec' = 'claude', caller = HOSTILE): LaunchPlan {
  return buildPlan({ resolved: { name, profile, source: { from: 'argument' } }, caller, secret, mode, command: '/bin/claude', args: ['-p', 'hi'] });
}

interface Row {
  what: string;
  profile: Profile;
  secret?: string;
  /** The child's whole environment. */
  env: Record<string, string>;
  descriptor?: [string, string];
}

const ROWS: Row[] = [
  {
    what: 'built-in subscription',
    profile: { kind: 'subscription' },
    env: { ...KEEP_ALWAYS, ...CALLER_AWS, ...CALLER_GOOGLE, CCENV_ACTIVE: 'p' },
  },
  {
    what: 'subscription with its own config dir and a model',
    profile: { kind: 'subscription', configDir: '/home/u/.claude-max2', model: 'opus' },
    env: { ...KEEP_ALWAYS, ...CALLER_AWS, ...CALLER_GOOGLE, CCENV_ACTIVE: 'p', CLAUDE_CONFIG_DIR: '/home/u/.claude-max2', ANTHROPIC_MODEL: 'opus' },
  },
  {
    what: 'subscription token',
    profile: { kind: 'subscription', hasSecret: true },
    secret: 'sk-ant-oat01-token',
    env: { ...KEEP_ALWAYS, ...CALLER_AWS, ...CALLER_GOOGLE, CCENV_ACTIVE: 'p', CLAUDE_CODE_OAUTH_TOKEN_FILE_DESCRIPTOR: '3' },
    descriptor: ['CLAUDE_CODE_OAUTH_TOKEN_FILE_DESCRIPTOR', 'sk-ant-oat01-token'],
  },
  {
    what: 'api key with a base URL and extras',
    profile: { kind: 'api-key', baseUrl: 'https://api.example', env: { HTTPS_PROXY: 'http://proxy:3128' }, hasSecret: true },
    secret: 'sk-ant-api03-key',
    env: {
      ...KEEP_ALWAYS, ...CALLER_AWS, ...CALLER_GOOGLE,
      CCENV_ACTIVE: 'p', ANTHROPIC_BASE_URL: 'https://api.example', HTTPS_PROXY: 'http://proxy:3128', CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR: '3',
    },
    descriptor: ['CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR', 'sk-ant-api03-key'],
  },
  {
    what: 'gateway over https: token by descriptor, gateway mode',
    profile: { kind: 'gateway', baseUrl: 'https://gw.example/v1', hasSecret: true },
    secret: 'gw-token',
    env: {
      ...KEEP_ALWAYS, ...CALLER_AWS, ...CALLER_GOOGLE,
      CCENV_ACTIVE: 'p', ANTHROPIC_BASE_URL: 'https://gw.example/v1', CLAUDE_CODE_USE_GATEWAY: '1', CLAUDE_CODE_GATEWAY_TOKEN_FILE_DESCRIPTOR: '3',
    },
    descriptor: ['CLAUDE_CODE_GATEWAY_TOKEN_FILE_DESCRIPTOR', 'gw-token'],
  },
  {
    what: 'gateway over plain http elsewhere: token in the environment',
    profile: { kind: 'gateway', baseUrl: 'http://gw.lan:4000', hasSecret: true },
    secret: 'gw-token',
    env: { ...KEEP_ALWAYS, ...CALLER_AWS, ...CALLER_GOOGLE, CCENV_ACTIVE: 'p', ANTHROPIC_BASE_URL: 'http://gw.lan:4000', ANTHROPIC_AUTH_TOKEN: 'gw-token' },
  },
  {
    what: 'bedrock with an AWS profile: AWS keys in the shell would beat it',
    profile: { kind: 'bedrock', region: 'us-east-1', awsProfile: 'corp' },
    env: { ...KEEP_ALWAYS, ...CALLER_GOOGLE, CCENV_ACTIVE: 'p', CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1', AWS_PROFILE: 'corp' },
  },
  {
    what: 'bedrock with access keys and a base URL',
    profile: { kind: 'bedrock', region: 'eu-west-1', accessKeyId: 'AKIAPROFILEKEY000', baseUrl: 'https://bedrock.example', hasSecret: true },
    secret: 'aws-secret',
    env: {
      ...KEEP_ALWAYS, ...CALLER_GOOGLE,
      CCENV_ACTIVE: 'p', CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'AKIAPROFILEKEY000',
      AWS_SECRET_ACCESS_KEY: 'aws-secret', ANTHROPIC_BEDROCK_BASE_URL: 'https://bedrock.example',
    },
  },
  {
    what: 'bedrock with a Bedrock API key',
    profile: { kind: 'bedrock', region: 'us-west-2', bearer: true, hasSecret: true },
    secret: 'bedrock-api-key',
    env: { ...KEEP_ALWAYS, ...CALLER_GOOGLE, CCENV_ACTIVE: 'p', CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-west-2', AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key' },
  },
  {
    what: "bedrock with the default chain keeps the caller's AWS credentials but not a Bedrock API key",
    profile: { kind: 'bedrock', region: 'us-east-1' },
    env: {
      ...KEEP_ALWAYS, ...CALLER_GOOGLE, ...CALLER_AWS,
      AWS_BEARER_TOKEN_BEDROCK: undefined as unknown as string,
      CCENV_ACTIVE: 'p', CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1',
    },
  },
  {
    what: 'mantle with access keys',
    profile: { kind: 'mantle', region: 'us-east-1', accessKeyId: 'AKIAPROFILEKEY000', baseUrl: 'https://mantle.example', hasSecret: true },
    secret: 'aws-secret',
    env: {
      ...KEEP_ALWAYS, ...CALLER_GOOGLE,
      CCENV_ACTIVE: 'p', CLAUDE_CODE_USE_MANTLE: '1', AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIAPROFILEKEY000',
      AWS_SECRET_ACCESS_KEY: 'aws-secret', ANTHROPIC_BEDROCK_MANTLE_BASE_URL: 'https://mantle.example',
    },
  },
  {
    what: 'vertex with a credentials file',
    profile: { kind: 'vertex', region: 'us-east5', projectId: 'my-project', credentialsFile: '/home/u/sa.json' },
    env: {
      ...KEEP_ALWAYS, ...CALLER_AWS, AWS_REGION: 'junk-1',
      CCENV_ACTIVE: 'p', CLAUDE_CODE_USE_VERTEX: '1', CLOUD_ML_REGION: 'us-east5', ANTHROPIC_VERTEX_PROJECT_ID: 'my-project',
      GOOGLE_APPLICATION_CREDENTIALS: '/home/u/sa.json',
    },
  },
  {
    what: 'foundry with a resource',
    profile: { kind: 'foundry', resource: 'my-res', hasSecret: true },
    secret: 'foundry-key',
    env: {
      ...KEEP_ALWAYS, ...CALLER_AWS, ...CALLER_GOOGLE,
      CCENV_ACTIVE: 'p', CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_RESOURCE: 'my-res', ANTHROPIC_FOUNDRY_API_KEY: 'foundry-key',
    },
  },
];

const clean = (env: Record<string, string>) => Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));

describe('a launch plan per kind, from a hostile environment', () => {
  it.each(ROWS)('$what', ({ profile, secret, env, descriptor }) => {
    const p = plan('p', profile, secret);
    expect(childEnvironment(p, HOSTILE)).toEqual(clean(env));
    expect(p.descriptors.map((d) => [d.variable, d.secret])).toEqual(descriptor ? [descriptor] : []);
    if (descriptor) expect(Object.values(childEnvironment(p, HOSTILE))).not.toContain(descriptor[1]);
    // What `set` replaces is not listed as removed; everything removed is gone from the child.
    for (const { name } of p.removed) {
      expect(p.set).not.toHaveProperty(name);
      expect(childEnvironment(p, HOSTILE)).not.toHaveProperty(name);
    }
    expect(p.args).toEqual(['-p', 'hi']);
    expect(p.command).toBe('/bin/claude');
  });

  it('says in one note which caller variables were ignored', () => {
    const p = plan('p', { kind: 'subscription' }, undefined, 'claude', { PATH: '/bin', ANTHROPIC_API_KEY: 'x', CLAUDE_CODE_USE_POWERSHELL_TOOL: '1' });
    expect(p.notes).toEqual(['ignored from your environment for profile p: ANTHROPIC_API_KEY']);
    expect(p.removed).toEqual([{ name: 'ANTHROPIC_API_KEY', reason: 'credential' }]);
  });

  it('gives no note when the caller already had what the profile sets', () => {
    const caller = { PATH: '/bin', ANTHROPIC_BASE_URL: 'https://api.example' };
    expect(plan('p', { kind: 'api-key', baseUrl: 'https://api.example' }, 'k', 'claude', caller).notes).toEqual([]);
  });

  it('marks AWS removals apart from credential removals', () => {
    const p = plan('p', { kind: 'bedrock', region: 'us-east-1', awsProfile: 'corp' }, undefined, 'claude', { AWS_ACCESS_KEY_ID: 'A', ANTHROPIC_API_KEY: 'k' });
    expect(p.removed).toEqual([
      { name: 'ANTHROPIC_API_KEY', reason: 'credential' },
      { name: 'AWS_ACCESS_KEY_ID', reason: 'aws' },
    ]);
  });
});

describe('exec: secrets as ordinary variables, no descriptors', () => {
  it.each([
    [{ kind: 'api-key', hasSecret: true } as Profile, 'ANTHROPIC_API_KEY'],
    [{ kind: 'subscription', hasSecret: true } as Profile, 'CLAUDE_CODE_OAUTH_TOKEN'],
    [{ kind: 'gateway', baseUrl: 'https://gw.example', hasSecret: true } as Profile, 'ANTHROPIC_AUTH_TOKEN'],
  ])('%o puts the secret in %s', (profile, variable) => {
    const p = plan('p', profile, 'the-secret', 'exec');
    expect(p.descriptors).toEqual([]);
    expect(p.secretVariables).toEqual([variable]);
    const env = childEnvironment(p, HOSTILE);
    expect(env[variable]).toBe('the-secret');
    expect(Object.keys(env).filter((k) => k.endsWith('_FILE_DESCRIPTOR') || k === 'CLAUDE_CODE_USE_GATEWAY')).toEqual([]);
  });
});

describe('a pipe for a descriptor (the wrappers): what Claude Code reads only from a socket goes in the environment', () => {
  const wrapped = (profile: Profile) =>
    buildPlan({ resolved: { name: 'p', profile, source: { from: 'argument' } }, caller: {}, secret: 'the-secret', handover: 'pipe', mode: 'claude', command: 'claude', args: [] });
  it('a gateway token: ANTHROPIC_AUTH_TOKEN, without gateway mode', () => {
    const p = wrapped({ kind: 'gateway', baseUrl: 'https://gw.example', hasSecret: true });
    expect(p.descriptors).toEqual([]);
    expect(p.secretVariables).toEqual(['ANTHROPIC_AUTH_TOKEN']);
    expect(p.set).not.toHaveProperty('CLAUDE_CODE_USE_GATEWAY');
    expect(p.set).not.toHaveProperty('CLAUDE_CODE_GATEWAY_TOKEN_FILE_DESCRIPTOR');
  });
  it.each([
    [{ kind: 'api-key', hasSecret: true } as Profile, 'CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR'],
    [{ kind: 'subscription', hasSecret: true } as Profile, 'CLAUDE_CODE_OAUTH_TOKEN_FILE_DESCRIPTOR'],
  ])('%o keeps its descriptor %s: read from a pipe too', (profile, variable) => {
    const p = wrapped(profile);
    expect(p.descriptors.map((d) => d.variable)).toEqual([variable]);
    expect(p.secretVariables).toEqual([]);
  });
});

describe('claude --bare reads no descriptor', () => {
  it('sends the API key in the environment and says so', () => {
    const p = buildPlan({
      resolved: { name: 'p', profile: { kind: 'api-key' }, source: { from: 'argument' } },
      caller: {}, secret: 'k', mode: 'claude', command: 'claude', args: ['--bare', '-p', 'hi'],
    });
    expect(p.descriptors).toEqual([]);
    expect(p.set.ANTHROPIC_API_KEY).toBe('k');
    expect(p.notes).toEqual([expect.stringContaining('--bare')]);
  });

  it('keeps the gateway descriptor, and ignores --bare after --', () => {
    const gw = buildPlan({
      resolved: { name: 'p', profile: { kind: 'gateway', baseUrl: 'https://gw.example' }, source: { from: 'argument' } },
      caller: {}, secret: 'k', mode: 'claude', command: 'claude', args: ['--bare'],
    });
    expect(gw.descriptors.length).toBe(1);
    const after = buildPlan({
      resolved: { name: 'p', profile: { kind: 'api-key' }, source: { from: 'argument' } },
      caller: {}, secret: 'k', mode: 'claude', command: 'claude', args: ['-p', '--', '--bare'],
    });
    expect(after.descriptors.length).toBe(1);
  });
});
