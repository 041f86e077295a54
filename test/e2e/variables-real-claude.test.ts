/**
 * One row per credential and provider variable (src/claude/variables.ts): the real claude,
 * launched by ccenv under a profile while the caller's environment has that variable set to
 * junk, sends the profile's credential to the stand-in API and nothing of the junk. Also:
 * every variable named in the list is a name the installed client knows.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMED_VARIABLES } from '../../src/claude/variables.js';
import { execa } from 'execa';
import { CCENV, ccenv, ROOT, type Sandbox } from '../helpers/cli.js';
import { realClaudeSandbox, requireRealClaude } from '../helpers/real-claude.js';
import { startStandIn, type StandIn } from '../helpers/stand-in.js';

const NATIVE = join(ROOT, 'node_modules', '@anthropic-ai', 'claude-code-linux-x64', 'claude');

const KEY = 'sk-ant-api03-VARS-PROFILE-KEY-0001';
const FOUNDRY = 'VARS-FOUNDRY-PROFILE-KEY-0002';
const AWS_KEY_ID = 'AKIAVARSPROFILEKEY01';

/** Names matched by shape rather than named: one example of each family. */
const FAMILY_EXAMPLES = [
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_AWS_BASE_URL',
  'ANTHROPIC_GOOGLE_CLOUD_BASE_URL',
  'ANTHROPIC_FOUNDRY_BASE_URL',
  'ANTHROPIC_BEDROCK_BASE_URL',
  'ANTHROPIC_MODEL',
  'ANTHROPIC_SMALL_FAST_MODEL',
  'ANTHROPIC_IDENTITY_TOKEN',
  'ANTHROPIC_IDENTITY_TOKEN_FILE',
  'CLAUDE_CODE_SKIP_FOUNDRY_AUTH',
  'CLAUDE_CODE_SKIP_BEDROCK_AUTH',
  'CLAUDE_CODE_OAUTH_TOKEN',
  'CLAUDE_CODE_OAUTH_TOKEN_FILE_DESCRIPTOR',
  'CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR',
  'CLAUDE_CODE_GATEWAY_TOKEN',
  'CLAUDE_CODE_GATEWAY_TOKEN_FILE_DESCRIPTOR',
];

/** The profile a stray variable competes with most directly. */
function profileFor(name: string): 'foundry' | 'bedrock' | 'api' {
  if (name.includes('FOUNDRY')) return 'foundry';
  if (name.includes('AWS') || name.includes('BEDROCK')) return 'bedrock';
  return 'api';
}

/** A junk value of the right shape, marked BOGUS wherever a value can carry text. */
function junk(name: string): string {
  if (name.endsWith('FILE_DESCRIPTOR')) return '9';
  if (/_USE_|_SKIP_|MANAGED_BY_HOST/.test(name)) return '1';
  if (name.endsWith('URL')) return 'http://127.0.0.1:9/BOGUS';
  if (/(DIR|FILE|SOCKET)$/.test(name)) return '/nonexistent/BOGUS';
  return `BOGUS-${name}`;
}

/** `ccenv @PROFILE -p MARKER` with a HOME of its own; a busy machine may need more than a minute. */
async function launch(home: string, profile: string, marker: string, extra: Record<string, string>) {
  const r = await execa(process.execPath, [CCENV, `@${profile}`, '-p', marker], {
    env: { ...box.env, HOME: home, ...extra },
    extendEnv: false,
    reject: false,
    input: '',
    cwd: home,
    timeout: 180_000,
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** At most two claudes at once: more only queue for the CPU (two cores are enough). */
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

let box: Sandbox;

describe('every credential and provider variable, against the real claude', () => {
  if (!requireRealClaude(existsSync(NATIVE))) return;

  let api: StandIn;

  beforeAll(async () => {
    api = await startStandIn();
    box = realClaudeSandbox();
    mkdirSync(join(box.home, '.claude'), { recursive: true });
    for (const [args, secret] of [
      [['api', '--kind', 'api-key'], KEY],
      [['foundry', '--kind', 'foundry'], FOUNDRY],
      [['bedrock', '--kind', 'bedrock', '--region', 'eu-west-3', '--access-key-id', AWS_KEY_ID], 'vars/aws/secret'],
    ] as const) {
      const run = await ccenv(box, ['add', ...args, '--base-url', api.url, '--secret-stdin'], { input: secret });
      expect(run.exitCode, run.stderr).toBe(0);
    }
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    box?.cleanup();
  });

  it('names only variables the installed client knows', () => {
    const binary = readFileSync(NATIVE);
    expect(NAMED_VARIABLES.filter((name) => binary.indexOf(name) === -1)).toEqual([]);
  }, 120_000);

  const rows = [...new Set([...NAMED_VARIABLES, ...FAMILY_EXAMPLES])].sort();

  it.concurrent.each(rows)('%s set to junk in the caller: the profile still wins', async (name) => {
    const profile = profileFor(name);
    const marker = `probe ${name}`;
    // Its own HOME: concurrent claudes sharing ~/.claude.json wait on each other's lock.
    const home = mkdtempSync(join(box.home, 'row-'));
    const run = await slot(() => launch(home, profile, marker, { [name]: junk(name) }));
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('stand-in ok');
    const mine = api.requests().filter((r) => r.method === 'POST' && r.body.includes(marker));
    expect(mine.length).toBeGreaterThan(0);
    for (const r of mine) {
      if (profile === 'api') expect([r.headers['x-api-key'], r.headers.authorization]).toEqual([KEY, undefined]);
      if (profile === 'foundry') expect([r.headers['x-api-key'], r.headers.authorization]).toEqual([FOUNDRY, undefined]);
      if (profile === 'bedrock') expect(String(r.headers.authorization)).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${AWS_KEY_ID}/`));
      expect(JSON.stringify({ path: r.path, headers: r.headers, body: r.body })).not.toContain('BOGUS');
    }
  }, 900_000);
});
