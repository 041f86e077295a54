import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowFile, denyFile, readTrustedFile, trustDir, trustState } from '../../src/trust/records.js';

describe('trust records', () => {
  let root: string;
  let env: Record<string, string>;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ccenv-trust-'));
    env = { HOME: root, XDG_DATA_HOME: join(root, 'data') };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const file = (name: string, text: string) => {
    writeFileSync(join(root, name), text);
    return join(root, name);
  };
  const state = (path: string) => trustState(env, readTrustedFile(path));

  it.each([
    ['nothing recorded', [], 'unknown'],
    ['allowed', ['allow'], 'allowed'],
    ['denied', ['deny'], 'denied'],
    ['allowed then denied', ['allow', 'deny'], 'denied'],
    ['denied then allowed', ['deny', 'allow'], 'allowed'],
  ] as const)('%s: %s', (_what, steps, expected) => {
    const path = file('a', 'work\n');
    for (const step of steps) (step === 'allow' ? allowFile : denyFile)(env, readTrustedFile(path));
    expect(state(path)).toBe(expected);
  });

  it('lives under $XDG_DATA_HOME/ccenv/trust, private to the user', () => {
    allowFile(env, readTrustedFile(file('a', 'work\n')));
    expect(trustDir(env)).toBe(join(root, 'data', 'ccenv', 'trust'));
    const records = readdirSync(join(trustDir(env), 'allow'));
    expect(records).toHaveLength(1);
    const record = JSON.parse(readFileSync(join(trustDir(env), 'allow', records[0]!), 'utf8'));
    expect(record.path).toBe(join(root, 'a'));
    expect(statSync(join(trustDir(env), 'allow', records[0]!)).mode & 0o077).toBe(0);
  });

  it('is about the content: an edit is unknown, the old content again is allowed', () => {
    const path = file('a', 'work\n');
    allowFile(env, readTrustedFile(path));
    file('a', 'other\n');
    expect(state(path)).toBe('unknown');
    file('a', 'work\n');
    expect(state(path)).toBe('allowed');
  });

  it('is about the location: a move is unknown, a symlink to the allowed file needs its own allow', () => {
    const path = file('a', 'work\n');
    allowFile(env, readTrustedFile(path));
    symlinkSync(path, join(root, 'link'));
    expect(state(join(root, 'link'))).toBe('unknown');
    allowFile(env, readTrustedFile(join(root, 'link')));
    expect(state(join(root, 'link'))).toBe('allowed');
    renameSync(path, join(root, 'b'));
    expect(state(join(root, 'b'))).toBe('unknown');
  });

  it('resolves the directory: a file reached through a symlinked directory is the same file', () => {
    mkdirSync(join(root, 'real'));
    symlinkSync(join(root, 'real'), join(root, 'dirlink'));
    const path = file('real/a', 'work\n');
    allowFile(env, readTrustedFile(join(root, 'dirlink', 'a')));
    expect(state(path)).toBe('allowed');
    expect(readTrustedFile(join(root, 'dirlink', 'a')).location).toBe(path);
  });

  it('denies a link as the link: its target stays allowed', () => {
    const path = file('a', 'work\n');
    allowFile(env, readTrustedFile(path));
    symlinkSync(path, join(root, 'link'));
    denyFile(env, readTrustedFile(join(root, 'link')));
    expect(state(join(root, 'link'))).toBe('denied');
    expect(state(path)).toBe('allowed');
  });

  it('denies the path whatever it holds later', () => {
    const path = file('a', 'work\n');
    denyFile(env, readTrustedFile(path));
    file('a', 'changed\n');
    expect(state(path)).toBe('denied');
  });
});
