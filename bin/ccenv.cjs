#!/usr/bin/env node
'use strict';
// CommonJS on purpose: an ES module entry costs a launch several milliseconds.
// A launch runs from one CommonJS bundle (the fast path); every other verb from dist/cli.js.
const { runLaunch, handBackExtraCaCerts } = loadLaunchBundleOrSay();
// Before anything reads the environment: see src/launch/extra-ca-certs.ts.
handBackExtraCaCerts(process.env);
runLaunch(process.argv.slice(2)).then((code) => {
  if (code === undefined) return import('../dist/cli.js');
  process.exitCode = code;
});

/** The bundle; or, when this installation has none (a clone not built, a copy cut short), one line and exit 1. */
function loadLaunchBundleOrSay() {
  try {
    return loadLaunchBundle();
  } catch (error) {
    const code = error && error.code;
    if (code !== 'ENOENT' && code !== 'MODULE_NOT_FOUND') throw error;
    const bundle = require('node:path').join(__dirname, '..', 'dist', 'launch.cjs');
    if (require('node:fs').existsSync(bundle)) throw error;
    process.stderr.write(`ccenv: this installation is incomplete: ${bundle} is missing (in a clone: npm run build; otherwise install ccenv again)\n`);
    process.exit(1);
  }
}

/**
 * dist/launch.cjs, compiled with V8's code cache under $XDG_CACHE_HOME/ccenv where Node gives
 * one without a warning: module.enableCompileCache (Node 22.8+), else vm.Script's cachedData
 * (Node 20). A cache that is missing, stale or corrupt is never used: its name carries the
 * bundle's build hash and Node's version, and it holds its data twice, compared before V8 sees
 * it (V8 on Node 20 does not check, and crashes on flipped bytes; a hash would cost as much as
 * the cache saves: node:crypto alone takes longer to load). CCENV_NO_CODE_CACHE=1 turns it off.
 */
function loadLaunchBundle() {
  const path = require('node:path');
  const bundle = path.join(__dirname, '..', 'dist', 'launch.cjs');
  const env = process.env;
  const cacheHome = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : env.HOME && path.join(env.HOME, '.cache');
  if (env.CCENV_NO_CODE_CACHE === '1' || !cacheHome) return require(bundle);
  const dir = path.join(cacheHome, 'ccenv');
  const Module = require('node:module');
  if (typeof Module.enableCompileCache === 'function') {
    try {
      Module.enableCompileCache(dir);
    } catch {
      // no cache: the same code, compiled as usual
    }
    return require(bundle);
  }
  const fs = require('node:fs');
  const source = fs.readFileSync(bundle, 'utf8');
  const build = /^\/\/ ccenv-build ([0-9a-f]{12})\n/.exec(source);
  if (!build) return require(bundle);
  const vm = require('node:vm');
  const name = `launch-${build[1]}-${process.version}-${process.arch}.v8cache`;
  const file = path.join(dir, name);
  let cachedData;
  try {
    const stored = fs.readFileSync(file);
    const half = stored.length / 2;
    if (half > 0 && stored.subarray(0, half).equals(stored.subarray(half))) cachedData = stored.subarray(0, half);
  } catch {
    // none yet
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname, __ccenvImport) {${source}\n})`;
  const script = new vm.Script(wrapper, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const loaded = { exports: {} };
  // import() has no loader inside a vm.Script here: the bundle's go through this file's.
  script.runInThisContext()(loaded.exports, Module.createRequire(bundle), loaded, bundle, path.dirname(bundle), (specifier) => import(specifier));
  if (!cachedData || script.cachedDataRejected) {
    // Written once ccenv is done (after claude, for a launch): the functions it ran go in too.
    process.once('beforeExit', () => {
      try {
        const data = script.createCachedData();
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        const temp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(temp, Buffer.concat([data, data]), { mode: 0o600 });
        fs.renameSync(temp, file);
        // Caches of other builds and other Node versions are stale now.
        for (const other of fs.readdirSync(dir)) if (other.startsWith('launch-') && other.endsWith('.v8cache') && other !== name) fs.rmSync(path.join(dir, other), { force: true });
      } catch {
        // a cache that cannot be written: the next launch compiles as usual
      }
    });
  }
  return loaded.exports;
}
