/**
 * `ccenv export` and `ccenv import`: secret-free definitions that reproduce profiles of every
 * kind; bad files refused with file:line:column and nothing written; never applied without a
 * yes; a .ccprofile naming a missing profile points at the repository's ccenv.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';

const SECRETS = ['sk-ant-api03-EXPORT-API-0001', 'sk-ant-oat01-EXPORT-TOKEN-0002', 'EXPORT/aws/secret/0003', 'EXPORT-BEARER-0004', 'EXPORT-FOUNDRY-0005', 'gw-EXPORT-0006'];

/** Every kind, in each of its forms, with the common fields and every kind of secret source. */
const PROFILES: [string, string[], string?][] = [
  ['api', ['--kind', 'api-key', '--model', 'claude-sonnet-4-5', '--description', 'team key', '--env', 'API_TIMEOUT_MS=600000'], SECRETS[0]],
  ['api-op', ['--kind', 'api-key', '--secret-from', 'op://Team/Anthropic/credential']],
  ['max', ['--kind', 'subscription']],
  ['max2', ['--kind', 'subscription', '--config-dir', '/home/someone/.claude-max2']],
  ['token', ['--kind', 'subscription'], SECRETS[1]],
  ['gw', ['--kind', 'gateway', '--base-url', 'https://gw.example/api', '--secret-command', '--', 'vault', 'kv', 'get', '-field=token', 'secret/gw']],
  ['gw-stored', ['--kind', 'gateway', '--base-url', 'https://gw.example/api'], SECRETS[5]],
  ['bk', ['--kind', 'bedrock', '--region', 'eu-west-3', '--access-key-id', 'AKIAPROFILEKEY000001'], SECRETS[2]],
  ['bp', ['--kind', 'bedrock', '--region', 'us-east-1', '--aws-profile', 'corp', '--model', 'us.anthropic.claude-sonnet-4-5']],
  ['bb', ['--kind', 'bedrock', '--region', 'us-west-2', '--bearer', '--secret-from', 'pass:aws/bedrock-key']],
  ['bb2', ['--kind', 'bedrock', '--region', 'us-west-2', '--bearer'], SECRETS[3]],
  ['mantle', ['--kind', 'mantle', '--region', 'us-east-1', '--aws-profile', 'corp']],
  ['vx', ['--kind', 'vertex', '--region', 'us-east5', '--project-id', 'proj-e2e', '--credentials-file', '/etc/gcp.json']],
  ['fd', ['--kind', 'foundry', '--resource', 'my-resource', '--secret-from', 'env:AZURE_KEY']],
  ['fd2', ['--kind', 'foundry', '--base-url', 'https://my-resource.services.ai.azure.com/anthropic'], SECRETS[4]],
];

let box: Sandbox;
let other: Sandbox;
beforeEach(() => {
  box = sandbox();
  other = sandbox();
});
afterEach(() => {
  box.cleanup();
  other.cleanup();
});

const configText = (b: Sandbox) => (existsSync(join(b.configDir, 'config.json')) ? readFileSync(join(b.configDir, 'config.json'), 'utf8') : undefined);
const profilesOf = (b: Sandbox) => (JSON.parse(configText(b) ?? '{"profiles":{}}') as { profiles: Record<string, Record<string, unknown>> }).profiles;

function withoutSecretState(profiles: Record<string, Record<string, unknown>>) {
  return Object.fromEntries(Object.entries(profiles).map(([name, p]) => [name, Object.fromEntries(Object.entries(p).filter(([k]) => !['hasSecret', 'secretBackend', 'secretSetAt'].includes(k)))]));
}

