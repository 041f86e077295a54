#!/usr/bin/env node
// The cost of a launch: `ccenv exec @p -- true` (config read, profile resolved, the secret
// read from the keychain, environment built, child spawned and waited for) against a bare
// `node -e 0`, interleaved in one run; prints the medians and their ratio. Target: <= 1.3x.
// Uses the keychain when a Secret Service answers on the bus (npm run bench starts a private
// one), else the encrypted file backend (whose scrypt key derivation dominates; said below).
// Run: node bench/launch.mjs [rounds]   (CCENV_BENCH_QUICK=1: 10 rounds)
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { benchHome, CCENV, median, requireBuild, run as runIn, timed as timedIn } from './common.mjs';

// Another build (say main's) to measure in the same rounds: CCENV_BENCH_OTHER=/path/bin/ccenv.cjs
const OTHER = process.env.CCENV_BENCH_OTHER;
const ROUNDS = Number(process.argv[2] ?? (process.env.CCENV_BENCH_QUICK === '1' ? 10 : 40));
const TARGET = 1.3;

requireBuild();

const { home, env, keychain } = benchHome('ccenv-bench-launch-');
const run = (args, input) => runIn(env, args, input);
const timed = (args) => timedIn(env, args);

try {
  run([CCENV, 'add', 'p', '--kind', 'api-key', '--secret-stdin'], 'sk-ant-api03-BENCH-KEY-not-a-real-one');
  run([CCENV, 'add', 'v', '--kind', 'vertex', '--region', 'us-east5', '--project-id', 'bench-project']);
  const cases = {
    'node -e 0': ['-e', '0'],
    'ccenv exec @p -- true': [CCENV, 'exec', '@p', '--', 'true'],
    // The same launch for a profile with no secret: the cost without the keychain.
    'ccenv exec @v -- true': [CCENV, 'exec', '@v', '--', 'true'],
    ...(OTHER ? { 'other exec @p -- true': [OTHER, 'exec', '@p', '--', 'true'] } : {}),
  };
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < 3; i++) for (const args of Object.values(cases)) timed(args); // warm the page cache
  for (let i = 0; i < ROUNDS; i++) for (const [name, args] of Object.entries(cases)) times[name].push(timed(args));
  const base = median(times['node -e 0']);
  const launch = median(times['ccenv exec @p -- true']);
  const noSecret = median(times['ccenv exec @v -- true']);
  const ratio = launch / base;
  console.log(`backend: ${keychain ? 'keychain (Secret Service)' : 'encrypted file (scrypt on every launch)'}; ${ROUNDS} interleaved rounds`);
  console.log(`node -e 0              median ${base.toFixed(1)} ms`);
  console.log(`ccenv exec @p -- true  median ${launch.toFixed(1)} ms  (api-key profile: one secret read)`);
  console.log(`ccenv exec @v -- true  median ${noSecret.toFixed(1)} ms  (vertex profile: no secret, ${(noSecret / base).toFixed(2)}x)`);
  if (OTHER) console.log(`other exec @p -- true  median ${median(times['other exec @p -- true']).toFixed(1)} ms  (${OTHER})`);
  console.log(`ratio ${ratio.toFixed(2)}x (target <= ${TARGET}x)${ratio <= TARGET ? '' : '  ABOVE TARGET'}`);
} finally {
  if (keychain) spawnSync(process.execPath, [CCENV, 'remove', 'p', '--yes'], { env, stdio: 'ignore' });
  rmSync(home, { recursive: true, force: true });
}
