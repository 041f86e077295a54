/** Own-login directories: which shared items are linked, made, left alone, and repaired without losing a byte. */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkStates, syncLinks, type AccountLayout } from '../../src/accounts/links.js';
import { repairLink } from '../../src/doctor/relink.js';

let root: string;
let layout: AccountLayout;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ccenv-links-'));
  layout = { dir: join(root, 'account'), main: join(root, 'main'), sharedHistory: false };
  mkdirSync(layout.dir);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const stateOf = (item: string) => linkStates(layout).find((s) => s.item === item)?.state;

describe('linkStates', () => {
  const cases: { name: string; setUp: () => void; item: string; state: string | undefined }[] = [
    { name: 'main item, nothing in the account', setUp: () => writeFileSync(join(layout.main, 'CLAUDE.md'), 'x'), item: 'CLAUDE.md', state: 'absent' },
    { name: 'neither exists', setUp: () => {}, item: 'CLAUDE.md', state: 'unused' },
    { name: 'a link to the main item', setUp: () => (writeFileSync(join(layout.main, 'CLAUDE.md'), 'x'), symlinkSync(join(layout.main, 'CLAUDE.md'), join(layout.dir, 'CLAUDE.md'))), item: 'CLAUDE.md', state: 'linked' },
    { name: 'a link to a main item that is gone', setUp: () => symlinkSync(join(layout.main, 'agents'), join(layout.dir, 'agents')), item: 'agents', state: 'dangling' },
    { name: 'a link elsewhere', setUp: () => (mkdirSync(join(layout.main, 'agents')), symlinkSync(root, join(layout.dir, 'agents'))), item: 'agents', state: 'elsewhere' },
    { name: 'a real file where the link belongs', setUp: () => (writeFileSync(join(layout.main, 'settings.json'), '{}'), writeFileSync(join(layout.dir, 'settings.json'), '{"a":1}')), item: 'settings.json', state: 'drift' },
    { name: 'a real file and no main item', setUp: () => writeFileSync(join(layout.dir, 'settings.json'), '{}'), item: 'settings.json', state: 'own' },
    { name: 'history is not linked by default', setUp: () => mkdirSync(join(layout.main, 'projects')), item: 'projects', state: undefined },
    { name: 'a history link without --shared-history', setUp: () => (mkdirSync(join(layout.main, 'projects')), symlinkSync(join(layout.main, 'projects'), join(layout.dir, 'projects'))), item: 'projects', state: 'unwanted' },
  ];
  it.each(cases)('$name: $state', ({ setUp, item, state }) => {
    mkdirSync(layout.main);
    setUp();
    expect(stateOf(item)).toBe(state);
  });

  it('with --shared-history, projects/ is linked too', () => {
    mkdirSync(join(layout.main, 'projects'), { recursive: true });
    layout.sharedHistory = true;
    expect(syncLinks(layout).linked).toEqual(['projects']);
    expect(readlinkSync(join(layout.dir, 'projects'))).toBe(join(layout.main, 'projects'));
  });
});

describe('syncLinks', () => {
  it('with no main directory the account still works, and a link appears once the item exists', () => {
    expect(syncLinks(layout)).toEqual({ linked: [], left: [], errors: [] });
    mkdirSync(join(layout.main, 'agents'), { recursive: true });
    expect(syncLinks(layout).linked).toEqual(['agents']);
    expect(lstatSync(join(layout.dir, 'agents')).isSymbolicLink()).toBe(true);
    expect(syncLinks(layout).linked).toEqual([]);
  });

  it('a name clash keeps the real file, byte for byte, and reports it', () => {
    mkdirSync(layout.main);
    writeFileSync(join(layout.main, 'settings.json'), '{"main":true}');
    writeFileSync(join(layout.dir, 'settings.json'), '{"mine":true}\n');
    const result = syncLinks(layout);
    expect(result.left.map((s) => [s.item, s.state])).toEqual([['settings.json', 'drift']]);
    expect(readFileSync(join(layout.dir, 'settings.json'), 'utf8')).toBe('{"mine":true}\n');
  });

  it('an empty directory Claude Code made before the main one existed becomes the link', () => {
    mkdirSync(join(layout.main, 'plugins'), { recursive: true });
    mkdirSync(join(layout.dir, 'plugins'));
    expect(syncLinks(layout).linked).toEqual(['plugins']);
  });

  it('drops a history link when the profile no longer shares history, and nothing behind it', () => {
    mkdirSync(join(layout.main, 'projects'), { recursive: true });
    writeFileSync(join(layout.main, 'projects', 'a.jsonl'), 'history');
    symlinkSync(join(layout.main, 'projects'), join(layout.dir, 'projects'));
    syncLinks(layout);
    expect(existsSync(join(layout.dir, 'projects'))).toBe(false);
    expect(readFileSync(join(layout.main, 'projects', 'a.jsonl'), 'utf8')).toBe('history');
  });
});

describe('repairLink', () => {
  const now = new Date('2026-11-28T04:00:00Z');

  it('keeps a real file as a dated backup with the same bytes, then links', () => {
    mkdirSync(layout.main);
    const bytes = Buffer.from([0, 1, 2, 255, 10, 0x7b]);
    writeFileSync(join(layout.main, 'settings.json'), '{}');
    writeFileSync(join(layout.dir, 'settings.json'), bytes);
    const { backup } = repairLink(join(layout.dir, 'settings.json'), join(layout.main, 'settings.json'), now);
    expect(backup).toBe(join(layout.dir, 'settings.json.ccenv-backup-20261128T040000Z'));
    expect(readFileSync(backup!).equals(bytes)).toBe(true);
    expect(readlinkSync(join(layout.dir, 'settings.json'))).toBe(join(layout.main, 'settings.json'));
  });

  it('keeps a real directory whole, and a second repair the same second gets its own backup', () => {
    mkdirSync(join(layout.main, 'agents'), { recursive: true });
    mkdirSync(join(layout.dir, 'agents'));
    writeFileSync(join(layout.dir, 'agents', 'mine.md'), 'agent');
    repairLink(join(layout.dir, 'agents'), join(layout.main, 'agents'), now);
    rmSync(join(layout.dir, 'agents'));
    mkdirSync(join(layout.dir, 'agents'));
    writeFileSync(join(layout.dir, 'agents', 'second.md'), 'two');
    const { backup } = repairLink(join(layout.dir, 'agents'), join(layout.main, 'agents'), now);
    expect(backup!.endsWith('-1')).toBe(true);
    expect(readFileSync(join(layout.dir, 'agents.ccenv-backup-20261128T040000Z', 'mine.md'), 'utf8')).toBe('agent');
    expect(readdirSync(backup!)).toEqual(['second.md']);
  });

  it('replaces a link that points elsewhere, and leaves what it pointed to', () => {
    mkdirSync(join(layout.main, 'agents'), { recursive: true });
    const other = join(root, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'x.md'), 'x');
    symlinkSync(other, join(layout.dir, 'agents'));
    expect(repairLink(join(layout.dir, 'agents'), join(layout.main, 'agents'), now).backup).toBeUndefined();
    expect(readlinkSync(join(layout.dir, 'agents'))).toBe(join(layout.main, 'agents'));
    expect(readFileSync(join(other, 'x.md'), 'utf8')).toBe('x');
  });
});
