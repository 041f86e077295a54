#!/usr/bin/env node
// The cost of a launch: `ccenv exec @p -- true` (config read, profile resolved, the secret
// read from the keychain, environment built, child spawned and waited for) against a bare
// `node -e 0`, interleaved in one run; prints the medians and their ratio. Target: <= 1.3x.
// Uses the keychain when a Secret Service answers on the bus (npm run bench starts a private
// one), else the encrypted file backend (whose scrypt key derivation dominates; said below).
// With a CA bundle at hand (NODE_EXTRA_CA_CERTS's own file, else the system's), also the
// launch with NODE_EXTRA_CA_CERTS set, as ccenv run directly and as the shell's cc runs it
// (Node started without it, the value handed over: src/launch/extra-ca-certs.ts).
// Run: node bench/launch.mjs [rounds]   (CCENV_BENCH_QUICK=1: 10 rounds)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { benchHome, CCENV, median, requireBuild, run as runIn, timed as timedIn } from './common.mjs';

// Another build (say main's) to measure in the same rounds: CCENV_BENCH_OTHER=/path/bin/ccenv.cjs
const OTHER = process.env.CCENV_BENCH_OTHER;
const ROUNDS = Number(process.argv[2] ?? (process.env.CCENV_BENCH_QUICK === '1' ? 10 : 40));
const TARGET = 1.3;

requireBuild();

const { home, env, keychain } = benchHome('ccenv-bench-launch-');
const run = (args, input) => runIn(env, args, input);
const timed = ([args, extra]) => timedIn(extra ? { ...env, ...extra } : env, args);
const bundle = [process.env.NODE_EXTRA_CA_CERTS, '/etc/ssl/certs/ca-certificates.crt'].find((f) => f && existsSync(f));

try {
  run([CCENV, 'add', 'p', '--kind', 'api-key', '--secret-stdin'], 'sk-ant-api03-BENCH-KEY-not-a-real-one');
  run([CCENV, 'add', 'v', '--kind', 'vertex', '--region', 'us-east5', '--project-id', 'bench-project']);
  const cases = {
    'node -e 0': [['-e', '0']],
    'ccenv exec @p -- true': [[CCENV, 'exec', '@p', '--', 'true']],
    // The same launch for a profile with no secret: the cost without the keychain.
    'ccenv exec @v -- true': [[CCENV, 'exec', '@v', '--', 'true']],
    ...(OTHER ? { 'other exec @p -- true': [[OTHER, 'exec', '@p', '--', 'true']] } : {}),
    ...(bundle
      ? {
          'with NODE_EXTRA_CA_CERTS': [[CCENV, 'exec', '@v', '--', 'true'], { NODE_EXTRA_CA_CERTS: bundle }],
          'with it, as cc runs ccenv': [[CCENV, 'exec', '@v', '--', 'true'], { NODE_EXTRA_CA_CERTS: '', CCENV_NODE_EXTRA_CA_CERTS: bundle }],
        }
      : {}),
  };
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < 3; i++) for (const c of Object.values(cases)) timed(c); // warm the page cache
  for (let i = 0; i < ROUNDS; i++) for (const [name, c] of Object.entries(cases)) times[name].push(timed(c));
  const base = median(times['node -e 0']);
  const launch = median(times['ccenv exec @p -- true']);
  const noSecret = median(times['ccenv exec @v -- true']);
  const ratio = launch / base;
  console.log(`backend: ${keychain ? 'keychain (Secret Service)' : 'encrypted file (scrypt on every launch)'}; ${ROUNDS} interleaved rounds`);
  console.log(`node -e 0              median ${base.toFixed(1)} ms`);
  console.log(`ccenv exec @p -- true  median ${launch.toFixed(1)} ms  (api-key profile: one secret read)`);
  console.log(`ccenv exec @v -- true  median ${noSecret.toFixed(1)} ms  (vertex profile: no secret, ${(noSecret / base).toFixed(2)}x)`);
  if (bundle) {
    const certs = readFileSync(bundle, 'latin1').split('BEGIN CERTIFICATE').length - 1;
    const loaded = median(times['with NODE_EXTRA_CA_CERTS']);
    const handed = median(times['with it, as cc runs ccenv']);
    console.log(`ccenv exec @v -- true, NODE_EXTRA_CA_CERTS=${bundle} (${certs} certificates): ${loaded.toFixed(1)} ms run directly, ${handed.toFixed(1)} ms as cc runs it (${(loaded - handed).toFixed(1)} ms saved)`);
  } else console.log('no CA bundle found: the NODE_EXTRA_CA_CERTS rows are skipped');
  if (OTHER) console.log(`other exec @p -- true  median ${median(times['other exec @p -- true']).toFixed(1)} ms  (${OTHER})`);
  console.log(`ratio ${ratio.toFixed(2)}x (target <= ${TARGET}x)${ratio <= TARGET ? '' : '  ABOVE TARGET'}`);
} finally {
  if (keychain) spawnSync(process.execPath, [CCENV, 'remove', 'p', '--yes'], { env, stdio: 'ignore' });
  rmSync(home, { recursive: true, force: true });
}
