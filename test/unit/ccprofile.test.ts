import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CcenvError } from '../../src/errors.js';
import { displayPath, findCcprofile, findDirectoryProfile, parseCcprofile, shellWordForPath } from '../../src/profiles/directory.js';
import { emptyConfig, type ConfigData } from '../../src/profiles/store.js';
import { allowFile, denyFile, readTrustedFile } from '../../src/trust/records.js';

describe('parseCcprofile', () => {
  it.each([
    ['work\n', 'work'],
    ['work', 'work'],
    ['  work-bedrock  \r\n', 'work-bedrock'],
    ['# the team profile\n\nwork.api_2\n\n# end\n', 'work.api_2'],
    ['\n\n\tmax\n', 'max'],
  ])('%j names %j', (text, name) => {
    expect(parseCcprofile(text)).toEqual({ ok: true, name });
  });

  it.each([
    ['', 'names no profile'],
    ['# only a comment\n\n', 'names no profile'],
    ['a\nb\n', 'names more than one profile (lines 1 and 2)'],
    ['work # trailing comment', 'line 1: "work # trailing comment" is not a profile name'],
    ['$(touch /tmp/pwned)', 'line 1: "$(touch /tmp/pwned)" is not a profile name'],
    ['`id`', 'line 1: "`id`" is not a profile name'],
    ['a;b', 'line 1: "a;b" is not a profile name'],
    ['-rf', 'line 1: "-rf" is not a profile name'],
    ['../x', 'line 1: "../x" is not a profile name'],
  ])('%j is malformed: %s', (text, problem) => {
    expect(parseCcprofile(text)).toEqual({ ok: false, problem });
  });

  it('never quotes a line longer than a profile name can be (a pasted secret, another file)', () => {
    const line = `{"claudeAiOauth":{"accessToken":"sk-ant-oat01-${'A'.repeat(60)}"}}`;
    expect(parseCcprofile(`${line}\n`)).toEqual({ ok: false, problem: `line 1 (${line.length} characters) is not a profile name, which has at most 64` });
    expect(parseCcprofile('x'.repeat(65))).toEqual({ ok: false, problem: 'line 1 (65 characters) is not a profile name, which has at most 64' });
    expect(parseCcprofile(`${'x'.repeat(63)};`)).toEqual({ ok: false, problem: `line 1: "${'x'.repeat(63)};" is not a profile name` });
  });

  it('rejects non-UTF-8 bytes and oversized files', () => {
    expect(parseCcprofile(Buffer.from([0x77, 0xff, 0x6b]))).toMatchObject({ ok: false });
    expect(parseCcprofile(`${'#'.repeat(5000)}\nwork\n`)).toEqual({ ok: false, problem: 'is larger than 4096 bytes' });
  });
});

