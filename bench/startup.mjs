#!/usr/bin/env node
// What the rc-file lines cost a new interactive bash (`bash -i -c exit`): nothing, direnv's
// hook line, ccenv's eval lines (hook and completion: a ccenv process each), and ccenv's
// static hook file (`source` the path `ccenv hook bash --path` prints: no process, and
// completions loaded at the first Tab). Interleaved rounds, medians, ratios from one run.
// Run: node bench/startup.mjs [starts per round] [rounds]   (npm run bench runs it; CCENV_BENCH_QUICK=1: 2 rounds)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STARTS = Number(process.argv[2] ?? 10);
const ROUNDS = Number(process.argv[3] ?? (process.env.CCENV_BENCH_QUICK === '1' ? 2 : 5));

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

const VARIANTS = {
  'bare bash': '',
  'direnv hook': 'eval "$(direnv hook bash)"',
  'ccenv eval lines': 'eval "$(ccenv hook bash)"\neval "$(ccenv completion bash)"',
  'ccenv static file': `source ${join(ROOT, 'shell', 'ccenv.bash')}`,
};

function setUp() {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run npm run build first');
  const home = mkdtempSync(join(tmpdir(), 'ccenv-bench-startup-'));
  const bin = join(home, '.bin');
  mkdirSync(bin);
  symlinkSync(join(ROOT, 'bin', 'ccenv.cjs'), join(bin, 'ccenv'));
  const env = {
    HOME: home,
    PATH: `${bin}:${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    LANG: 'C.UTF-8',
    TERM: 'dumb',
  };
  const rc = {};
  for (const [name, lines] of Object.entries(VARIANTS)) {
    rc[name] = join(home, `rc-${name.replace(/\W+/g, '-')}`);
    writeFileSync(rc[name], `${lines}\n`);
  }
  return { home, env, rc };
}

/** Seconds for one `bash -i -c exit` with this rc file. */
function start(world, rc) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('bash', ['--rcfile', rc, '-i', '-c', 'exit'], { env: world.env, cwd: world.home, stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`bash with ${rc} failed: ${r.stderr}`);
  return seconds;
}

const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const ms = (seconds) => `${(seconds * 1e3).toFixed(1)} ms`;

export function run() {
  for (const tool of ['bash', 'direnv']) {
    if (!has(tool)) {
      console.log(`startup: skipped, ${tool} is not installed (apt-get install ${tool})`);
      return;
    }
  }
  const world = setUp();
  try {
    const samples = Object.fromEntries(Object.keys(VARIANTS).map((k) => [k, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of Object.keys(VARIANTS)) {
        for (let i = 0; i < STARTS; i++) samples[name].push(start(world, world.rc[name]));
      }
    }
    const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
    const base = m['bare bash'];
    const over = (name) => Math.max(m[name] - base, 0);
    console.log(`startup: bash -i -c exit, ${STARTS * ROUNDS} starts each, median, ${ROUNDS} interleaved rounds`);
    for (const name of Object.keys(VARIANTS)) {
      console.log(`  ${name.padEnd(18)} ${ms(m[name]).padStart(10)}${name === 'bare bash' ? '' : `  (${ms(over(name))} over bare bash)`}`);
    }
    const ratio = (name) => (over('direnv hook') > 0 ? (over(name) / over('direnv hook')).toFixed(2) : 'n/a');
    console.log(`  cost over bare bash, against direnv's: eval lines ${ratio('ccenv eval lines')}x, static file ${ratio('ccenv static file')}x`);
    return m;
  } finally {
    rmSync(world.home, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) run();
