/**
 * The real claude (the pinned devDependency) launched by the built ccenv against a stand-in
 * API on 127.0.0.1, from a hostile environment and with a settings file that sets another
 * key: for each kind the profile's credential is what arrives, and Claude Code agrees.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CCENV, ccenv, type Sandbox } from '../helpers/cli.js';
import { realClaudeSandbox, requireRealClaude } from '../helpers/real-claude.js';
import { startStandIn, type StandIn } from '../helpers/stand-in.js';

const SECRETS = {
  api: 'sk-ant-api03-E2E-API-KEY-0001',
  token: 'sk-ant-oat01-E2E-SUBSCRIPTION-TOKEN-0002',
  gateway: 'gw-E2E-GATEWAY-TOKEN-0003',
  awsSecret: 'E2E/aws/secret/access/key/0004',
  bedrockKey: 'E2E-BEDROCK-API-KEY-0005',
  foundry: 'E2E-FOUNDRY-KEY-0006',
};

/** Every credential variable a shell could leak into the launch, all wrong. */
const JUNK: Record<string, string> = {
  ANTHROPIC_API_KEY: 'sk-ant-api03-JUNK-FROM-SHELL',
  ANTHROPIC_AUTH_TOKEN: 'JUNK-AUTH-TOKEN',
  ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
  CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-JUNK',
  CLAUDE_CODE_USE_VERTEX: '1',
  AWS_ACCESS_KEY_ID: 'AKIAJUNKJUNKJUNKJUNK',
  AWS_SECRET_ACCESS_KEY: 'JUNK-AWS-SECRET',
  AWS_PROFILE: 'junk',
  AWS_BEARER_TOKEN_BEDROCK: 'JUNK-BEDROCK-KEY',
};

interface KindCase {
  name: string;
  add: string[];
  secret?: string;
  status: { authMethod: string; apiProvider: string };
  /** Checks the credential headers of every request that reached the stand-in. */
  header?: (headers: Record<string, unknown>) => void;
}

