#!/usr/bin/env node
// What a prompt costs in bash: the ccenv hook against direnv's hook, in the same layout
// (a directory with an allowed .ccprofile and an allowed .envrc), interleaved, N prompts
// each, in an unchanged directory. Time is read inside bash ($EPOCHREALTIME) around the N
// prompts, so shell start-up and the first scope entry are not counted. A bash with no hook
// gives the baseline. Run: node bench/hook.mjs [prompts] [rounds]   (npm run bench runs it)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PROMPTS = Number(process.argv[2] ?? 200);
const ROUNDS = Number(process.argv[3] ?? 5);

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function setUp() {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run npm run build first');
  const home = mkdtempSync(join(tmpdir(), 'ccenv-bench-hook-'));
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
    PS1: '$ ',
  };
  const proj = join(home, 'proj');
  mkdirSync(join(proj, 'src'), { recursive: true });
  writeFileSync(join(proj, '.ccprofile'), 'subscription\n');
  writeFileSync(join(proj, '.envrc'), 'export BENCH_PROFILE=subscription\n');
  const check = (command, args) => {
    const r = spawnSync(command, args, { env, cwd: proj, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
  };
  check('node', [join(bin, 'ccenv'), 'allow']);
  check('direnv', ['allow', proj]);
  return { home, env, proj };
}

const HOOKS = {
  'no hook (baseline)': '',
  ccenv: 'eval "$(ccenv hook bash)"',
  direnv: 'eval "$(direnv hook bash)"',
};

/** Seconds per prompt, read inside bash around `prompts` prompts in an unchanged directory. */
function perPrompt(world, hook, prompts) {
  const script = [
    hook,
    `cd ${world.proj}/src`,
    ':',
    'ccenv_t0=$EPOCHREALTIME',
    ...Array.from({ length: prompts }, () => ':'),
    'ccenv_t1=$EPOCHREALTIME',
    'echo "BENCH $ccenv_t0 $ccenv_t1 ${CCENV_DIR_PROFILE-} ${BENCH_PROFILE-}"',
    'exit',
  ].join('\n');
  const r = spawnSync('bash', ['--norc', '--noprofile', '-i'], { env: world.env, cwd: world.home, input: `${script}\n`, encoding: 'utf8' });
  const line = r.stdout.split('\n').find((l) => l.startsWith('BENCH '));
  if (!line) throw new Error(`no timing from bash:\n${r.stdout}\n${r.stderr}`);
  const [, t0, t1, a, b] = line.split(' ');
  return { seconds: (Number(t1) - Number(t0)) / prompts, active: `${a}${b}` };
}

const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const us = (seconds) => `${(seconds * 1e6).toFixed(1)} µs`;

export function run() {
  for (const tool of ['bash', 'direnv']) {
    if (!has(tool)) {
      console.log(`hook: skipped, ${tool} is not installed (apt-get install ${tool})`);
      return;
    }
  }
  const world = setUp();
  try {
    const samples = Object.fromEntries(Object.keys(HOOKS).map((k) => [k, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, hook] of Object.entries(HOOKS)) {
        const { seconds, active } = perPrompt(world, hook, PROMPTS);
        if (name !== 'no hook (baseline)' && active !== 'subscription') throw new Error(`${name}: the hook did not load the profile`);
        samples[name].push(seconds);
      }
    }
    const base = median(samples['no hook (baseline)']);
    const ccenv = median(samples.ccenv);
    const direnv = median(samples.direnv);
    const net = (x) => Math.max(x - base, 0);
    console.log(`hook: ${PROMPTS} prompts in an unchanged directory, bash ${spawnSync('bash', ['-c', 'echo $BASH_VERSION'], { encoding: 'utf8' }).stdout.trim()}, median of ${ROUNDS} interleaved rounds`);
    console.log(`  ${'no hook (baseline)'.padEnd(20)} ${us(base).padStart(12)} per prompt`);
    console.log(`  ${'ccenv hook'.padEnd(20)} ${us(ccenv).padStart(12)} per prompt  (${us(net(ccenv))} over baseline)`);
    console.log(`  ${'direnv hook'.padEnd(20)} ${us(direnv).padStart(12)} per prompt  (${us(net(direnv))} over baseline)`);
    const ratio = ccenv / direnv;
    console.log(`  ccenv/direnv per prompt: 1/${Math.round(1 / ratio)} (whole prompt); target at most 1/20: ${ratio <= 1 / 20 ? 'met' : 'NOT MET'}`);
    if (net(ccenv) > 0) console.log(`  ccenv/direnv, hook cost alone: 1/${Math.round(net(direnv) / net(ccenv))}`);
    else console.log('  ccenv hook cost alone: below the noise of the baseline');
    return { baseline: base, ccenv, direnv, ratio };
  } finally {
    rmSync(world.home, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) run();
