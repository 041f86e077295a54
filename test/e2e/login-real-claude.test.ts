/**
 * `ccenv login --repair` and `ccenv logout` with the real claude (the pinned devDependency),
 * offline: the logout removes the login of the profile's own directory and no other; the
 * repair sets the broken login aside, leaves every other file of the directory
 * byte-identical, and starts claude's own login there (stopped at its sign-in prompt, which
 * needs a browser and a network).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CCENV, ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import { CLAUDE, CLAUDE_BIN, requireRealClaude } from '../helpers/real-claude.js';
import * as trap from '../helpers/traps.js';
import { treeHashes } from '../helpers/tree-hashes.js';

const SIGN_IN = /oauth\/authorize/;

let box: Sandbox;
let dir: string;


/** `args` run until claude shows its sign-in URL, then ended with SIGTERM; returns what it printed. */
async function untilSignIn(command: string, args: string[], env: Record<string, string>): Promise<string> {
  const child = execa(command, args, { env, extendEnv: false, reject: false, all: true, timeout: 60_000 });
  let seen = '';
  await new Promise<void>((resolve) => {
    child.all!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (SIGN_IN.test(seen)) resolve();
    });
    void child.finally(() => resolve());
  });
  child.kill('SIGTERM');
  await child;
  return seen;
}

describe('login and logout with the real claude', () => {
  if (!requireRealClaude()) return;

  beforeAll(async () => {
    box = sandbox({ CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', BROWSER: '/bin/true' });
    box.env.PATH = `${CLAUDE_BIN}:/usr/bin:/bin`;
    dir = join(box.home, 'claude-max2');
    mkdirSync(join(dir, 'projects', '-home-u-app'), { recursive: true });
    writeFileSync(join(dir, 'projects', '-home-u-app', 'a1.jsonl'), '{"type":"user"}\n');
    writeFileSync(join(dir, 'history.jsonl'), '{"display":"hi"}\n');
    writeFileSync(join(dir, 'settings.json'), '{"model":"opus"}\n');
    writeFileSync(join(dir, '.claude.json'), '{"numStartups":3}\n');
    // A first start fills in .claude.json (firstStartTime, userID, ...): done before, as it would be on a lived-in machine.
    await untilSignIn(CLAUDE, ['auth', 'login'], { ...box.env, CLAUDE_CONFIG_DIR: dir });
    expect((await ccenv(box, ['add', 'max2', '--kind', 'subscription', '--config-dir', dir])).exitCode).toBe(0);
  }, 90_000);
  afterAll(() => box?.cleanup());

  it("--repair: the broken login set aside, every other file byte-identical, claude's login started in that directory", async () => {
    writeFileSync(join(dir, '.credentials.json'), '{"claudeAiOauth": {"accessTok', { mode: 0o600 });
    const before = treeHashes(dir, (p) => p.startsWith('.credentials.json'));
    const said = await untilSignIn(process.execPath, [CCENV, 'login', '--repair', 'max2'], box.env);
    expect(said).toMatch(SIGN_IN);
    expect(said).toContain('the login of max2 is malformed (it is not JSON): set aside as ~/claude-max2/.credentials.json.ccenv-backup-');
    const backups = readdirSync(dir).filter((f) => f.startsWith('.credentials.json.ccenv-backup-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toBe('{"claudeAiOauth": {"accessTok');
    expect(statSync(join(dir, backups[0]!)).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, '.credentials.json'))).toBe(false);
    expect(treeHashes(dir, (p) => p.startsWith('.credentials.json'))).toEqual(before);
  }, 90_000);

  it("login: claude's own login starts in the profile's directory (its first start fills in that directory's .claude.json)", async () => {
    const fresh = join(box.home, 'claude-max3');
    mkdirSync(fresh);
    expect((await ccenv(box, ['add', 'max3', '--kind', 'subscription', '--config-dir', fresh])).exitCode).toBe(0);
    const said = await untilSignIn(process.execPath, [CCENV, 'login', 'max3'], { ...box.env, CLAUDE_CONFIG_DIR: join(box.home, 'elsewhere') });
    expect(said).toMatch(SIGN_IN);
    expect(JSON.parse(readFileSync(join(fresh, '.claude.json'), 'utf8'))).toHaveProperty('firstStartTime');
    expect(existsSync(join(box.home, '.claude.json'))).toBe(false);
    expect(existsSync(join(box.home, 'elsewhere'))).toBe(false);
  }, 60_000);

  it("logout: claude's own logout removes the login of the profile's directory, and not the default one", async () => {
    trap.credentials(box, trap.login(Date.now() + 3_600_000));
    writeFileSync(join(dir, '.credentials.json'), trap.login(Date.now() + 3_600_000), { mode: 0o600 });
    const run = await ccenv(box, ['logout', 'max2'], { env: { CLAUDE_CONFIG_DIR: join(box.home, '.claude') } });
    expect(run, run.stderr).toMatchObject({ exitCode: 0 });
    expect(run.stdout).toMatch(/logged out/i);
    expect(existsSync(join(dir, '.credentials.json'))).toBe(false);
    expect(existsSync(join(box.home, '.claude', '.credentials.json'))).toBe(true);
  }, 60_000);
});
