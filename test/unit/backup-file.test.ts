/** Backups of edited settings files in ccenv's own directory: named after the file, private, never written through anything. */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupFile, flattenPath } from '../../src/fs/backup-file.js';

let root: string;
const now = new Date('2026-01-26T10:15:00Z');
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ccenv-backup-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('flattenPath', () => {
  it('a path under home is named from ~, one outside from /; decodeURIComponent gives it back', () => {
    expect(flattenPath('/home/u/proj/.claude/settings.local.json', '/home/u')).toBe('~%2Fproj%2F.claude%2Fsettings.local.json');
    expect(flattenPath('/srv/x%y/settings.json', '/home/u')).toBe('%2Fsrv%2Fx%25y%2Fsettings.json');
    expect(decodeURIComponent(flattenPath('/srv/x%y/settings.json', '/home/u'))).toBe('/srv/x%y/settings.json');
    expect(flattenPath('/home/u/..hidden/settings.json', '/home/u')).toBe('~%2F..hidden%2Fsettings.json');
    expect(flattenPath('/home/user2/settings.json', '/home/u')).toBe('%2Fhome%2Fuser2%2Fsettings.json');
  });

  it('a control character is written as %XX; a very long path keeps its end, within a name the file system takes', () => {
    expect(flattenPath('/tmp/a\nb/settings.json', '/home/u')).toBe('%2Ftmp%2Fa%0Ab%2Fsettings.json');
    const long = flattenPath(`/tmp/${'d'.repeat(300)}/settings.json`, '/home/u');
    expect(long.length).toBeLessThanOrEqual(183);
    expect(long.endsWith('%2Fsettings.json')).toBe(true);
  });

  it.each([
    ['two-byte', 'é'],
    ['three-byte', '設定'],
    ['four-byte', '😀'],
  ])('a long path of %s characters keeps its end within 255 bytes, whole characters only; the backup is made', (_what, word) => {
    const file = `/tmp/${word.repeat(200)}/settings.json`;
    const long = flattenPath(file, '/home/u');
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(183);
    expect(long.endsWith('%2Fsettings.json')).toBe(true);
    // A split UTF-16 pair would not survive the round trip through UTF-8.
    expect(Buffer.from(long, 'utf8').toString('utf8')).toBe(long);
    expect(long.startsWith(`...${word}`) || long.startsWith(`...${word.slice(1)}`)).toBe(true);
    const backup = backupFile(file, 'x', now, { dir: join(root, 'backups'), home: '/home/u' });
    expect(readFileSync(backup, 'utf8')).toBe('x');
  });
});

describe.skipIf(process.platform === 'win32')('backupFile into a directory', () => {
  it('creates the directory 0700 and the backup 0600, exclusively: a second one the same second gets -1', () => {
    const home = join(root, 'home');
    const dir = join(root, 'data', 'backups');
    const file = join(home, 'proj', '.claude', 'settings.json');
    const first = backupFile(file, 'one', now, { dir, home });
    const second = backupFile(file, 'two', now, { dir, home });
    expect(first).toBe(join(dir, '~%2Fproj%2F.claude%2Fsettings.json.ccenv-backup-20260126T101500Z'));
    expect(second).toBe(`${first}-1`);
    expect(readFileSync(first, 'utf8')).toBe('one');
    expect(statSync(first).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('a backups directory others can read is made private; one that is a symlink is refused, and nothing written', () => {
    const dir = join(root, 'backups');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    backupFile(join(root, 'settings.json'), 'x', now, { dir, home: root });
    expect(statSync(dir).mode & 0o777).toBe(0o700);

    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere);
    const link = join(root, 'linked');
    symlinkSync(elsewhere, link);
    expect(() => backupFile(join(root, 'settings.json'), 'x', now, { dir: link, home: root })).toThrow(/not a directory/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});
