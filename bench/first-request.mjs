#!/usr/bin/env node
// What a user feels: from pressing Enter to Claude Code's first model request, through
// ccenv (`ccenv @p -p hi`, the key in the keychain) against `claude -p hi` with the key in
// the environment. Both run the real pinned client against a stand-in API on 127.0.0.1 that
// records when each request arrives; interleaved rounds, medians, the ratio. Target: <= 1.07x.
// Uses the keychain when a Secret Service answers on the bus (npm run bench starts a private
// one), else the encrypted file backend.
// A third case is the floor for any launcher written for Node: a Node program that does
// nothing but spawn claude (the key already in its environment) and wait. What ccenv adds
// above that floor is ccenv's; the floor's own ratio is Node's start against claude's.
// Run: node bench/first-request.mjs [rounds]   (CCENV_BENCH_QUICK=1 or --quick: 5 rounds;
// CCENV_BENCH_OTHER=/path/to/other/bin/ccenv.cjs adds that build, e.g. main's, to the rounds)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CCENV = join(ROOT, 'bin', 'ccenv.cjs');
const OTHER = process.env.CCENV_BENCH_OTHER;
const CLAUDE_BIN = join(ROOT, 'node_modules', '.bin');
const QUICK = process.env.CCENV_BENCH_QUICK === '1' || process.argv.includes('--quick');
const ROUNDS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? (QUICK ? 5 : 17));
const TARGET = 1.07;
const KEY = 'sk-ant-api03-BENCH-FIRST-REQUEST-not-a-real-one';

if (!existsSync(join(ROOT, 'dist', 'launch.cjs'))) throw new Error('dist/ is missing: run npm run build first');
if (!existsSync(join(CLAUDE_BIN, 'claude'))) {
  console.log('first-request: skipped, the pinned claude is not installed (npm ci)');
  process.exit(0);
}

/** The stand-in: answers every model call with a short SSE stream; `waiting` learns when one arrives. */
let waiting;
const server = createServer((req, res) => {
  const at = process.hrtime.bigint();
  if (req.method === 'POST' && /\/messages$/.test((req.url ?? '').split('?')[0])) waiting?.(at);
  req.resume();
  req.on('end', () => {
    if (req.method !== 'POST' || !/\/messages$/.test((req.url ?? '').split('?')[0])) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"type":"error","error":{"type":"not_found_error","message":"stand-in"}}');
      return;
    }
    const events = [
      { type: 'message_start', message: { id: 'msg_bench', type: 'message', role: 'assistant', model: 'bench', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'ok' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 1 } },
      { type: 'message_stop' },
    ];
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const ev of events) res.write(`event: ${ev.type}\ndata: ${JSON.stringify(ev)}\n\n`);
    res.end();
  });
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const url = `http://127.0.0.1:${server.address().port}`;

const home = mkdtempSync(join(tmpdir(), 'ccenv-bench-first-'));
const bin = join(home, '.bin');
mkdirSync(bin);
symlinkSync(CCENV, join(bin, 'ccenv'));
const keychain = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS) && process.env.CCENV_BENCH_BACKEND !== 'file';
const common = {
  HOME: home,
  PATH: `${bin}:${CLAUDE_BIN}:${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
  LANG: 'C.UTF-8',
  TERM: 'dumb',
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
};
const ccenvEnv = {
  ...common,
  XDG_CONFIG_HOME: join(home, '.config'),
  XDG_DATA_HOME: join(home, '.local', 'share'),
  XDG_CACHE_HOME: join(home, '.cache'),
  ...(process.env.DBUS_SESSION_BUS_ADDRESS ? { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS } : {}),
  ...(keychain
    ? { CCENV_BACKEND: 'keychain' }
    : { CCENV_BACKEND: 'file', CCENV_FILE_PASSPHRASE: 'bench passphrase' }),
};
const directEnv = { ...common, ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: url };
// The floor: Node starts, spawns claude as ccenv does (the terminal inherited), waits, ends as it ended.
const floor = join(home, 'floor.cjs');
writeFileSync(floor, "require('node:child_process').spawn(process.argv[2], process.argv.slice(3), { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 1));\n");

/** Milliseconds from the spawn to the first model request; waits for the run to end. */
function firstRequest(command, args, env) {
  return new Promise((done, fail) => {
    let arrived;
    waiting = (at) => {
      arrived ??= at;
    };
    const t0 = process.hrtime.bigint();
    const child = spawn(command, args, { env, cwd: home, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', fail);
    child.once('exit', (code) => {
      waiting = undefined;
      if (code !== 0) return fail(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`));
      if (arrived === undefined) return fail(new Error(`${command} ${args.join(' ')} made no model request`));
      done(Number(arrived - t0) / 1e6);
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** The first and third quartiles (nearest rank). */
const quartiles = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return [s[Math.floor((s.length - 1) / 4)], s[Math.ceil((3 * (s.length - 1)) / 4)]];
};
const signed = (ms) => `${ms < 0 ? '-' : '+'}${Math.abs(ms).toFixed(1)} ms`;
/** Each round's `a` against the same round's `b`: rounds are interleaved, so a slow minute weighs on both. */
const perRound = (a, b, f) => a.map((x, i) => f(x, b[i]));
const spread = (xs, show) => `${show(median(xs))} (quartiles ${quartiles(xs).map(show).join(' to ')})`;

