/** The README's "Install and run" agrees with package.json and with what the dependencies need. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; dependencies: Record<string, string> };
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const install = readme.slice(readme.indexOf('## Install and run'), readme.indexOf('## Launching claude')).replace(/\s+/g, ' ');

type Version = [number, number, number];
const parse = (v: string): Version => v.split('.').map(Number) as Version;
const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** The ranges npm packages use for engines.node: `>=X.Y.Z`, `^X.Y.Z`, `>= X`, joined by `||`. */
function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  return range.split('||').some((part) => {
    const m = /^\s*(>=|\^)?\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(part);
    if (!m) throw new Error(`range not understood: ${part}`);
    const low: Version = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
    if (compare(v, low) < 0) return false;
    return m[1] === '^' ? v[0] === low[0] : true;
  });
}

/** The lowest version of each major line, 20 to 26, that our engines range admits. */
const lowest: string[] = [];
for (let major = 20; major <= 26; major++) {
  const admitted = pkg.engines.node.split('||').flatMap((part) => {
    const m = /^\s*(>=|\^)?\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(part)!;
    const low = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
    if (low[0] === major) return [low.join('.')];
    return m[1] === '>=' && low[0]! < major ? [`${major}.0.0`] : [];
  });
  if (admitted.length > 0) lowest.push(admitted.sort((a, b) => compare(parse(a), parse(b)))[0]!);
}

describe('the Node requirement', () => {
  it.each(Object.keys(pkg.dependencies))('%s runs on the lowest Node of every line package.json admits', (name) => {
    const engines = (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { engines?: { node?: string } }).engines?.node;
    if (!engines) return;
    for (const version of lowest) expect(satisfies(version, engines), `${name} needs ${engines}; we admit ${version}`).toBe(true);
  });

  it('the README names the same versions as package.json', () => {
    for (const version of lowest.filter((v) => !v.endsWith('.0.0'))) expect(install).toContain(version.replace(/\.0$/, ''));
  });
});