describe('the real claude, launched by ccenv', () => {
  if (!requireRealClaude()) return;

  let box: Sandbox;
  let api: StandIn;

  beforeAll(async () => {
    api = await startStandIn();
    box = realClaudeSandbox();
    mkdirSync(join(box.home, '.claude'), { recursive: true });
    // A settings file that would bill another key, and AWS credentials for the AWS-profile case.
    writeFileSync(join(box.home, '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_API_KEY: 'sk-ant-api03-FROM-SETTINGS' } }));
    mkdirSync(join(box.home, '.aws'));
    writeFileSync(join(box.home, '.aws', 'credentials'), '[corp]\naws_access_key_id = AKIACORPPROFILEKEY01\naws_secret_access_key = corp-secret\n');
  });
  afterAll(async () => {
    await api?.close();
    box?.cleanup();
  });
  beforeEach(() => api.clear());

  const sigv4 = (keyId: string, region: string, service: string) => (h: Record<string, unknown>) =>
    expect(String(h.authorization)).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${keyId}/\\d{8}/${region}/${service}/aws4_request, `));

  const CASES: KindCase[] = [
    {
      name: 'api',
      add: ['--kind', 'api-key'],
      secret: SECRETS.api,
      status: { authMethod: 'api_key', apiProvider: 'firstParty' },
      header: (h) => expect([h['x-api-key'], h.authorization]).toEqual([SECRETS.api, undefined]),
    },
    {
      name: 'token',
      add: ['--kind', 'subscription'],
      secret: SECRETS.token,
      status: { authMethod: 'oauth_token', apiProvider: 'firstParty' },
      header: (h) => expect([h['x-api-key'], h.authorization]).toEqual([undefined, `Bearer ${SECRETS.token}`]),
    },
    {
      name: 'gateway',
      add: ['--kind', 'gateway'],
      secret: SECRETS.gateway,
      status: { authMethod: 'third_party', apiProvider: 'gateway' },
      header: (h) => expect([h['x-api-key'], h.authorization]).toEqual([undefined, `Bearer ${SECRETS.gateway}`]),
    },
    {
      name: 'bedrock-keys',
      add: ['--kind', 'bedrock', '--region', 'eu-west-3', '--access-key-id', 'AKIAPROFILEKEY000001'],
      secret: SECRETS.awsSecret,
      status: { authMethod: 'third_party', apiProvider: 'bedrock' },
      header: sigv4('AKIAPROFILEKEY000001', 'eu-west-3', 'bedrock'),
    },
    {
      name: 'bedrock-profile',
      add: ['--kind', 'bedrock', '--region', 'us-east-1', '--aws-profile', 'corp'],
      status: { authMethod: 'third_party', apiProvider: 'bedrock' },
      header: sigv4('AKIACORPPROFILEKEY01', 'us-east-1', 'bedrock'),
    },
    {
      name: 'bedrock-bearer',
      add: ['--kind', 'bedrock', '--region', 'us-west-2', '--bearer'],
      secret: SECRETS.bedrockKey,
      status: { authMethod: 'third_party', apiProvider: 'bedrock' },
      header: (h) => expect(h.authorization).toBe(`Bearer ${SECRETS.bedrockKey}`),
    },
    {
      name: 'mantle',
      add: ['--kind', 'mantle', '--region', 'us-east-1', '--access-key-id', 'AKIAMANTLEKEY0000001'],
      secret: SECRETS.awsSecret,
      status: { authMethod: 'third_party', apiProvider: 'mantle' },
      header: sigv4('AKIAMANTLEKEY0000001', 'us-east-1', 'bedrock-mantle'),
    },
    {
      name: 'foundry',
      add: ['--kind', 'foundry'],
      secret: SECRETS.foundry,
      status: { authMethod: 'third_party', apiProvider: 'foundry' },
      header: (h) => expect([h['x-api-key'], h.authorization]).toEqual([SECRETS.foundry, undefined]),
    },
    {
      // Google credentials cannot be faked offline (FACTS): auth status only.
      name: 'vertex',
      add: ['--kind', 'vertex', '--region', 'us-east5', '--project-id', 'proj-e2e'],
      status: { authMethod: 'third_party', apiProvider: 'vertex' },
    },
  ];

  it('adds a profile of every kind', async () => {
    for (const c of CASES) {
      const args = ['add', c.name, ...c.add, '--base-url', api.url];
      if (c.secret) args.push('--secret-stdin');
      const run = await ccenv(box, args, { input: c.secret ?? '' });
      expect(run.exitCode, run.stderr).toBe(0);
    }
  });

  describe.each(CASES)('$name', (c) => {
    it('claude auth status agrees with the profile', async () => {
      const run = await ccenv(box, [`@${c.name}`, 'auth', 'status'], { env: JUNK });
      expect(run.exitCode, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ loggedIn: true, ...c.status });
    });

    if (c.header) it("the profile's credential is what arrives", async () => {
      const run = await ccenv(box, [`@${c.name}`, '-p', 'hi'], { env: JUNK });
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.stdout).toContain('stand-in ok');
      expect(run.stderr).toContain('overridden for this launch with --settings');
      const requests = api.requests();
      expect(requests.filter((r) => r.method === 'POST').length).toBeGreaterThan(0);
      for (const r of requests.filter((q) => q.method === 'POST')) c.header!(r.headers);
      const everything = JSON.stringify(requests.map((r) => r.headers));
      expect(everything).not.toMatch(/JUNK|FROM-SETTINGS|corp-secret/);
    });
  });

  it('status --verify agrees for a working profile, and not for a subscription with no login', async () => {
    for (const name of ['api', 'gateway', 'bedrock-keys']) {
      const run = await ccenv(box, ['status', `@${name}`, '--verify', '--json'], { env: JUNK });
      expect(run.exitCode, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout).verify).toMatchObject({ agrees: true });
    }
    const none = await ccenv(box, ['status', '--verify'], { env: JUNK });
    expect(none.exitCode).toBe(1);
    expect(none.stdout).toMatch(/^verify +DISAGREES: loggedIn false, authMethod none.*not logged in/m);
  });

  it('claude --bare: the API key still arrives (by the environment, said on stderr)', async () => {
    // The key now travels in the environment, so the settings file's key cannot be undone.
    const refused = await ccenv(box, ['@api', '--bare', '-p', 'hi'], { env: JUNK });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('sets ANTHROPIC_API_KEY in its env block');
    expect(refused.stderr).not.toContain(SECRETS.api);
    const settings = join(box.home, '.claude', 'settings.json');
    renameSync(settings, `${settings}.away`);
    let run;
    try {
      run = await ccenv(box, ['@api', '--bare', '-p', 'hi'], { env: JUNK });
    } finally {
      renameSync(`${settings}.away`, settings);
    }
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('claude --bare reads no descriptor');
    for (const r of api.requests().filter((q) => q.method === 'POST')) expect(r.headers['x-api-key']).toBe(SECRETS.api);
  });

  it('the built-in subscription ignores the shell and the settings file: not logged in', async () => {
    const run = await ccenv(box, ['auth', 'status'], { env: JUNK });
    expect(JSON.parse(run.stdout)).toMatchObject({ loggedIn: false, authMethod: 'none' });
    expect(run.stderr).toContain('ignored from your environment for profile subscription: ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN');
  });

  it('a nested launch inside a Claude Code session: the inner profile wins, status shows both', async () => {
    // The file backend's passphrase stays with the outer ccenv: the inner one is given it anew.
    const pass = `CCENV_FILE_PASSPHRASE='${box.env.CCENV_FILE_PASSPHRASE}'`;
    const inner = `export ${pass}; node ${CCENV} @token auth status; node ${CCENV} status @token --json`;
    const nested = await startStandIn({ mode: 'tool', toolCommand: inner });
    try {
      expect((await ccenv(box, ['edit', 'api', '--base-url', nested.url])).exitCode).toBe(0);
      const run = await ccenv(box, ['@api', '-p', 'nest', '--allowedTools', 'Bash'], { env: JUNK });
      expect(run.exitCode, run.stderr).toBe(0);
      const output = nested.toolResults().join('\n');
      expect(output).toMatch(/"authMethod": ?"oauth_token"/);
      expect(output).toMatch(/"profile": "token"[\s\S]*"outer": "api"/);
      expect(output).not.toContain(SECRETS.api);
    } finally {
      await nested.close();
      await ccenv(box, ['edit', 'api', '--base-url', api.url]);
    }
  });

  describe("what Claude Code's Bash tool inherits", () => {
    let tools: StandIn;
    beforeAll(async () => {
      tools = await startStandIn({ mode: 'tool', toolCommand: 'env; ls -l /proc/self/fd' });
    });
    afterAll(async () => tools?.close());

    async function childOutput(profile: string, secret: string): Promise<string> {
      const edit = await ccenv(box, ['edit', profile, '--base-url', tools.url]);
      expect(edit.exitCode, edit.stderr).toBe(0);
      tools.clear();
      const run = await ccenv(box, [`@${profile}`, '-p', 'run env', '--allowedTools', 'Bash'], { env: JUNK });
      expect(run.exitCode, run.stderr).toBe(0);
      const output = tools.toolResults().join('\n');
      expect(output).toContain('CCENV_ACTIVE=');
      // The secret did reach the API: it is not absent for lack of a launch.
      expect(JSON.stringify(tools.requests().map((r) => r.headers))).toContain(secret);
      return output;
    }

    it.each([
      ['api', SECRETS.api],
      ['token', SECRETS.token],
      ['gateway', SECRETS.gateway],
    ])('%s: the descriptor-delivered secret is nowhere in the child', async (profile, secret) => {
      const output = await childOutput(profile, secret);
      expect(output).not.toContain(secret);
      expect(output).not.toMatch(/FILE_DESCRIPTOR/);
      expect(output).toContain(`CCENV_ACTIVE=${profile}`);
      // The sandbox keeps its secrets in the file backend: its passphrase stays with ccenv.
      expect(output).not.toContain('CCENV_FILE_PASSPHRASE');
    });

    it('foundry: the key travels in the environment, as ccenv env and the README say', async () => {
      expect(await childOutput('foundry', SECRETS.foundry)).toContain(`ANTHROPIC_FOUNDRY_API_KEY=${SECRETS.foundry}`);
    });
  });
});