try {
  const add = spawnSync(process.execPath, [CCENV, 'add', 'p', '--kind', 'api-key', '--base-url', url, '--secret-stdin'], { env: ccenvEnv, input: KEY, encoding: 'utf8' });
  if (add.status !== 0) throw new Error(`ccenv add failed: ${add.stderr}`);
  const cases = {
    'claude -p hi (key in env)': () => firstRequest(join(CLAUDE_BIN, 'claude'), ['-p', 'hi'], directEnv),
    'ccenv @p -p hi': () => firstRequest(process.execPath, [CCENV, '@p', '-p', 'hi'], ccenvEnv),
    'floor': () => firstRequest(process.execPath, [floor, join(CLAUDE_BIN, 'claude'), '-p', 'hi'], directEnv),
    ...(OTHER ? { 'other ccenv': () => firstRequest(process.execPath, [OTHER, '@p', '-p', 'hi'], ccenvEnv) } : {}),
  };
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < 2; i++) for (const run of Object.values(cases)) await run(); // first-run files, page cache
  for (let i = 0; i < ROUNDS; i++) for (const [name, run] of Object.entries(cases)) times[name].push(await run());
  const direct = median(times['claude -p hi (key in env)']);
  const through = median(times['ccenv @p -p hi']);
  const ratio = through / direct;
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`time to first request, real claude vs a stand-in on 127.0.0.1; backend: ${keychain ? 'keychain (Secret Service)' : 'encrypted file'}`);
  console.log(`${ROUNDS} interleaved rounds, medians; load average ${load}`);
  console.log(`claude -p hi (key in env)  ${direct.toFixed(1)} ms`);
  console.log(`ccenv @p -p hi             ${through.toFixed(1)} ms  (${signed(through - direct)})`);
  const least = median(times.floor);
  console.log(`node spawning claude      ${least.toFixed(1)} ms  (${signed(least - direct)}, ${(least / direct).toFixed(3)}x: the floor for a Node launcher; ccenv's own share ${signed(through - least)})`);
  const directs = times['claude -p hi (key in env)'];
  const ratioX = (x) => `${x.toFixed(3)}x`;
  console.log(`round by round, against that round's claude -p hi: ccenv ${spread(perRound(times['ccenv @p -p hi'], directs, (a, b) => a / b), ratioX)}`);
  console.log(`  the floor ${spread(perRound(times.floor, directs, (a, b) => a / b), ratioX)}; ccenv over the floor ${spread(perRound(times['ccenv @p -p hi'], times.floor, (a, b) => a - b), signed)}`);
  if (OTHER) {
    const other = median(times['other ccenv']);
    console.log(`other ccenv (${OTHER})  ${other.toFixed(1)} ms  (${signed(other - direct)}, ${(other / direct).toFixed(3)}x)`);
  }
  console.log(`ratio ${ratio.toFixed(3)}x (target <= ${TARGET}x)${ratio <= TARGET ? '' : '  ABOVE TARGET'}`);
} finally {
  if (keychain) spawnSync(process.execPath, [CCENV, 'remove', 'p', '--yes'], { env: ccenvEnv, stdio: 'ignore' });
  server.close();
  rmSync(home, { recursive: true, force: true });
}
