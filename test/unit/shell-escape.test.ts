import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ansiCQuote } from '../../src/shells/ansi-c.js';
import { fishQuote } from '../../src/shells/fish.js';
import { SHELLS, shellByName } from '../../src/shells/index.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';
import { requirement } from '../helpers/requirements.js';
import { scratchDir } from '../helpers/scratch.js';

const scratch = scratchDir('ccenv-escape');
const pwned = join(scratch, 'pwned');

/** Values that would do something if they were ever parsed as code. */
const HOSTILE: [string, string | Uint8Array][] = [
  ['plain', 'work-bedrock'],
  ['empty', ''],
  ['space', 'a b  c'],
  ['single quote', "it's"],
  ['double quote', 'say "hi"'],
  ['backslashes', 'a\\b\\\\c\\'],
  ['dollar paren', `$(touch ${pwned})`],
  ['backticks', `\`touch ${pwned}\``],
  ['semicolon', `x; touch ${pwned}`],
  ['newline', `x\ntouch ${pwned}\n`],
  ['carriage return and tab', 'a\r\tb'],
  ['variables', '$HOME ${PATH} $1 $? !! %s'],
  ['globs and braces', '* ? [a] {a,b} ~'],
  ['quote escape attempt', `'; touch ${pwned}; echo '`],
  ['ansi-c escape attempt', `$'\\x41' \\x41 \\' \\\\'`],
  ['fish escape attempt', `\\'; touch ${pwned}; echo \\'`],
  ['utf-8', 'café ✓ 日本'],
  ['control bytes', '\x01\x1b[31mred\x7f'],
  ['non-UTF-8 bytes', Uint8Array.from([0x61, 0xff, 0xfe, 0x80, 0xc3, 0x28, 0x0a, 0x62])],
  ['all bytes', Uint8Array.from({ length: 255 }, (_, i) => i + 1)],
];

const bytes = (value: string | Uint8Array) => Buffer.from(typeof value === 'string' ? Buffer.from(value) : value);

describe('escapers: exact output', () => {
  it.each([
    ['work', "$'work'", "'work'"],
    ['', "$''", "''"],
    ["it's", "$'it\\'s'", "'it\\'s'"],
    ['a\\b', "$'a\\\\b'", "'a\\\\b'"],
    ['a\nb', "$'a\\x0ab'", "'a'\\x0a'b'"],
    ['$(x)`y`;', "$'$(x)`y`;'", "'$(x)`y`;'"],
    ['é', "$'\\xc3\\xa9'", '\\Xc3\\Xa9'],
  ])('%j -> bash/zsh %s, fish %s', (value, ansiC, fish) => {
    expect(ansiCQuote(value)).toBe(ansiC);
    expect(fishQuote(value)).toBe(fish);
  });

  it.each(HOSTILE)('%s: one line of printable ASCII in every shell', (_what, value) => {
    for (const shell of SHELLS) expect(shell.escape(value)).toMatch(/^[\x20-\x7e]+$/);
  });

  it('refuses a NUL byte, which no shell variable can hold', () => {
    for (const shell of SHELLS) expect(() => shell.escape('a\0b')).toThrow(/NUL/);
  });

  it('refuses variable names that are not plain words', () => {
    for (const shell of SHELLS) {
      expect(() => shell.exportVariable('A;rm', 'x')).toThrow(/not a variable name/);
      expect(() => shell.unsetVariable('$(x)')).toThrow(/not a variable name/);
    }
  });
});

/** A script that assigns every value through the escaper and writes it back out, byte for byte. */
function roundTripScript(shell: string, dir: string): string {
  const s = shellByName(shell);
  return HOSTILE.map(([, value], i) =>
    shell === 'fish'
      ? `set V ${s.escape(value)}; printf %s $V > ${dir}/${i}`
      : `V=${s.escape(value)}; printf %s "$V" > ${dir}/${i}`,
  ).join('\n');
}

for (const shell of ['bash', 'zsh', 'fish']) {
  describe(`escaper round trip in real ${shell}`, () => {
    if (!requirement(shell, has(shell), HOW_TO_GET)) return;

    it('gives back every value byte for byte and runs none of them', async () => {
      const dir = mkdtempSync(join(scratch, `${shell}-`));
      const script = join(dir, 'script');
      writeFileSync(script, `${roundTripScript(shell, dir)}\n`);
      const args = shell === 'zsh' ? ['-f', script] : shell === 'fish' ? ['--no-config', script] : ['--norc', '--noprofile', script];
      const result = await execa(shell, args, { extendEnv: false, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', HOME: dir }, reject: false });
      expect(result.stderr).toBe('');
      HOSTILE.forEach(([what, value], i) => {
        expect(readFileSync(join(dir, String(i))), what).toEqual(bytes(value));
      });
      expect(existsSync(pwned)).toBe(false);
    });

    it('exports a value that a child process sees', async () => {
      const s = shellByName(shell);
      const value = `x'\n$(touch ${pwned})`;
      const code = `${s.exportVariable('CCENV_T', value)}\n${s.unsetVariable('CCENV_GONE')}\nprintenv CCENV_T\nprintenv CCENV_GONE; echo "gone=$?"`;
      const args = shell === 'zsh' ? ['-f', '-c', code] : shell === 'fish' ? ['--no-config', '-c', code.replace('$?', '$status')] : ['--norc', '-c', code];
      const result = await execa(shell, args, { extendEnv: false, env: { PATH: process.env.PATH ?? '', CCENV_GONE: 'here' }, reject: false });
      expect(result.stdout).toBe(`${value}\ngone=1`);
      expect(existsSync(pwned)).toBe(false);
    });
  });
}