describe('findDirectoryProfile', () => {
  let root: string;
  let env: Record<string, string>;
  const config: ConfigData = { ...emptyConfig(), profiles: { work: { kind: 'api-key' }, other: { kind: 'api-key' } } };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ccenv-dir-'));
    env = { HOME: root, XDG_DATA_HOME: join(root, 'data'), XDG_CONFIG_HOME: join(root, 'config') };
    mkdirSync(join(root, 'proj', 'sub', 'deep'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (rel: string, text: string) => {
    writeFileSync(join(root, rel), text);
    return join(root, rel);
  };
  const allow = (path: string) => allowFile(env, readTrustedFile(path));
  const nameAt = async (cwd: string) => {
    const found = await findDirectoryProfile(env, cwd, config);
    return found && 'name' in found ? found.name : found;
  };
  const failure = async (cwd: string) => {
    try {
      await findDirectoryProfile(env, cwd, config);
    } catch (error) {
      expect(error).toBeInstanceOf(CcenvError);
      return { message: (error as CcenvError).message, hint: (error as CcenvError).hint };
    }
    throw new Error('expected a CcenvError');
  };

  it('is undefined where there is no .ccprofile', async () => {
    expect(await findDirectoryProfile(env, join(root, 'proj', 'sub'), config)).toBeUndefined();
  });

  it('finds the nearest allowed file, walking up', async () => {
    const outer = write('proj/.ccprofile', 'work\n');
    allow(outer);
    expect(await findDirectoryProfile(env, join(root, 'proj', 'sub', 'deep'), config)).toEqual({ name: 'work', file: outer, path: outer });
    const inner = write('proj/sub/.ccprofile', '# nearer\nother\n');
    allow(inner);
    expect(await nameAt(join(root, 'proj', 'sub', 'deep'))).toBe('other');
    expect(await nameAt(join(root, 'proj'))).toBe('work');
  });

  it('stops on a file that is not allowed, naming it and the fix', async () => {
    write('proj/.ccprofile', 'work\n');
    const { message, hint } = await failure(join(root, 'proj', 'sub'));
    expect(message).toBe('~/proj/.ccprofile is not allowed (it names work; new or changed files need an allow)');
    expect(hint).toBe('if you trust it: ccenv allow ~/proj/.ccprofile');
  });

  it('needs a new allow after an edit', async () => {
    const file = write('proj/.ccprofile', 'work\n');
    allow(file);
    write('proj/.ccprofile', 'other\n');
    expect((await failure(join(root, 'proj'))).message).toMatch(/is not allowed/);
    allow(file);
    expect(await nameAt(join(root, 'proj'))).toBe('other');
  });

  it('needs a new allow after a move', async () => {
    const file = write('proj/.ccprofile', 'work\n');
    allow(file);
    mkdirSync(join(root, 'moved'));
    writeFileSync(join(root, 'moved', '.ccprofile'), 'work\n');
    rmSync(file);
    expect((await failure(join(root, 'moved'))).message).toMatch(/moved\/\.ccprofile is not allowed/);
  });

  it('lets deny win, whatever the file says later, until an allow; a denied file is as if absent, with a note', async () => {
    const file = write('proj/.ccprofile', 'work\n');
    allow(file);
    denyFile(env, readTrustedFile(file));
    const denied = {
      denied: true,
      path: file,
      note: '~/proj/.ccprofile is denied, so it is ignored (to trust it: ccenv allow ~/proj/.ccprofile)',
    };
    expect(await findDirectoryProfile(env, join(root, 'proj'), config)).toEqual(denied);
    write('proj/.ccprofile', 'other\n');
    expect(await findDirectoryProfile(env, join(root, 'proj'), config)).toEqual(denied);
    allow(file);
    expect(await nameAt(join(root, 'proj'))).toBe('other');
  });

  it('stops on a malformed file, even an allowed one', async () => {
    const file = write('proj/.ccprofile', '$(touch /tmp/pwned)\n');
    allow(file);
    const { message, hint } = await failure(join(root, 'proj'));
    expect(message).toBe('~/proj/.ccprofile line 1: "$(touch /tmp/pwned)" is not a profile name');
    expect(hint).toBe('it must hold one profile name; rewrite it with: ccenv use --local NAME (in ~/proj)');
  });

  it('stops on a file naming a missing profile', async () => {
    allow(write('proj/.ccprofile', 'nosuch\n'));
    expect(await failure(join(root, 'proj'))).toEqual({
      message: '~/proj/.ccprofile names nosuch, which is not a profile',
      hint: 'add it: ccenv add nosuch --kind KIND; or name another: ccenv use --local NAME (in ~/proj)',
    });
  });

  it('accepts the built-in profile by name', async () => {
    allow(write('proj/.ccprofile', 'subscription\n'));
    expect(await nameAt(join(root, 'proj'))).toBe('subscription');
  });

  it('quotes a path with spaces in the fix command', async () => {
    mkdirSync(join(root, 'my proj'));
    write('my proj/.ccprofile', 'work\n');
    expect((await failure(join(root, 'my proj'))).hint).toBe(`if you trust it: ccenv allow '${join(root, 'my proj', '.ccprofile')}'`);
  });

  it('walks the logical $PWD through a symlinked directory, keyed by the real path', async () => {
    mkdirSync(join(root, 'elsewhere'));
    symlinkSync(join(root, 'elsewhere'), join(root, 'proj', 'link'));
    const file = write('proj/.ccprofile', 'work\n');
    allow(file);
    const logical = join(root, 'proj', 'link');
    expect(findCcprofile({ ...env, PWD: logical }, join(root, 'elsewhere'))).toBe(file);
    expect(findCcprofile({ ...env, PWD: '/somewhere/else' }, join(root, 'elsewhere'))).toBeUndefined();
  });

  it('stops at a directory named .ccprofile, naming it, instead of passing it over', async () => {
    allow(write('.ccprofile', 'work\n'));
    mkdirSync(join(root, 'proj', '.ccprofile'));
    await expect(findDirectoryProfile(env, join(root, 'proj'), config)).rejects.toThrow(/\.ccprofile: not a regular file \(a directory\)$/);
  });
});

describe('paths in messages', () => {
  const env = { HOME: '/home/u' };
  it.each([
    ['/home/u/p/.ccprofile', '~/p/.ccprofile', '~/p/.ccprofile'],
    ['/srv/p/.ccprofile', '/srv/p/.ccprofile', '/srv/p/.ccprofile'],
    ['/home/u/my p/.ccprofile', '~/my p/.ccprofile', "'/home/u/my p/.ccprofile'"],
    ["/home/u/it's/.ccprofile", "~/it's/.ccprofile", "'/home/u/it'\\''s/.ccprofile'"],
    ['/home/u/\x1b[2Jx/.ccprofile', '~/\\x1b[2Jx/.ccprofile', "$'/home/u/\\x1b[2Jx/.ccprofile'"],
    ['/home/u/a\nb/.ccprofile', '~/a\\x0ab/.ccprofile', "$'/home/u/a\\x0ab/.ccprofile'"],
  ])('%j is shown as %s and pasted as %s', (path, shown, word) => {
    expect(displayPath(env, path)).toBe(shown);
    expect(shellWordForPath(env, path)).toBe(word);
  });
});
