/**
 * What runs on a user's machine assumes no GNU tools: macOS has BSD stat, sed, date,
 * readlink and grep, and no timeout. Scanned: the hook sources (shell/), everything in src/
 * (the commands ccenv prints for users to run live there), and the README's commands for
 * users (its Development section is for contributors, on Linux; its macOS section lists
 * these very commands).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** Each GNU-only spelling, and what works on macOS too. */
const GNU_ONLY: readonly { what: string; pattern: RegExp; instead: string }[] = [
  { what: 'stat -c / --format', pattern: /\bstat\s+(-[a-zA-Z]*\s+)*(-[a-zA-Z]*c\b|--(format|printf)\b)/, instead: 'ls -l, or ask node' },
  { what: 'sed -i without a suffix', pattern: /\bsed\s+(-[a-zA-Z]+\s+)*-[a-zA-Z]*i(\s|$|'')/, instead: 'sed -i.bak (both), or write a new file' },
  { what: 'readlink -f / -e / -m', pattern: /\breadlink\s+(-[a-zA-Z]*\s+)*-[a-zA-Z]*[fem]\b/, instead: 'cd -P and pwd -P, or realpath in node' },
  { what: 'date +%N', pattern: /\bdate\b[^|;&\n]*%N/, instead: 'date +%s, or a clock in node' },
  { what: 'date -d / --date', pattern: /\bdate\s+(-[a-zA-Z]*\s+)*(-d\s|--date\b)/, instead: 'compute the date in node' },
  { what: 'timeout', pattern: /(^|[\s;&|(`]|\$\()timeout\s+(-{1,2}[a-zA-Z-]+(=\S+)?\s+([A-Z]+\s+)?)*[0-9]/m, instead: 'a timer in node (macOS has no timeout)' },
  { what: 'grep -P / --perl-regexp', pattern: /\bgrep\s+(-[a-zA-Z]*\s+|--[a-z-]+\s+)*(-[a-zA-Z]*P|--perl-regexp)\b/, instead: 'grep -E' },
  { what: 'base64 -w', pattern: /\bbase64\s+(-[a-zA-Z]*\s+)*-[a-zA-Z]*w/, instead: 'base64 | tr -d "\\n"' },
  { what: 'find -printf', pattern: /\bfind\b[^|;&\n]*\s-printf\b/, instead: 'find ... -exec' },
  { what: 'nproc, tac, getent', pattern: /(^|[\s;&|(`]|\$\()(nproc|tac|getent)(?=[\s);&|`]|$)/m, instead: 'getconf _NPROCESSORS_ONLN, tail -r, dscl' },
];

function gnuFindings(text: string): { what: string; line: number; text: string }[] {
  const out: { what: string; line: number; text: string }[] = [];
  text.split('\n').forEach((line, i) => {
    for (const g of GNU_ONLY) if (g.pattern.test(line)) out.push({ what: g.what, line: i + 1, text: line.trim() });
  });
  return out;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The README but its Development section (for contributors) and its macOS section (which names what is banned here). */
function readmeForUsers(): string {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return text.split(/\n(?=## )/).filter((section) => !/^## (Development|macOS)\b/.test(section)).join('\n');
}

describe('no GNU-only commands where users run them', () => {
  it.each([...filesUnder(join(ROOT, 'shell')), ...filesUnder(join(ROOT, 'src'))].map((f) => [relative(ROOT, f)]))('%s', (file) => {
    expect(gnuFindings(readFileSync(join(ROOT, file), 'utf8'))).toEqual([]);
  });

  it('README.md, but its Development and macOS sections', () => {
    expect(gnuFindings(readmeForUsers())).toEqual([]);
  });
});

describe('the GNU scanner', () => {
  it.each([
    ['stat -c %a ~/.claude/.credentials.json', 'stat -c / --format'],
    ["stat --format='%a' f", 'stat -c / --format'],
    ['sed -i "/ANTHROPIC_API_KEY/d" ~/.zshrc', 'sed -i without a suffix'],
    ['sed -E -i "s/a/b/" f', 'sed -i without a suffix'],
    ["sed -i'' 's/a/b/' f", 'sed -i without a suffix'],
    ['readlink -f "$0"', 'readlink -f / -e / -m'],
    ['start=$(date +%s%N)', 'date +%N'],
    ['date -d "+1 hour"', 'date -d / --date'],
    ['timeout 5 claude -p hi', 'timeout'],
    ['out=$(timeout -s KILL 2 ccenv check)', 'timeout'],
    ['grep -oP "(?<=x)y" f', 'grep -P / --perl-regexp'],
    ['grep --perl-regexp x f', 'grep -P / --perl-regexp'],
    ['base64 -w0 key', 'base64 -w'],
    ['find . -name x -printf "%p"', 'find -printf'],
    ['make -j$(nproc)', 'nproc, tac, getent'],
  ])('finds %j', (line, what) => {
    expect(gnuFindings(line).map((f) => f.what)).toEqual([what]);
  });

  it.each([
    ['sed -i.bak "/ANTHROPIC_API_KEY/d" ~/.zshrc'],
    ['ccenv check --timeout 5000'],
    ['const timeout = setTimeout(f, 5)'],
    ['timeout: 30_000'],
    ['grep -rn ANTHROPIC_API_KEY ~/.* /etc/environment'],
    ['grep -oE "\\b(ANTHROPIC|CLAUDE_CODE)_[A-Z0-9_]+"'],
    ['stat -f %Lp file'],
    ['readlink "$0"'],
    ['date +%s'],
  ])('lets %j be', (line) => {
    expect(gnuFindings(line)).toEqual([]);
  });
});
