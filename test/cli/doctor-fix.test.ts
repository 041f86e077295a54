/** doctor --fix and init's settings cleanup: what they may remove, and how they keep what they remove. */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import * as trap from '../helpers/traps.js';
import { backupFile } from '../../src/fs/backup-file.js';

interface Finding {
  id: string;
  severity: string;
  what: string;
  fix?: string;
  fixable?: unknown;
}

let box: Sandbox;
let settings: string;

beforeEach(() => {
  box = sandbox();
  box.env.PATH = `${trap.fakeClaude(box, 'bin', '2.1.332')}:/usr/bin:/bin`;
  settings = join(box.home, '.claude', 'settings.json');
});
afterEach(() => box.cleanup());

async function run(args: string[], env: Record<string, string> = {}) {
  const result = await ccenv(box, args, { env });
  trap.assertNoSecret([result.stdout, result.stderr]);
  return result;
}

async function findings(): Promise<Finding[]> {
  return (JSON.parse((await run(['doctor', '--json'])).stdout) as { findings: Finding[] }).findings;
}

const GATEWAY = `{
  "env": {
    "ANTHROPIC_BASE_URL": "https://gateway.example.com/v1",
    "ANTHROPIC_AUTH_TOKEN": "${trap.GATEWAY_TOKEN}"
  }
}
`;
const LONE_TOKEN = `{
  "env": {
    "ANTHROPIC_AUTH_TOKEN": "${trap.GATEWAY_TOKEN}"
  }
}
`;

describe('doctor --fix never removes a credential no profile holds', () => {
  it.each([
    ['a token init skipped (no base URL)', LONE_TOKEN],
    ['a whole gateway setup', GATEWAY],
  ])('%s: not offered, the file untouched, no backup', async (_name, text) => {
    trap.write(settings, text);
    const all = await findings();
    const env = all.filter((f) => f.id === 'settings.env-credential');
    expect(env.length).toBeGreaterThan(0);
    for (const f of env) {
      expect(f.fixable).toBeUndefined();
      expect(f.fix).toContain('no profile holds it');
    }
    const fixed = await run(['doctor', '--fix']);
    expect(fixed.stderr).toContain('nothing that doctor --fix can change');
    expect(readFileSync(settings, 'utf8')).toBe(text);
    expect(readdirSync(join(box.home, '.claude'))).toEqual(['settings.json']);
  });

  it('once init has kept it as a profile, --fix removes it and says which profile holds it', async () => {
    trap.write(settings, GATEWAY);
    expect((await run(['init', '--yes'])).exitCode).toBe(0);
    const env = (await findings()).filter((f) => f.id === 'settings.env-credential');
    expect(env.map((f) => f.fixable)).toEqual([expect.anything(), expect.anything()]);
    for (const f of env) expect(f.fix).toContain('kept as profile gateway');
    const fixed = await run(['doctor', '--fix']);
    expect(fixed.stderr.split('\n').filter((l) => l.includes('done: removed'))).toHaveLength(1);
    expect(JSON.parse(readFileSync(settings, 'utf8'))).toEqual({});
  });

  it('a model in settings is a choice for every launch, as init leaves it: not reported, and --fix keeps it', async () => {
    trap.write(settings, `{"env": {"ANTHROPIC_API_KEY": "${trap.SETTINGS_KEY}", "ANTHROPIC_MODEL": "claude-opus-4-1"}}\n`);
    expect((await run(['init', '--yes'])).exitCode).toBe(0);
    const env = (await findings()).filter((f) => f.id === 'settings.env-credential');
    expect(env.map((f) => f.what.split(' ')[0])).toEqual(['ANTHROPIC_API_KEY']);
    await run(['doctor', '--fix']);
    expect(JSON.parse(readFileSync(settings, 'utf8'))).toEqual({ env: { ANTHROPIC_MODEL: 'claude-opus-4-1' } });
  });

  it('a key that differs from the profile of the same kind is not taken as held', async () => {
    trap.write(settings, `{"env": {"ANTHROPIC_API_KEY": "${trap.SETTINGS_KEY}"}}\n`);
    await ccenv(box, ['add', 'other', '--kind', 'api-key', '--secret-stdin'], { input: trap.API_KEY });
    const f = (await findings()).find((x) => x.id === 'settings.env-credential')!;
    expect(f.fixable).toBeUndefined();
  });
});

describe('backups of files that held a secret', () => {
  it('init --remove-from-settings: the backup is 0600 whatever the file was, and the command says where and what it holds', async () => {
    trap.write(settings, GATEWAY, 0o644);
    const run = await ccenv(box, ['init', '--yes', '--remove-from-settings']);
    expect(run.exitCode, run.stderr).toBe(0);
    const backup = readdirSync(join(box.dataDir, 'backups')).find((f) => f.startsWith('~%2F.claude%2Fsettings.json.ccenv-backup-'))!;
    expect(statSync(join(box.dataDir, 'backups', backup)).mode & 0o777).toBe(0o600);
    expect(statSync(settings).mode & 0o777).toBe(0o644);
    expect(run.stderr).toContain(`backup ~/.local/share/ccenv/backups/${backup} (mode 0600) holds the removed ANTHROPIC_AUTH_TOKEN`);
  });

  it('doctor flags a backup that holds a credential: readable by others is a problem it fixes, a private one a warning', async () => {
    const open = trap.write(`${settings}.ccenv-backup-20260101T000000Z`, GATEWAY, 0o644);
    const closed = trap.write(`${settings}.ccenv-backup-20260102T000000Z`, GATEWAY, 0o600);
    const all = (await findings()).filter((f) => f.id.startsWith('backup.'));
    expect(all.map((f) => [f.id, f.severity])).toEqual([
      ['backup.readable', 'error'],
      ['backup.credential', 'warning'],
    ]);
    expect(all[0]!.what).toContain('ANTHROPIC_AUTH_TOKEN');
    expect(all[0]!.fixable).toEqual({ kind: 'chmod', file: open, mode: 0o600 });
    expect(all[1]!.fix).toContain(`rm ~/.claude/settings.json.ccenv-backup-20260102T000000Z`);
    expect(closed).toBeTruthy();
  });

  it('a backup is created exclusively: an existing name or a symlink planted there is never written through', () => {
    const file = trap.write(settings, GATEWAY);
    const now = new Date('2026-01-01T00:00:00Z');
    const target = join(box.home, 'target');
    writeFileSync(target, 'untouched');
    chmodSync(target, 0o644);
    symlinkSync(target, `${file}.ccenv-backup-20260101T000000Z`);
    const backup = backupFile(file, GATEWAY, now);
    expect(backup).toBe(`${file}.ccenv-backup-20260101T000000Z-1`);
    expect(readFileSync(backup, 'utf8')).toBe(GATEWAY);
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect(readFileSync(target, 'utf8')).toBe('untouched');
  });
});

