/** doctor --fix's settings edit: hard links kept, the key that takes effect, a concurrent writer's update kept. */
import { linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeSettings, encodeSettings, type SettingsEncoding } from '../../src/claude/settings.js';
import { removeEnvVariables } from '../../src/doctor/fix.js';

let dir: string;
let file: string;
const now = new Date('2026-01-01T00:00:00Z');
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccenv-fix-'));
  file = join(dir, 'settings.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('removing a variable from a settings env block', () => {
  it.each<[SettingsEncoding]>([['utf8'], ['utf8-bom'], ['utf16le-bom']])('a file in %s: edited, and written back in the same encoding', async (encoding) => {
    writeFileSync(file, encodeSettings('{\n  "env": {\n    "ANTHROPIC_API_KEY": "k",\n    "KEEP": "é"\n  }\n}\n', encoding));
    const result = await removeEnvVariables(file, ['ANTHROPIC_API_KEY'], now, dir, join(dir, 'backups'));
    expect(result.applied, result.message).toBe(true);
    const after = decodeSettings(readFileSync(file));
    expect(after.encoding).toBe(encoding);
    expect(JSON.parse(after.text)).toEqual({ env: { KEEP: 'é' } });
  });

  it.each<[SettingsEncoding]>([['utf8'], ['utf8-bom'], ['utf16le-bom']])('a file in %s: the backup holds its bytes exactly as they were', async (encoding) => {
    const before = encodeSettings('{\n  "env": {\n    "ANTHROPIC_API_KEY": "k",\n    "KEEP": "é"\n  }\n}\n', encoding);
    writeFileSync(file, before);
    const result = await removeEnvVariables(file, ['ANTHROPIC_API_KEY'], now, dir, join(dir, 'backups'));
    expect(result.applied, result.message).toBe(true);
    expect(readFileSync(result.backup!).equals(before)).toBe(true);
  });

  it('edits a hard-linked file in place: the other name sees the change', async () => {
    writeFileSync(file, '{\n  "env": {\n    "ANTHROPIC_API_KEY": "k",\n    "KEEP": "1"\n  }\n}\n');
    const other = join(dir, 'dotfiles-settings.json');
    linkSync(file, other);
    const result = await removeEnvVariables(file, ['ANTHROPIC_API_KEY'], now, '/nohome', join(dir, 'backups'));
    expect(result.applied).toBe(true);
    expect(statSync(file).ino).toBe(statSync(other).ino);
    expect(JSON.parse(readFileSync(other, 'utf8'))).toEqual({ env: { KEEP: '1' } });
  });

  it('a key written twice with the same value: every copy goes, the one that takes effect included', async () => {
    writeFileSync(file, '{\n  "env": {\n    "ANTHROPIC_API_KEY": "k",\n    "ANTHROPIC_API_KEY": "k",\n    "KEEP": "1"\n  }\n}\n');
    const result = await removeEnvVariables(file, ['ANTHROPIC_API_KEY'], now, '/nohome', join(dir, 'backups'));
    expect(result.applied).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain('ANTHROPIC_API_KEY');
  });

  it('a key written twice with different values: nothing changed, and it says why', async () => {
    const text = '{\n  "env": {\n    "ANTHROPIC_API_KEY": "shadowed",\n    "ANTHROPIC_API_KEY": "effective"\n  }\n}\n';
    writeFileSync(file, text);
    const result = await removeEnvVariables(file, ['ANTHROPIC_API_KEY'], now, '/nohome', join(dir, 'backups'));
    expect(result.applied).toBe(false);
    expect(result.message).toContain('sets ANTHROPIC_API_KEY 2 times with different values');
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it("re-reads just before the write: a concurrent writer's last update is kept", async () => {
    writeFileSync(file, '{\n  "env": {\n    "ANTHROPIC_API_KEY": "k"\n  }\n}\n');
    const result = await removeEnvVariables(file, ['ANTHROPIC_API_KEY'], now, '/nohome', join(dir, 'backups'), {
      afterRead: () => writeFileSync(file, '{\n  "model": "opus",\n  "env": {\n    "ANTHROPIC_API_KEY": "k"\n  }\n}\n'),
    });
    expect(result.applied).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ model: 'opus' });
    expect(readFileSync(result.backup!, 'utf8')).toContain('"model": "opus"');
  });
});

describe('decoding a settings file as Claude Code does', () => {
  const json = '{"env":{"A":"é"}}';
  it.each<[string, Buffer, string, SettingsEncoding]>([
    ['plain UTF-8', Buffer.from(json), json, 'utf8'],
    ['UTF-8 after a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]), json, 'utf8-bom'],
    ['UTF-16LE after FF FE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]), json, 'utf16le-bom'],
    // claude does not load these: decoded as UTF-8 they are not JSON here either
    ['UTF-16LE without a mark', Buffer.from(json, 'utf16le'), Buffer.from(json, 'utf16le').toString('utf8'), 'utf8'],
    ['UTF-16BE after FE FF', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(json, 'utf16le').swap16()]), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(json, 'utf16le').swap16()]).toString('utf8'), 'utf8'],
    ['empty', Buffer.alloc(0), '', 'utf8'],
  ])('%s', (_what, bytes, text, encoding) => {
    expect(decodeSettings(bytes)).toEqual({ text, encoding });
  });

  it('a mark in the middle is text, not dropped', () => {
    expect(decodeSettings(Buffer.from('{"a":"\ufeff"}')).text).toBe('{"a":"\ufeff"}');
  });
});

describe('the backup before the edit', () => {
  it('goes to the backups directory, never beside the file', async () => {
    writeFileSync(file, '{\n  "env": {\n    "ANTHROPIC_API_KEY": "k"\n  }\n}\n');
    const result = await removeEnvVariables(file, ['ANTHROPIC_API_KEY'], now, dir, join(dir, 'backups'));
    expect(result.backup).toBe(join(dir, 'backups', '~%2Fsettings.json.ccenv-backup-20260101T000000Z'));
    expect(readdirSync(dir).sort()).toEqual(['backups', 'settings.json']);
  });

  it('one that cannot be made: nothing changed, and it says where and why', async () => {
    const text = '{\n  "env": {\n    "ANTHROPIC_API_KEY": "k"\n  }\n}\n';
    writeFileSync(file, text);
    writeFileSync(join(dir, 'backups'), 'a file in the way');
    const result = await removeEnvVariables(file, ['ANTHROPIC_API_KEY'], now, dir, join(dir, 'backups'));
    expect(result).toEqual({ applied: false, message: expect.stringMatching(/^cannot back up ~\/settings\.json in ~\/backups: .*; nothing changed$/) });
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});
