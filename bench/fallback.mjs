#!/usr/bin/env node
// The cost of a fallback chain on the launch path: `ccenv exec @q -- true` where q has a
// fallback chain and the health file records q as limited (so the launch reads the health
// file, chooses, and starts q's fallback p), against `ccenv exec @p -- true` (no chain, the
// same secret read). Interleaved in one run; prints both medians and their difference.
// The process-level difference is within the noise of starting a process, so the chain's
// own work (read the health file, choose) is also timed in process, from the same sources
// bundled with esbuild. Target: under 1 ms.
// Run: node bench/fallback.mjs [rounds]
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchHome, CCENV, median, requireBuild, ROOT, run as runIn, timed as timedIn } from './common.mjs';
import { build } from 'esbuild';

const ROUNDS = Number(process.argv[2] ?? 40);
const TARGET_MS = 1;

requireBuild();

const { home, env, keychain } = benchHome('ccenv-bench-fallback-');
const run = (args, input) => runIn(env, args, input);
const timed = (args) => timedIn(env, args);

/** A health file as a busy user's: the chain's entries and a dozen others. */
function healthFile(now) {
  const profiles = { q: { status: 'limited', detail: 'HTTP 429; retry after 3600 s', seenAt: now, until: now + 3_600_000, source: 'check' } };
  for (let i = 0; i < 12; i++) profiles[`other${i}`] = { status: 'rejected', detail: 'HTTP 401', seenAt: now, source: 'hook' };
  const dir = join(env.XDG_STATE_HOME, 'ccenv');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'health.json'), `${JSON.stringify({ version: 1, profiles }, null, 2)}\n`);
}

/**
 * The chain's own work, in process: read and parse the health file, choose. Timed in a
 * fresh process each round (the first call, as a launch makes it, after the config was
 * read), and warm, each as a median.
 */
async function inProcess(rounds) {
  const out = join(home, 'chain.cjs');
  await build({
    stdin: {
      contents: "export { readHealth } from './src/health/state.ts'; export { chooseProfile } from './src/health/choose.ts';",
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile: out,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    logLevel: 'warning',
  });
  const child = `
    const { closeSync, fstatSync, openSync, readFileSync, readSync } = require('node:fs');
    const { readHealth, chooseProfile } = require(${JSON.stringify(out)});
    const env = process.env;
    const name = env.BENCH_PROFILE;
    const profiles = { q: { kind: 'api-key', fallback: ['p'] }, r: { kind: 'api-key', fallback: ['p'] }, p: { kind: 'api-key' } };
    const once = () => chooseProfile({ name, profile: profiles[name], health: readHealth(env), now: Date.now(), find: (n) => profiles[n] });
    // As in a launch: the config was read just before, and settings files are read after
    // with the same bounded read (src/fs/bounded.ts): those file system calls are warm.
    const config = env.XDG_CONFIG_HOME + '/ccenv/config.json';
    JSON.parse(readFileSync(config, 'utf8'));
    const fd = openSync(config, 'r'); fstatSync(fd); readSync(fd, Buffer.alloc(4096), 0, 4096, null); closeSync(fd);
    const cpu0 = process.cpuUsage();
    let t = process.hrtime.bigint();
    if (once().launch !== env.BENCH_LAUNCHES) throw new Error('the chain did not choose ' + env.BENCH_LAUNCHES);
    const cold = Number(process.hrtime.bigint() - t) / 1e6;
    const spent = process.cpuUsage(cpu0);
    const cpu = (spent.user + spent.system) / 1000;
    const warm = [];
    for (let i = 0; i < 200; i++) { t = process.hrtime.bigint(); once(); warm.push(Number(process.hrtime.bigint() - t) / 1e6); }
    warm.sort((a, b) => a - b);
    console.log(JSON.stringify({ cold, cpu, warm: warm[100] }));`;
  const measure = (profile, launches) => {
    const colds = [];
    const cpus = [];
    const warms = [];
    for (let i = 0; i < rounds; i++) {
      const r = spawnSync(process.execPath, ['-e', child], { env: { ...env, BENCH_PROFILE: profile, BENCH_LAUNCHES: launches }, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`the in-process chain failed: ${r.stderr}`);
      const { cold, cpu, warm } = JSON.parse(r.stdout);
      colds.push(cold);
      cpus.push(cpu);
      warms.push(warm);
    }
    return { coldMs: median(colds), cpuMs: median(cpus), warmMs: median(warms) };
  };
  // q is limited (the line names its reset: a local time); r has a chain and is healthy.
  return { bad: measure('q', 'p'), healthy: measure('r', 'r') };
}

try {
  run([CCENV, 'add', 'p', '--kind', 'api-key', '--secret-stdin'], 'sk-ant-api03-BENCH-KEY-not-a-real-one');
  run([CCENV, 'add', 'q', '--kind', 'api-key', '--fallback', 'p', '--secret-stdin'], 'sk-ant-api03-BENCH-KEY-of-q-not-real');
  healthFile(Date.now());
  const cases = {
    'ccenv exec @p -- true': [CCENV, 'exec', '@p', '--', 'true'],
    'ccenv exec @q -- true': [CCENV, 'exec', '@q', '--', 'true'],
  };
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < 3; i++) for (const args of Object.values(cases)) timed(args); // warm the page cache
  for (let i = 0; i < ROUNDS; i++) for (const [name, args] of Object.entries(cases)) times[name].push(timed(args));
  const plain = median(times['ccenv exec @p -- true']);
  const chained = median(times['ccenv exec @q -- true']);
  const { bad, healthy } = await inProcess(ROUNDS);
  console.log(`backend: ${keychain ? 'keychain (Secret Service)' : 'encrypted file'}; ${ROUNDS} interleaved rounds`);
  console.log(`ccenv exec @p -- true  median ${plain.toFixed(1)} ms  (no fallback chain)`);
  console.log(`ccenv exec @q -- true  median ${chained.toFixed(1)} ms  (q limited in the health file: launches its fallback p)`);
  console.log(`difference ${(chained - plain).toFixed(2)} ms (process level, within start-up noise)`);
  for (const [what, m] of [['q limited, launches p', bad], ['r healthy, with a chain', healthy]]) {
    console.log(`the chain in process, ${what} (medians): the first time, as in a launch, ${m.coldMs.toFixed(3)} ms (${m.cpuMs.toFixed(3)} ms of CPU); ${(m.warmMs * 1000).toFixed(0)} us warm`);
  }
  // CPU time: what the chain costs, whatever else the machine runs at the same time.
  const cost = Math.max(bad.cpuMs, healthy.cpuMs);
  console.log(`chain cost ${cost.toFixed(3)} ms of CPU, the first time (target < ${TARGET_MS} ms)${cost < TARGET_MS ? '' : '  ABOVE TARGET'}`);
} finally {
  if (keychain) for (const name of ['q', 'p']) spawnSync(process.execPath, [CCENV, 'remove', name, '--yes'], { env, stdio: 'ignore' });
  rmSync(home, { recursive: true, force: true });
}
