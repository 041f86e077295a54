import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeBytes, readBounded } from '../../src/fs/bounded.js';

describe('readBounded', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ccenv-bounded-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const failure = (path: string, limit: number) => {
    try {
      readBounded(path, limit);
    } catch (error) {
      return { code: (error as NodeJS.ErrnoException).code, message: (error as Error).message };
    }
    throw new Error('expected an error');
  };

  it.each([
    ['empty', '', 10],
    ['under the bound', 'work\n', 10],
    ['exactly the bound', 'x'.repeat(10), 10],
    ['a page and more', 'y'.repeat(9000), 9000],
  ])('reads a regular file: %s', (_what, text, limit) => {
    writeFileSync(join(root, 'f'), text);
    expect(readBounded(join(root, 'f'), limit).toString()).toBe(text);
  });

  it('refuses a regular file over the bound', () => {
    writeFileSync(join(root, 'f'), 'x'.repeat(11));
    expect(failure(join(root, 'f'), 10)).toEqual({ code: 'EFBIG', message: 'larger than 10 bytes' });
  });

  it('passes the open error through', () => {
    expect(failure(join(root, 'missing'), 10).code).toBe('ENOENT');
  });

  it('refuses a directory', () => {
    expect(failure(root, 10)).toEqual({ code: 'ENOTREG', message: 'not a regular file (a directory)' });
  });

  it.runIf(process.platform !== 'win32')('refuses a FIFO without waiting for a writer', () => {
    execFileSync('mkfifo', [join(root, 'fifo')]);
    expect(failure(join(root, 'fifo'), 10)).toEqual({ code: 'ENOTREG', message: 'not a regular file (a FIFO)' });
  });

  it.runIf(process.platform !== 'win32')('refuses a link to /dev/zero', () => {
    symlinkSync('/dev/zero', join(root, 'zero'));
    expect(failure(join(root, 'zero'), 10)).toEqual({ code: 'ENOTREG', message: 'not a regular file (a character device)' });
  });

  it.runIf(process.platform === 'linux')('reads a procfs file of size 0 up to the bound: pagemap is too large, a small one is read', () => {
    symlinkSync('/proc/self/pagemap', join(root, 'pagemap'));
    expect(failure(join(root, 'pagemap'), 4096)).toEqual({ code: 'EFBIG', message: 'larger than 4096 bytes' });
    expect(failure(join(root, 'pagemap'), 4 << 20)).toEqual({ code: 'EFBIG', message: 'larger than 4 MiB' });
    expect(readBounded('/proc/self/comm', 4096).toString().length).toBeGreaterThan(0);
  });

  it.each([
    [4096, '4096 bytes'],
    [4 << 20, '4 MiB'],
    [(4 << 20) + 1, '4194305 bytes'],
  ])('describes %i as %s', (bytes, words) => expect(describeBytes(bytes)).toBe(words));
});