it('export then import into an empty home reproduces every kind of profile exactly, minus secrets', async () => {
  for (const [name, args, secret] of PROFILES) {
    const run = await ccenv(box, ['add', name, ...args, ...(secret ? ['--secret-stdin'] : [])], { input: secret ?? '' });
    expect(run.exitCode, `${name}: ${run.stderr}`).toBe(0);
  }
  const exported = await ccenv(box, ['export', '--all']);
  expect(exported.exitCode, exported.stderr).toBe(0);
  for (const secret of SECRETS) expect(exported.stdout).not.toContain(secret);
  expect(exported.stdout).not.toMatch(/hasSecret|secretBackend/);
  expect(JSON.parse(exported.stdout)).toMatchObject({ format: 'ccenv-profiles', version: 1 });
  const file = join(other.home, 'team.json');
  writeFileSync(file, exported.stdout);

  const imported = await ccenv(other, ['import', file, '--yes']);
  expect(imported.exitCode, imported.stderr).toBe(0);
  expect(withoutSecretState(profilesOf(other))).toEqual(withoutSecretState(profilesOf(box)));
  expect(Object.keys(profilesOf(other))).toEqual(PROFILES.map(([name]) => name));
  // Secrets stay behind; the new keychain-sourced profiles say how to give theirs.
  for (const [name, , secret] of PROFILES) {
    if (secret && name !== 'token') expect(imported.stderr).toContain(`ccenv: ${name} needs its secret: printf %s "$SECRET" | ccenv edit ${name} --secret-stdin`);
  }
  expect(imported.stderr).not.toContain('ccenv: api-op needs its secret');
  // A second import of the same file changes nothing.
  const again = await ccenv(other, ['import', file, '--yes']);
  expect(again.stderr).toContain('nothing to change');
  // Export by name: only those.
  const some = JSON.parse((await ccenv(box, ['export', 'gw', 'bp', '--json'])).stdout);
  expect(Object.keys(some.profiles)).toEqual(['gw', 'bp']);
  expect(some.profiles.gw.secretCommand).toEqual(['vault', 'kv', 'get', '-field=token', 'secret/gw']);
}, 120_000);

