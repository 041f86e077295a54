// Bundles src/cli.ts into dist/: one entry plus lazily loaded chunks, so that a launch
// loads only what a launch needs (no commander, no conf, no prompts).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The keychain binding is a native addon: it must stay a real package import.
  external: ['@napi-rs/keyring'],
  banner: {
    // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
    js: [
      "import { createRequire as __ccenvRequire } from 'node:module';",
      "import { fileURLToPath as __ccenvPath } from 'node:url';",
      'const require = __ccenvRequire(import.meta.url);',
      'const __filename = __ccenvPath(import.meta.url);',
      "const __dirname = __filename.replace(/[\\/][^\\/]*$/, '');",
    ].join(' '),
  },
  define: { __CCENV_VERSION__: JSON.stringify(version) },
  mainFields: ['module', 'main'],
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});

// The launch path again, as one CommonJS file that bin/ccenv.cjs loads first: one file to
// read and no ES-module graph to link makes every launch about 20 ms faster.
await build({
  entryPoints: ['src/launch/entry.ts'],
  outfile: 'dist/launch.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // What a launch never or rarely needs (writing config, prompts, the file backend's writes,
  // jsonc-parser for a config or settings file that JSON.parse refused, aws4 for a --check of
  // an AWS profile) stays out of the file, loaded from node_modules if ever needed: less to
  // compile on every launch.
  external: ['@napi-rs/keyring', 'conf', 'proper-lockfile', 'write-file-atomic', '@inquirer/*', 'jsonc-parser', 'aws4'],
  banner: {
    js: [
      "const __ccenvUrl = require('node:url').pathToFileURL(__filename).href;",
      // bin/ccenv.cjs may run this file inside a vm.Script (for V8's code cache), where import()
      // has no loader: it hands in its own. Loaded by require, this file's import() serves.
      "var __ccenvImport = typeof __ccenvImport === 'function' ? __ccenvImport : (specifier) => import(specifier);",
    ].join('\n'),
  },
  define: { __CCENV_VERSION__: JSON.stringify(version), 'import.meta.url': '__ccenvUrl' },
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});

// Every import() of the launch bundle goes through __ccenvImport (see the banner), and its
// first line names the build, which keys bin/ccenv.cjs's code cache.
const launchFile = new URL('../dist/launch.cjs', import.meta.url);
const [bannerUrl, bannerImport, ...body] = readFileSync(launchFile, 'utf8').split('\n');
const code = body.join('\n').replace(/\bimport\((["'])([^"']+)\1\)/g, (_, quote, specifier) => `__ccenvImport(${quote}${specifier}${quote})`);
if (/\bimport\(/.test(code)) throw new Error('dist/launch.cjs: an import() that is not a plain string cannot run from the code cache');
const launchText = [bannerUrl, bannerImport, code].join('\n');
const buildId = createHash('sha1').update(launchText).digest('hex').slice(0, 12);
writeFileSync(launchFile, `// ccenv-build ${buildId}\n${launchText}`);
