/**
 * Own-login subscription profiles through the built CLI: the directory ccenv makes, what a
 * launch links and merges, who list and show say is logged in, doctor and --fix on every
 * drift (byte-compared), remove, init's import, and the faults the issue names.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import { fakeClaudeOnPath, type FakeClaude } from '../helpers/fake-claude.js';
import { makeReadOnly } from '../helpers/read-only.js';

interface Finding {
  id: string;
  severity: string;
  what: string;
  fix?: string;
  fixable?: unknown;
}

let box: Sandbox;
let fake: FakeClaude;
let main: string;

beforeEach(() => {
  box = sandbox();
  fake = fakeClaudeOnPath(box);
  main = join(box.home, '.claude');
});
afterEach(() => box.cleanup());

const accountOf = (name: string) => join(box.dataDir, 'accounts', name);

function write(path: string, text: string | Buffer): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** A login of the kind Claude Code writes, and the account block it keeps in .claude.json. */
function logIn(dir: string, account: { id: string; email: string; org?: string }, expiresAt = 4102444800000, refresh = true): void {
  write(join(dir, '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: `sk-ant-oat01-${account.id}`, ...(refresh ? { refreshToken: `sk-ant-ort01-${account.id}` } : {}), expiresAt, scopes: ['user:inference'], subscriptionType: 'max' } }));
  chmodSync(join(dir, '.credentials.json'), 0o600);
  const file = join(dir, '.claude.json');
  const data = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  write(file, JSON.stringify({ ...data, oauthAccount: { accountUuid: account.id, emailAddress: account.email, ...(account.org ? { organizationName: account.org } : {}) } }));
}

async function add(name: string, ...flags: string[]) {
  const run = await ccenv(box, ['add', name, '--kind', 'subscription', '--own-login', ...flags]);
  expect(run.exitCode, run.stderr).toBe(0);
  return run;
}

async function findings(): Promise<Finding[]> {
  return (JSON.parse((await ccenv(box, ['doctor', '--json'])).stdout) as { findings: Finding[] }).findings;
}

describe('add --own-login', () => {
  it('makes a private directory under the data directory, links what the main one has, and names the next step', async () => {
    write(join(main, 'settings.json'), '{"model":"opus"}');
    mkdirSync(join(main, 'agents'));
    const run = await add('work-max');
    const dir = accountOf('work-max');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readlinkSync(join(dir, 'settings.json'))).toBe(join(main, 'settings.json'));
    expect(readlinkSync(join(dir, 'agents'))).toBe(join(main, 'agents'));
    expect(existsSync(join(dir, 'CLAUDE.md'))).toBe(false);
    expect(run.stderr).toContain('ccenv login work-max');
    const shown = JSON.parse((await ccenv(box, ['show', 'work-max', '--json'])).stdout);
    expect(shown).toMatchObject({ kind: 'subscription', ownLogin: true, configDir: dir, account: { loggedIn: false } });
  });

  it('--own-login alone means a subscription', async () => {
    const run = await ccenv(box, ['add', 'short', '--own-login']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse((await ccenv(box, ['show', 'short', '--json'])).stdout)).toMatchObject({ kind: 'subscription', ownLogin: true, configDir: accountOf('short') });
  });

  it.each([
    [['--config-dir', '/tmp/x'], /choose one/],
    [['--kind', 'api-key'], /does not apply/],
  ])('refuses %j', async (extra, message) => {
    const args = ['add', 'x', '--kind', 'subscription', '--own-login', ...extra];
    const run = await ccenv(box, args);
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toMatch(message);
    expect(existsSync(accountOf('x'))).toBe(false);
  });

  it("never takes the directory of a profile renamed since", async () => {
    await add('first');
    expect((await ccenv(box, ['rename', 'first', 'renamed'])).exitCode).toBe(0);
    const run = await ccenv(box, ['add', 'first', '--kind', 'subscription', '--own-login']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('is the config directory of profile renamed');
  });

  it('a data directory that cannot be written stops the add with the reason, and adds nothing', async () => {
    mkdirSync(box.dataDir, { recursive: true });
    const undo = makeReadOnly(box.dataDir);
    try {
      const run = await ccenv(box, ['add', 'ro', '--kind', 'subscription', '--own-login']);
      expect(run.exitCode).not.toBe(0);
      expect(run.stderr).toMatch(/cannot make .*accounts.*(read-only|not writable)/);
    } finally {
      undo();
    }
    expect((await ccenv(box, ['show', 'ro'])).exitCode).not.toBe(0);
  });
});

describe('a launch of an own-login profile', () => {
  it('runs claude with its directory, and links what appeared in the main directory since', async () => {
    await add('two');
    write(join(main, 'CLAUDE.md'), '# mine');
    const run = await ccenv(box, ['@two', '-p', 'hi']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(fake.env().CLAUDE_CONFIG_DIR).toBe(accountOf('two'));
    expect(readlinkSync(join(accountOf('two'), 'CLAUDE.md'))).toBe(join(main, 'CLAUDE.md'));
  });

  it('starts with no main Claude directory at all, and with its own directory deleted', async () => {
    await add('bare');
    rmSync(accountOf('bare'), { recursive: true });
    const run = await ccenv(box, ['@bare', '-p', 'hi']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(statSync(accountOf('bare')).mode & 0o777).toBe(0o700);
  });

  it('with its directory read-only, still starts and says what it could not link', async () => {
    await add('frozen');
    write(join(main, 'CLAUDE.md'), '# mine');
    const undo = makeReadOnly(accountOf('frozen'));
    try {
      const run = await ccenv(box, ['@frozen', '-p', 'hi']);
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/frozen: could not link CLAUDE\.md: (EROFS|EACCES)/);
      expect(fake.env().CLAUDE_CONFIG_DIR).toBe(accountOf('frozen'));
    } finally {
      undo();
    }
  });

  it('brings the main user MCP servers into its .claude.json and keeps its own', async () => {
    await add('mcp');
    write(join(box.home, '.claude.json'), JSON.stringify({ mcpServers: { main: { type: 'stdio', command: 'm', args: [] } } }));
    write(join(accountOf('mcp'), '.claude.json'), JSON.stringify({ userID: 'x', mcpServers: { own: { type: 'stdio', command: 'o', args: [] } } }));
    expect((await ccenv(box, ['@mcp', '-p', 'hi'])).exitCode).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(join(accountOf('mcp'), '.claude.json'), 'utf8')).mcpServers).sort()).toEqual(['main', 'own']);
  });

  it('ccenv sync does it now, without a launch', async () => {
    await add('synced');
    write(join(main, 'CLAUDE.md'), '# later');
    write(join(box.home, '.claude.json'), JSON.stringify({ mcpServers: { s: { type: 'stdio', command: 's', args: [] } } }));
    const run = await ccenv(box, ['sync']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('synced: in step');
    expect(fake.ran()).toBe(false);
    expect(readlinkSync(join(accountOf('synced'), 'CLAUDE.md'))).toBe(join(main, 'CLAUDE.md'));
    expect(JSON.parse(readFileSync(join(accountOf('synced'), '.claude.json'), 'utf8')).mcpServers).toHaveProperty('s');
    expect((await ccenv(box, ['sync', 'subscription'])).exitCode).toBe(2);
  });

  it('two launches of one account at once leave both .claude.json files whole', async () => {
    await add('twice');
    const mainFile = write(join(box.home, '.claude.json'), JSON.stringify({ userID: 'main', mcpServers: { s: { type: 'stdio', command: 's', args: [] } } }));
    const mainBefore = readFileSync(mainFile, 'utf8');
    write(join(accountOf('twice'), '.claude.json'), JSON.stringify({ userID: 'acct', mcpServers: { own: { type: 'stdio', command: 'o', args: [] } } }));
    const runs = await Promise.all([ccenv(box, ['@twice', '-p', 'a']), ccenv(box, ['@twice', '-p', 'b'])]);
    for (const r of runs) expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(accountOf('twice'), '.claude.json'), 'utf8'))).toEqual({ userID: 'acct', mcpServers: { own: { type: 'stdio', command: 'o', args: [] }, s: { type: 'stdio', command: 's', args: [] } } });
    expect(readFileSync(mainFile, 'utf8')).toBe(mainBefore);
  });

  it('a real file where a link belongs is kept as it is, and the launch says so', async () => {
    write(join(main, 'settings.json'), '{"main":true}');
    await add('clash');
    rmSync(join(accountOf('clash'), 'settings.json'));
    write(join(accountOf('clash'), 'settings.json'), '{"mine":true}');
    const run = await ccenv(box, ['@clash', '-p', 'hi']);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/settings\.json .* not linked .*ccenv doctor @clash/);
    expect(readFileSync(join(accountOf('clash'), 'settings.json'), 'utf8')).toBe('{"mine":true}');
  });

  it('works with its data directory on another file system', async () => {
    if (!existsSync('/dev/shm') || statSync('/dev/shm').dev === statSync(box.home).dev) return;
    const other = mkdtempSync('/dev/shm/ccenv-data-');
    try {
      box.env.XDG_DATA_HOME = other;
      mkdirSync(join(main, 'agents'), { recursive: true });
      await add('far');
      write(join(box.home, '.claude.json'), JSON.stringify({ mcpServers: { s: { type: 'stdio', command: 's', args: [] } } }));
      const run = await ccenv(box, ['@far', '-p', 'hi']);
      expect(run.exitCode, run.stderr).toBe(0);
      const dir = join(other, 'ccenv', 'accounts', 'far');
      expect(fake.env().CLAUDE_CONFIG_DIR).toBe(dir);
      expect(readlinkSync(join(dir, 'agents'))).toBe(join(main, 'agents'));
      expect(JSON.parse(readFileSync(join(dir, '.claude.json'), 'utf8')).mcpServers).toHaveProperty('s');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('who is this', () => {
  it('list and show name the account of each subscription login, from what Claude Code stored', async () => {
    await add('one');
    await add('two');
    logIn(accountOf('one'), { id: 'acct-1', email: 'one@example.com', org: 'Org One' });
    const list = await ccenv(box, ['list']);
    expect(list.stdout).toMatch(/one +subscription +its own claude login: one@example.com, Org One, max/);
    expect(list.stdout).toMatch(/two +subscription +its own claude login: not logged in/);
    const rows = JSON.parse((await ccenv(box, ['list', '--json'])).stdout) as { name: string; account?: unknown }[];
    expect(rows.find((r) => r.name === 'one')?.account).toEqual({ loggedIn: true, email: 'one@example.com', organization: 'Org One', accountId: 'acct-1', plan: 'max' });
    expect((await ccenv(box, ['show', 'one'])).stdout).toMatch(/account +one@example.com, Org One, max/);
    const line = await ccenv(box, ['statusline'], { env: { CCENV_ACTIVE: 'one', CLAUDE_CONFIG_DIR: accountOf('one') } });
    expect(line.stdout).toBe('one (subscription) one@example.com');
    // What Claude Code stored is read for its account fields only: no token is ever printed.
    for (const run of [list, line]) expect(run.stdout + run.stderr).not.toContain('sk-ant-o');
    expect((await ccenv(box, ['show', 'one', '--json'])).stdout).not.toContain('sk-ant-o');
  });
});

describe('doctor on own-login directories', () => {
  beforeEach(async () => {
    write(join(main, 'settings.json'), '{"main":true}');
    mkdirSync(join(main, 'agents'));
    write(join(main, 'CLAUDE.md'), '# main');
    mkdirSync(join(main, 'commands'));
    await add('acct');
  });

  it('finds drift, a link elsewhere, a broken link and a missing link; --fix repairs each and keeps every byte', async () => {
    const dir = accountOf('acct');
    const drifted = Buffer.from('{"changed under the account": true}\n\u0000\u00ff');
    rmSync(join(dir, 'settings.json'));
    write(join(dir, 'settings.json'), drifted);
    rmSync(join(dir, 'agents'));
    const elsewhere = join(box.home, 'elsewhere');
    mkdirSync(elsewhere);
    write(join(elsewhere, 'keep.md'), 'keep');
    symlinkSync(elsewhere, join(dir, 'agents'));
    rmSync(join(main, 'commands'), { recursive: true });
    rmSync(join(dir, 'CLAUDE.md'));
    const ids = (await findings()).filter((f) => f.id.startsWith('account.')).map((f) => f.id).sort();
    expect(ids).toEqual(['account.drift', 'account.link-broken', 'account.link-elsewhere', 'account.link-missing']);
    const doctor = await ccenv(box, ['doctor']);
    expect(doctor.exitCode).toBe(1);
    expect(doctor.stdout).toMatch(/settings\.json is a real file or directory where the link to ~\/\.claude\/settings\.json belongs/);

    const fixed = await ccenv(box, ['doctor', '--fix']);
    expect(fixed.stderr).toMatch(/kept as .*settings\.json\.ccenv-backup-/);
    const backup = readdirSync(dir).find((n) => n.startsWith('settings.json.ccenv-backup-'))!;
    expect(readFileSync(join(dir, backup)).equals(drifted)).toBe(true);
    for (const item of ['settings.json', 'agents', 'CLAUDE.md']) expect(readlinkSync(join(dir, item))).toBe(join(main, item));
    expect(existsSync(join(dir, 'commands'))).toBe(false);
    expect(readFileSync(join(elsewhere, 'keep.md'), 'utf8')).toBe('keep');
    expect(readFileSync(join(main, 'settings.json'), 'utf8')).toBe('{"main":true}');
    expect((await findings()).filter((f) => f.id.startsWith('account.') && f.severity !== 'ok')).toEqual([]);
  });

  it('finds two profiles logged in to one account, and a login that expired for good', async () => {
    await add('other');
    await add('old');
    logIn(accountOf('acct'), { id: 'same', email: 'same@example.com' });
    logIn(accountOf('other'), { id: 'same', email: 'same@example.com' });
    logIn(accountOf('old'), { id: 'old', email: 'old@example.com' }, 1_000_000, false);
    const found = await findings();
    const same = found.find((f) => f.id === 'account.same-login');
    expect(same?.what).toBe('profiles acct and other are logged in to the same account (same@example.com)');
    expect(same?.fix).toContain('ccenv logout other');
    expect(found.find((f) => f.id === 'login.expired')?.what).toContain('profile old');
    logIn(main, { id: 'old', email: 'old@example.com' });
    // The main login keeps its account block in ~/.claude.json, beside ~/.claude.
    write(join(box.home, '.claude.json'), readFileSync(join(main, '.claude.json')));
    expect((await findings()).filter((f) => f.id === 'account.same-login').map((f) => f.what)).toContain('profiles subscription and old are logged in to the same account (old@example.com)');
  });
});

describe('remove of an own-login profile', () => {
  beforeEach(async () => {
    write(join(main, 'CLAUDE.md'), '# main');
    mkdirSync(join(main, 'agents'));
    write(join(main, 'agents', 'a.md'), 'agent');
    await add('gone');
    logIn(accountOf('gone'), { id: 'g', email: 'g@example.com' });
  });

  it('--yes deletes its directory, and nothing the links point to', async () => {
    const run = await ccenv(box, ['remove', 'gone', '--yes']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(existsSync(accountOf('gone'))).toBe(false);
    expect(readFileSync(join(main, 'CLAUDE.md'), 'utf8')).toBe('# main');
    expect(readFileSync(join(main, 'agents', 'a.md'), 'utf8')).toBe('agent');
  });

  it('--keep-dir keeps it, and adding the name again takes it back', async () => {
    expect((await ccenv(box, ['remove', 'gone', '--yes', '--keep-dir'])).exitCode).toBe(0);
    expect(existsSync(join(accountOf('gone'), '.credentials.json'))).toBe(true);
    const again = await add('gone');
    expect(again.stderr).toContain('already there');
    expect(JSON.parse((await ccenv(box, ['show', 'gone', '--json'])).stdout).account.email).toBe('g@example.com');
  });

  it('without --yes and without a terminal, removes nothing', async () => {
    const run = await ccenv(box, ['remove', 'gone']);
    expect(run.exitCode).toBe(2);
    expect(lstatSync(accountOf('gone')).isDirectory()).toBe(true);
    // what the prompt on a terminal would say: the directory goes too, unless --keep-dir
    expect(run.stderr).toContain(`remove gone: confirm with --yes, which also deletes ${accountOf('gone')}, the login and history of gone`);
    expect(run.stderr).toContain('projects/');
    expect(run.stderr).toContain('.credentials.json.ccenv-backup-*');
    expect(run.stderr).toContain('--yes --keep-dir');
  });

  it('without a terminal, --keep-dir alone still asks for --yes, and says the directory stays', async () => {
    const run = await ccenv(box, ['remove', 'gone', '--keep-dir']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`remove gone: confirm with --yes; ${accountOf('gone')} stays (--keep-dir)`);
    expect(run.stderr).not.toContain('deletes');
  });
});

describe('init', () => {
  it('imports ~/.claude-* directories holding a login and CLAUDE_CONFIG_DIR values from start-up files', async () => {
    logIn(join(box.home, '.claude-work'), { id: 'w', email: 'w@example.com' });
    mkdirSync(join(box.home, '.claude-empty'));
    logIn(join(box.home, 'accounts', 'side'), { id: 's', email: 's@example.com' });
    write(join(box.home, '.bashrc'), 'export CLAUDE_CONFIG_DIR="$HOME/accounts/side"\n');
    const run = await ccenv(box, ['init', '--yes']);
    expect(run.exitCode, run.stderr).toBe(0);
    const rows = JSON.parse((await ccenv(box, ['list', '--json'])).stdout) as { name: string; account?: { email?: string } }[];
    const imported = Object.fromEntries(rows.filter((r) => r.name.startsWith('subscription-')).map((r) => [r.name, r.account?.email]));
    expect(imported).toEqual({ 'subscription-work': 'w@example.com', 'subscription-side': 's@example.com' });
  });

  it('a ~/.claude-* login file that is a FIFO is passed over: init neither blocks nor imports it', async () => {
    logIn(join(box.home, '.claude-work'), { id: 'w', email: 'w@example.com' });
    mkdirSync(join(box.home, '.claude-pipe'));
    execFileSync('mkfifo', [join(box.home, '.claude-pipe', '.credentials.json')]);
    const run = await ccenv(box, ['init', '--yes']);
    expect(run.exitCode, run.stderr).toBe(0);
    const names = (JSON.parse((await ccenv(box, ['list', '--json'])).stdout) as { name: string }[]).map((r) => r.name);
    expect(names).toContain('subscription-work');
    expect(names).not.toContain('subscription-pipe');
  });
});
