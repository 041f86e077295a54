/** User MCP servers from the main .claude.json, merged by key into an own-login directory's, under Claude Code's lock. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeServers, serverHash, syncMcpServers } from '../../src/accounts/mcp.js';

const A = { type: 'stdio', command: 'a', args: [] };
const B = { type: 'stdio', command: 'b', args: [] };
const B2 = { type: 'stdio', command: 'b2', args: [] };

describe('mergeServers', () => {
  const cases: { name: string; account: Record<string, unknown>; main: Record<string, unknown>; previous: Record<string, string>; servers: Record<string, unknown> | undefined }[] = [
    { name: 'main servers are added', account: { userID: 'u' }, main: { a: A }, previous: {}, servers: { a: A } },
    { name: 'a server only in the account stays', account: { mcpServers: { own: B } }, main: { a: A }, previous: {}, servers: { own: B, a: A } },
    { name: 'the main file wins for its own keys', account: { mcpServers: { a: B } }, main: { a: A }, previous: {}, servers: { a: A } },
    { name: 'a server removed from main and unchanged here goes', account: { mcpServers: { b: B } }, main: {}, previous: { b: serverHash(B) }, servers: {} },
    { name: 'a server removed from main but changed here stays', account: { mcpServers: { b: B2 } }, main: {}, previous: { b: serverHash(B) }, servers: { b: B2 } },
    { name: 'nothing anywhere adds no key', account: { userID: 'u' }, main: {}, previous: {}, servers: undefined },
  ];
  it.each(cases)('$name', ({ account, main, previous, servers }) => {
    const { next } = mergeServers(account, main, previous);
    expect(next.mcpServers).toEqual(servers);
    expect(next).toMatchObject(Object.fromEntries(Object.entries(account).filter(([k]) => k !== 'mcpServers')));
  });
});

let home: string;
let dir: string;
const env = () => ({ HOME: home });

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'ccenv-mcp-'));
  dir = join(home, 'account');
  mkdirSync(dir);
  writeFileSync(join(home, '.claude.json'), JSON.stringify({ oauthAccount: { emailAddress: 'main@example.com' }, mcpServers: { a: A } }));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('syncMcpServers', () => {
  it('keeps the account data and adds the main servers; the main account data stays out', async () => {
    writeFileSync(join(dir, '.claude.json'), JSON.stringify({ oauthAccount: { emailAddress: 'two@example.com' }, mcpServers: { own: B } }));
    expect(await syncMcpServers(env(), dir)).toBeUndefined();
    const data = JSON.parse(readFileSync(join(dir, '.claude.json'), 'utf8'));
    expect(data).toEqual({ oauthAccount: { emailAddress: 'two@example.com' }, mcpServers: { own: B, a: A } });
  });

  it('does not wait on a FIFO where its own record of the last merge should be', async () => {
    execFileSync('mkfifo', [join(dir, '.ccenv-sync.json')]);
    expect(await syncMcpServers(env(), dir)).toBeUndefined();
    expect(JSON.parse(readFileSync(join(dir, '.claude.json'), 'utf8')).mcpServers).toEqual({ a: A });
  }, 5_000);

  it('never rewrites an account file that does not parse', async () => {
    const broken = '{"userID": "u", }\n';
    writeFileSync(join(dir, '.claude.json'), broken);
    expect(await syncMcpServers(env(), dir)).toMatch(/could not be read.*never rewrites/);
    expect(readFileSync(join(dir, '.claude.json'), 'utf8')).toBe(broken);
  });

  it('a main file that does not parse changes nothing, and is tried again next time', async () => {
    writeFileSync(join(dir, '.claude.json'), '{"userID":"u"}');
    writeFileSync(join(home, '.claude.json'), '{oops');
    expect(await syncMcpServers(env(), dir)).toMatch(/could not be read/);
    expect(readFileSync(join(dir, '.claude.json'), 'utf8')).toBe('{"userID":"u"}');
    writeFileSync(join(home, '.claude.json'), JSON.stringify({ mcpServers: { a: A } }));
    await syncMcpServers(env(), dir);
    expect(JSON.parse(readFileSync(join(dir, '.claude.json'), 'utf8')).mcpServers).toEqual({ a: A });
  });

  it("waits for Claude Code's lock on the account's .claude.json", async () => {
    const file = join(dir, '.claude.json');
    writeFileSync(file, '{"userID":"u"}');
    const release = await lockfile.lock(file, { lockfilePath: `${file}.lock` });
    let done = false;
    const sync = syncMcpServers(env(), dir).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(done).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('{"userID":"u"}');
    await release();
    await sync;
    expect(JSON.parse(readFileSync(file, 'utf8')).mcpServers).toEqual({ a: A });
  });

  it('merges running at once leave a whole file with every server', async () => {
    writeFileSync(join(dir, '.claude.json'), JSON.stringify({ userID: 'u', mcpServers: { own: B } }));
    await Promise.all(Array.from({ length: 4 }, () => syncMcpServers(env(), dir, { force: true })));
    expect(JSON.parse(readFileSync(join(dir, '.claude.json'), 'utf8'))).toEqual({ userID: 'u', mcpServers: { own: B, a: A } });
  });
});
