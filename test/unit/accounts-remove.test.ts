/** Deleting an own-login directory: only a real directory inside the accounts root, never through a link. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountDir, accountsRoot } from '../../src/accounts/paths.js';
import { deleteAccountDir } from '../../src/accounts/remove.js';

let home: string;
let env: Record<string, string>;
let precious: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'ccenv-rm-'));
  env = { HOME: home, XDG_DATA_HOME: join(home, 'data') };
  precious = join(home, 'precious');
  mkdirSync(precious);
  writeFileSync(join(precious, 'keep.md'), 'keep');
  mkdirSync(accountsRoot(env), { recursive: true });
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('deleteAccountDir', () => {
  it('deletes the directory and the links in it, not what they point to', () => {
    const dir = accountDir(env, 'a');
    mkdirSync(join(dir, 'projects'), { recursive: true });
    symlinkSync(precious, join(dir, 'agents'));
    symlinkSync(join(precious, 'keep.md'), join(dir, 'CLAUDE.md'));
    expect(deleteAccountDir(env, dir)).toBeUndefined();
    expect(existsSync(dir)).toBe(false);
    expect(readFileSync(join(precious, 'keep.md'), 'utf8')).toBe('keep');
  });

  it('keeps an account directory that is itself a link, and what it points to', () => {
    const dir = accountDir(env, 'linked');
    symlinkSync(precious, dir);
    expect(deleteAccountDir(env, dir)).toMatch(/not a plain directory/);
    expect(readFileSync(join(precious, 'keep.md'), 'utf8')).toBe('keep');
  });

  it.each([
    ['outside the accounts root', () => precious],
    ['the accounts root itself', () => accountsRoot(env)],
    ['a directory below an account', () => join(accountDir(env, 'a'), 'projects')],
  ])('keeps %s', (_what, dir) => {
    mkdirSync(dir(), { recursive: true });
    expect(deleteAccountDir(env, dir())).toMatch(/not a directory ccenv made/);
    expect(existsSync(dir())).toBe(true);
  });
});