describe('backups of a project settings file stay out of the repository', () => {
  function project(): string {
    const dir = join(box.home, 'proj');
    mkdirSync(join(dir, '.claude'), { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    writeFileSync(join(dir, '.gitignore'), '.claude/settings.local.json\n');
    execFileSync('git', ['add', '.gitignore'], { cwd: dir });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'ignore'], { cwd: dir });
    trap.write(join(dir, '.claude', 'settings.local.json'), `{"env": {"ANTHROPIC_API_KEY": "${trap.SETTINGS_KEY}"}}\n`, 0o644);
    return dir;
  }
  /** Every file under dir (not .git) that holds text. */
  function holding(dir: string, text: string): string[] {
    return (readdirSync(dir, { recursive: true }) as string[])
      .filter((p) => !p.startsWith('.git/') && p !== '.git')
      .filter((p) => statSync(join(dir, p)).isFile() && readFileSync(join(dir, p), 'utf8').includes(text));
  }

  it.each([
    ['doctor --fix', ['doctor', '--fix']],
    ['init --remove-from-settings', ['init', '--yes', '--remove-from-settings']],
  ])('%s: the backup goes to the data directory, 0600 in a 0700 directory, and git status stays clean', async (_name, args) => {
    const dir = project();
    if (args[0] === 'doctor') expect((await ccenv(box, ['init', '--yes'], { cwd: dir })).exitCode).toBe(0);
    const fixed = await ccenv(box, args, { cwd: dir });
    trap.assertNoSecret([fixed.stdout, fixed.stderr]);
    expect(fixed.stderr).toContain('holds the removed ANTHROPIC_API_KEY');
    expect(execFileSync('git', ['status', '--porcelain', '-uall'], { cwd: dir, encoding: 'utf8' })).toBe('');
    expect(holding(dir, trap.SETTINGS_KEY)).toEqual([]);
    const backups = join(box.dataDir, 'backups');
    const names = readdirSync(backups);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^~%2Fproj%2F\.claude%2Fsettings\.local\.json\.ccenv-backup-\d{8}T\d{6}Z$/);
    expect(readFileSync(join(backups, names[0]!), 'utf8')).toContain(trap.SETTINGS_KEY);
    expect(statSync(join(backups, names[0]!)).mode & 0o777).toBe(0o600);
    expect(statSync(backups).mode & 0o777).toBe(0o700);
    expect(fixed.stderr).toContain(`backup ~/.local/share/ccenv/backups/${names[0]} (mode 0600)`);
    // doctor finds it there, as it finds one beside the file.
    const doctor = await ccenv(box, ['doctor', '--json'], { cwd: dir });
    const found = (JSON.parse(doctor.stdout) as { findings: Finding[] }).findings.filter((f) => f.id.startsWith('backup.'));
    expect(found.map((f) => [f.id, f.what])).toEqual([['backup.credential', `the backup ~/.local/share/ccenv/backups/${names[0]} holds ANTHROPIC_API_KEY`]]);
  });
});

describe('a login path that is not a regular file', () => {
  it('a directory named .credentials.json: said to be one, never chmod-ed nor removed, and the advice says to move it aside', async () => {
    const path = join(box.home, '.claude', '.credentials.json');
    mkdirSync(path, { recursive: true, mode: 0o755 });
    chmodSync(path, 0o755);
    writeFileSync(join(path, 'inner'), 'x\n');
    const all = await findings();
    expect(all.find((f) => f.id === 'login.mode')).toBeUndefined();
    const f = all.find((x) => x.id === 'login.not-file')!;
    expect(f.what).toBe('~/.claude/.credentials.json is a directory, not a login file');
    expect(f.fixable).toBeUndefined();
    expect(f.fix).toContain('move it aside');
    expect(f.fix).not.toMatch(/chmod|chown/);
    expect(JSON.stringify(all)).not.toMatch(/chmod 600 ~\/\.claude\/\.credentials\.json/);

    const repair = await run(['login', '--repair']);
    expect(repair.exitCode).toBe(1);
    expect(repair.stderr).toContain('~/.claude/.credentials.json is a directory, not a login file');
    expect(repair.stderr).toContain('move it aside');
    expect(repair.stderr).not.toMatch(/chmod|chown/);

    await run(['doctor', '--fix']);
    expect(statSync(path).isDirectory()).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o755);
    expect(readFileSync(join(path, 'inner'), 'utf8')).toBe('x\n');
  });
});
