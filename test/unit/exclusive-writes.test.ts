/**
 * Writes next to a user's file in a directory someone else can write to (a group-shared
 * project): a file or symlink planted at a temporary name must never be followed.
 */
import { createRequire } from 'node:module';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { use } from '../../src/commands/use.js';
import type { Context } from '../../src/context.js';
import { applyFixes } from '../../src/doctor/fix.js';
import { createExclusive, replaceFile } from '../../src/fs/replace.js';

let root: string;
let victim: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ccenv-excl-'));
  victim = join(root, 'victim');
  writeFileSync(victim, 'precious\n', { mode: 0o600 });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function context(cwd: string, env: Record<string, string>): Context {
  return {
    env,
    cwd,
    io: { out: () => undefined, err: () => undefined },
    stdin: new PassThrough(),
    interactive: false,
    secrets: () => Promise.reject(new Error('no secrets in this test')),
  };
}

describe('replaceFile and createExclusive', () => {
  it('replace a symlink at the target instead of writing through it, and leave no temporary file', () => {
    const target = join(root, 'dir', 'file');
    mkdirSync(join(root, 'dir'));
    symlinkSync(victim, target);
    replaceFile(target, 'new\n', { mode: 0o644 });
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(lstatSync(target).isFile()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new\n');
    expect(readdirSync(join(root, 'dir'))).toEqual(['file']);
  });

  it('refuse a planted symlink, even a dangling one', () => {
    symlinkSync(victim, join(root, 'link'));
    symlinkSync(join(root, 'nowhere'), join(root, 'dangling'));
    expect(() => createExclusive(join(root, 'link'), 'x', { mode: 0o644 })).toThrow(/EEXIST/);
    expect(() => createExclusive(join(root, 'dangling'), 'x', { mode: 0o644 })).toThrow(/EEXIST/);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(() => statSync(join(root, 'nowhere'))).toThrow();
  });

  it.runIf(process.platform !== 'win32')('set the exact mode when asked, whatever the umask', () => {
    createExclusive(join(root, 'exact'), 'x', { mode: 0o664, exact: true });
    expect(statSync(join(root, 'exact')).mode & 0o777).toBe(0o664);
  });
});

describe('writers next to a user file do not follow a planted temporary file', () => {
  it('use --local with a .ccprofile.<pid>.tmp symlink planted in the directory', async () => {
    const proj = join(root, 'proj');
    mkdirSync(proj);
    const env = { HOME: root, XDG_CONFIG_HOME: join(root, 'config'), XDG_DATA_HOME: join(root, 'data') };
    mkdirSync(join(root, 'config', 'ccenv'), { recursive: true });
    writeFileSync(join(root, 'config', 'ccenv', 'config.json'), JSON.stringify({ version: 1, profiles: { work: { kind: 'api-key' } } }));
    symlinkSync(victim, join(proj, `.ccprofile.${process.pid}.tmp`));
    await use(context(proj, env), 'work', { local: true });
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(readFileSync(join(proj, '.ccprofile'), 'utf8')).toBe('work\n');
  });

  it("doctor --fix with symlinks planted at write-file-atomic's temporary names", async () => {
    const settings = join(root, 'proj', '.claude', 'settings.json');
    mkdirSync(join(root, 'proj', '.claude'), { recursive: true });
    writeFileSync(settings, '{\n  "env": {\n    "ANTHROPIC_API_KEY": "x",\n    "KEEP": "1"\n  }\n}\n');
    // The names write-file-atomic would use in this process (its hash of its own path, the pid, the call count).
    const require = createRequire(import.meta.url);
    const MurmurHash3 = require('imurmurhash') as (s: string) => { hash(s: string): { hash(s: string): { hash(s: string): { result(): number } } } };
    const library = require.resolve('write-file-atomic');
    for (let call = 1; call <= 200; call++) {
      const name = `${settings}.${MurmurHash3(library).hash(String(process.pid)).hash('0').hash(String(call)).result()}`;
      symlinkSync(victim, name);
    }
    const [result] = await applyFixes([{ kind: 'remove-env-variable', file: settings, variable: 'ANTHROPIC_API_KEY' }], new Date('2026-01-26T10:15:00Z'), root, join(root, 'backups'));
    expect(result?.applied).toBe(true);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(JSON.parse(readFileSync(settings, 'utf8'))).toEqual({ env: { KEEP: '1' } });
  });
});