describe('import', () => {
  const file = () => join(other.home, 'ccenv.json');
  const write = (text: string) => writeFileSync(file(), text);
  const defs = (profiles: object) => JSON.stringify({ format: 'ccenv-profiles', version: 1, profiles }, null, 2);

  it('shows each change and flags a base URL that is not the provider\'s own; without --yes and no terminal, writes nothing', async () => {
    expect((await ccenv(other, ['add', 'api', '--kind', 'api-key', '--model', 'old', '--secret-stdin'], { input: 'sk-ant-api03-KEEP' })).exitCode).toBe(0);
    const before = configText(other);
    write(
      defs({
        api: { kind: 'api-key', model: 'new' },
        own: { kind: 'api-key', baseUrl: 'https://api.anthropic.com' },
        glm: { kind: 'gateway', baseUrl: 'https://open.example.cn/api/anthropic', secretFrom: 'env:GLM_KEY' },
        br: { kind: 'bedrock', region: 'us-east-1', baseUrl: 'https://bedrock-runtime.us-east-1.amazonaws.com' },
        vault: { kind: 'api-key', secretCommand: ['sh', '-c', 'vault kv get -field=key secret/x'] },
      }),
    );
    const asked = await ccenv(other, ['import', file()]);
    expect(asked.exitCode).toBe(2);
    expect(asked.stderr).toContain('nothing was imported: confirm with --yes');
    expect(asked.stderr).toMatch(/~ api \(api-key\):\n +model: old -> new/);
    expect(asked.stderr).toContain('+ glm (gateway): baseUrl https://open.example.cn/api/anthropic, secret read at each launch from env:GLM_KEY');
    expect(asked.stderr).toContain('WARNING: glm sends its token to https://open.example.cn/api/anthropic');
    expect(asked.stderr).not.toMatch(/WARNING: (own|br|api) /);
    expect(asked.stderr).toContain('WARNING: each launch of vault runs sh -c vault kv get -field=key secret/x: import only if you trust what it runs.');
    expect(configText(other)).toBe(before);

    const applied = await ccenv(other, ['import', file(), '--yes']);
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(profilesOf(other).api).toMatchObject({ kind: 'api-key', model: 'new', hasSecret: true });
    // The stored secret of an updated profile is kept.
    expect(JSON.parse((await ccenv(other, ['show', 'api', '--json'])).stdout).secret.stored).toBe(true);
  });

  it.each([
    ['does not parse', '{\n  "format": "ccenv-profiles",\n  "version": 1,\n  "profiles": {},\n}\n', ':4:17: invalid JSON: trailing comma\n'],
    ['has an unknown version', '{\n  "format": "ccenv-profiles",\n  "version": 2,\n  "profiles": {}\n}\n', ':3:14: unknown version 2: this ccenv reads version 1'],
    ['is not a definitions file', '{\n  "version": 1,\n  "profiles": {}\n}\n', ':1:1: not a ccenv definitions file'],
    ['names an unknown kind', '{\n  "format": "ccenv-profiles",\n  "version": 1,\n  "profiles": {\n    "x": { "kind": "openai" }\n  }\n}\n', ':5:20: profile x: unknown kind "openai"'],
    ['has an unknown field', '{\n  "format": "ccenv-profiles",\n  "version": 1,\n  "profiles": {\n    "x": { "kind": "api-key", "apiKey": "sk" }\n  }\n}\n', ':5:31: profile x: unknown field "apiKey"'],
    ['carries secret-store state', '{\n  "format": "ccenv-profiles",\n  "version": 1,\n  "profiles": {\n    "x": { "kind": "api-key", "hasSecret": true }\n  }\n}\n', ':5:31: profile x: hasSecret is this machine\'s'],
    ['has an invalid profile', '{\n  "format": "ccenv-profiles",\n  "version": 1,\n  "profiles": {\n    "x": { "kind": "bedrock" }\n  }\n}\n', ':5:10: profile x: Amazon Bedrock needs --region'],
  ])('refuses a file that %s with file:line:column, and writes nothing', async (_what, text, message) => {
    expect((await ccenv(other, ['add', 'keep', '--kind', 'subscription'])).exitCode).toBe(0);
    const before = configText(other);
    write(text);
    const run = await ccenv(other, ['import', file(), '--yes']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`${file()}${message}`);
    expect(configText(other)).toBe(before);
  });

  it('refuses to turn a profile into another kind, naming the line, and writes nothing', async () => {
    expect((await ccenv(other, ['add', 'work', '--kind', 'subscription'])).exitCode).toBe(0);
    const before = configText(other);
    write('{\n  "format": "ccenv-profiles",\n  "version": 1,\n  "profiles": {\n    "ok": { "kind": "subscription" },\n    "work": {\n      "kind": "gateway", "baseUrl": "https://gw.example"\n    }\n  }\n}\n');
    const run = await ccenv(other, ['import', file(), '--yes']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`${file()}:7:15: profile work is subscription here, and the file makes it gateway`);
    expect(configText(other)).toBe(before);
  });

  it("a .ccprofile naming a profile you do not have: the launch's error names the repository's ccenv.json", async () => {
    const repo = join(other.home, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, 'src'));
    writeFileSync(join(repo, 'ccenv.json'), defs({ team: { kind: 'subscription' } }));
    writeFileSync(join(repo, '.ccprofile'), 'team\n');
    expect((await ccenv(other, ['allow', repo])).exitCode).toBe(0);
    const run = await ccenv(other, ['-p', 'hi'], { cwd: repo });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('names team, which is not a profile');
    expect(run.stderr).toContain('the repository shares its profiles: ccenv import ccenv.json;');
    const below = await ccenv(other, ['-p', 'hi'], { cwd: join(repo, 'src') });
    expect(below.stderr).toContain('ccenv import ~/repo/ccenv.json;');
    // Never applied by a launch.
    expect(profilesOf(other).team).toBeUndefined();
  });
});
