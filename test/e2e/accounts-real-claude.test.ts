/**
 * Several subscription accounts sharing one Claude setup, with the real claude (the pinned
 * devDependency) against a stand-in API: three own-login profiles, each logged in (login
 * files made here: far-future expiry, distinct tokens and account data). Each launch sends
 * its own account's token and `claude auth status` agrees; the settings, agent, command,
 * CLAUDE.md and user MCP server made in the main directory reach every account; history
 * stays per account unless --shared-history.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccenv, type Sandbox } from '../helpers/cli.js';
import { realClaudeSandbox, requireRealClaude } from '../helpers/real-claude.js';
import { startStandIn, type StandIn } from '../helpers/stand-in.js';

const ACCOUNTS = [1, 2, 3].map((n) => ({
  name: `acct${n}`,
  token: `sk-ant-oat01-E2E-ACCOUNT-${n}-TOKEN`,
  email: `user${n}@example.com`,
  org: `Org ${n}`,
  id: `0000000${n}-0000-4000-8000-00000000000${n}`,
}));

const MARK = {
  claudeMd: 'E2E-MAIN-CLAUDE-MD-7431',
  agent: 'E2E-MAIN-AGENT-DESCRIPTION-5120',
  command: 'E2E-MAIN-COMMAND-BODY-8802',
  model: 'claude-e2e-main-settings-model',
  mcp: 'e2e-main-mcp-server',
};

/** Every file name under a directory, recursively (history files are session ids). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => d.name);
}

describe('several accounts with the real claude', () => {
  if (!requireRealClaude()) return;

  let box: Sandbox;
  let api: StandIn;
  const main = () => join(box.home, '.claude');
  const dirOf = (name: string) => join(box.dataDir, 'accounts', name);
  // Outside the home directory: from under it, claude reads ~/.claude/CLAUDE.md as a parent directory's too.
  let work: string;
  const claude = (args: string[]) => ccenv(box, args, { cwd: work });

  beforeAll(async () => {
    api = await startStandIn();
    box = realClaudeSandbox();
    work = mkdtempSync(join(tmpdir(), 'ccenv-work-'));
    mkdirSync(join(main(), 'agents'), { recursive: true });
    mkdirSync(join(main(), 'commands'), { recursive: true });
    // Where an editor's extension writes its lock files (it ignores CLAUDE_CONFIG_DIR).
    mkdirSync(join(main(), 'ide'), { recursive: true });
    writeFileSync(join(main(), 'settings.json'), JSON.stringify({ model: MARK.model }));
    writeFileSync(join(main(), 'CLAUDE.md'), `# Notes\n${MARK.claudeMd}\n`);
    writeFileSync(join(main(), 'agents', 'e2e-reviewer.md'), `---\nname: e2e-reviewer\ndescription: ${MARK.agent}\n---\nReview.\n`);
    writeFileSync(join(main(), 'commands', 'e2e-cmd.md'), `${MARK.command}\n`);
    writeFileSync(join(box.home, '.claude.json'), JSON.stringify({ mcpServers: { [MARK.mcp]: { type: 'stdio', command: 'true', args: [] } } }));
    for (const a of [...ACCOUNTS, { ...ACCOUNTS[0]!, name: 'shared' }]) {
      const extra = a.name === 'shared' ? ['--shared-history'] : [];
      const added = await ccenv(box, ['add', a.name, '--kind', 'subscription', '--own-login', '--base-url', api.url, ...extra]);
      expect(added.exitCode, added.stderr).toBe(0);
      const dir = dirOf(a.name);
      writeFileSync(join(dir, '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: a.token, refreshToken: `${a.token}-refresh`, expiresAt: 4102444800000, scopes: ['user:inference', 'user:profile'], subscriptionType: 'max' } }));
      chmodSync(join(dir, '.credentials.json'), 0o600);
      writeFileSync(join(dir, '.claude.json'), JSON.stringify({ oauthAccount: { accountUuid: a.id, emailAddress: a.email, organizationUuid: a.id, organizationName: a.org } }));
    }
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    box?.cleanup();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it.each(ACCOUNTS)('$name: its own token, the main settings, CLAUDE.md, agent and command', async (a) => {
    api.clear();
    const run = await claude([`@${a.name}`, '-p', '/e2e-cmd']);
    expect(run.exitCode, run.stderr).toBe(0);
    const requests = api.modelRequests();
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) expect(r.headers.authorization).toBe(`Bearer ${a.token}`);
    const body = requests.map((r) => r.body).join('\n');
    for (const mark of [MARK.claudeMd, MARK.agent, MARK.command, MARK.model]) expect(body, mark).toContain(mark);
    for (const other of ACCOUNTS.filter((o) => o !== a)) expect(JSON.stringify(requests.map((r) => r.headers))).not.toContain(other.token);
  }, 120_000);

  it('control: a --config-dir profile, which shares nothing, sees none of it', async () => {
    const plain = join(box.home, 'plain');
    mkdirSync(plain);
    expect((await ccenv(box, ['add', 'plain', '--kind', 'subscription', '--config-dir', plain, '--base-url', api.url])).exitCode).toBe(0);
    writeFileSync(join(plain, '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: 'sk-ant-oat01-E2E-PLAIN', expiresAt: 4102444800000, scopes: ['user:inference'], subscriptionType: 'pro' } }));
    api.clear();
    expect((await claude(['@plain', '-p', 'hi'])).exitCode).toBe(0);
    const body = api.modelRequests().map((r) => r.body).join('\n');
    for (const mark of [MARK.claudeMd, MARK.agent, MARK.model]) expect(body).not.toContain(mark);
    expect((await claude(['@plain', 'mcp', 'list'])).stdout).not.toContain(MARK.mcp);
  }, 120_000);

  it.each(ACCOUNTS)('$name: claude auth status agrees, and claude mcp list has the main server', async (a) => {
    const status = await claude([`@${a.name}`, 'auth', 'status']);
    expect(JSON.parse(status.stdout)).toMatchObject({ loggedIn: true, authMethod: 'claude.ai', email: a.email, orgName: a.org, configDirectory: dirOf(a.name) });
    const mcp = await claude([`@${a.name}`, 'mcp', 'list']);
    expect(mcp.stdout).toContain(MARK.mcp);
    expect(readlinkSync(join(dirOf(a.name), 'ide'))).toBe(join(main(), 'ide'));
  }, 120_000);

  it('history written under one account is under no other, unless shared', async () => {
    const [one, two, three] = ACCOUNTS.map((a) => filesUnder(join(dirOf(a.name), 'projects')).filter((f) => f.endsWith('.jsonl')));
    expect(one!.length).toBeGreaterThan(0);
    for (const session of one!) {
      expect(two).not.toContain(session);
      expect(three).not.toContain(session);
      expect(filesUnder(join(main(), 'projects'))).not.toContain(session);
    }
    const before = filesUnder(join(main(), 'projects'));
    const run = await claude(['@shared', '-p', 'hi']);
    expect(run.exitCode, run.stderr).toBe(0);
    const added = filesUnder(join(main(), 'projects')).filter((f) => f.endsWith('.jsonl') && !before.includes(f));
    expect(added).toHaveLength(1);
    expect(readlinkSync(join(dirOf('shared'), 'projects'))).toBe(join(main(), 'projects'));
  }, 120_000);

  it('two launches of one account at once leave its .claude.json and the main one whole', async () => {
    const mainBefore = readFileSync(join(box.home, '.claude.json'), 'utf8');
    const runs = await Promise.all([claude(['@acct2', '-p', 'one']), claude(['@acct2', '-p', 'two'])]);
    for (const r of runs) expect(r.exitCode, r.stderr).toBe(0);
    const data = JSON.parse(readFileSync(join(dirOf('acct2'), '.claude.json'), 'utf8'));
    expect(data.oauthAccount.emailAddress).toBe(ACCOUNTS[1]!.email);
    expect(Object.keys(data.mcpServers)).toEqual([MARK.mcp]);
    expect(readFileSync(join(box.home, '.claude.json'), 'utf8')).toBe(mainBefore);
  }, 120_000);

  it('ccenv list names each account from what Claude Code stored', async () => {
    const rows = JSON.parse((await ccenv(box, ['list', '--json'])).stdout) as { name: string; account?: { email?: string; loggedIn: boolean } }[];
    for (const a of ACCOUNTS) expect(rows.find((r) => r.name === a.name)?.account).toMatchObject({ loggedIn: true, email: a.email });
  });
});
