/**
 * The launch bundle (dist/launch.cjs) stays lean: what a normal launch does not need is
 * neither in its file nor loaded. jsonc-parser comes in only for a file JSON.parse refused.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ccenv, ROOT, sandbox, type Sandbox } from '../helpers/cli.js';
import { type FakeClaude, fakeClaudeOnPath } from '../helpers/fake-claude.js';

let box: Sandbox;
let fake: FakeClaude;
beforeEach(() => {
  box = sandbox();
  fake = fakeClaudeOnPath(box);
});
afterEach(() => box.cleanup());

/** Runs ccenv with a preload that writes, at exit, every CommonJS module and ES module it loaded. */
async function modulesLoaded(args: string[]): Promise<{ modules: string[]; stderr: string; exitCode: number }> {
  const list = join(box.home, 'modules.txt');
  const preload = join(box.home, 'preload.cjs');
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, Object.keys(require.cache).join('\\n')));\n`,
  );
  const run = await ccenv(box, args, { env: { NODE_OPTIONS: `--require ${preload}` } });
  return { modules: readFileSync(list, 'utf8').split('\n'), stderr: run.stderr, exitCode: run.exitCode };
}

it('the launch bundle holds no jsonc-parser, commander, conf or prompts', () => {
  const bundle = readFileSync(join(ROOT, 'dist', 'launch.cjs'), 'utf8');
  for (const marker of ['createScanner', 'node_modules/jsonc-parser', 'node_modules/commander', 'node_modules/conf/', '@inquirer/core']) {
    expect(bundle).not.toContain(marker);
  }
});

it('a launch with valid settings files loads no jsonc-parser; one that overrides the profile is reported with its line', async () => {
  const add = await ccenv(box, ['add', 'work', '--kind', 'api-key', '--secret-stdin'], { input: 'sk-ant-api03-BUNDLE-TEST' });
  expect(add.exitCode, add.stderr).toBe(0);
  mkdirSync(join(box.home, '.claude'));
  const settings = join(box.home, '.claude', 'settings.json');
  writeFileSync(settings, JSON.stringify({ env: { DISABLE_AUTOUPDATER: '1' }, model: 'sonnet' }, null, 2));
  const clean = await modulesLoaded(['@work', '-p', 'hi']);
  expect(clean.exitCode, clean.stderr).toBe(0);
  expect(fake.fd3()).toBe('sk-ant-api03-BUNDLE-TEST');
  expect(clean.modules.filter((m) => /jsonc-parser|commander|[/\\]conf[/\\]|@inquirer/.test(m))).toEqual([]);

  // A settings file that would override the profile: its line is found (jsonc-parser, now).
  writeFileSync(settings, '{\n  "model": "sonnet",\n  "env": {\n    "ANTHROPIC_API_KEY": "sk-ant-api03-OTHER"\n  }\n}\n');
  const overridden = await modulesLoaded(['@work', '-p', 'hi']);
  expect(overridden.exitCode, overridden.stderr).toBe(0);
  expect(overridden.stderr).toContain('ANTHROPIC_API_KEY (~/.claude/settings.json:4)');
  expect(overridden.modules.some((m) => m.includes('jsonc-parser'))).toBe(true);
});

it.each([['with the code cache', {}], ['without it', { CCENV_NO_CODE_CACHE: '1' }]])(
  'an installation whose launch bundle is missing says so in one line, %s, with no stack',
  async (_what, env: Record<string, string>) => {
    const copy = join(box.home, 'broken-install');
    mkdirSync(join(copy, 'bin'), { recursive: true });
    mkdirSync(join(copy, 'dist'));
    writeFileSync(join(copy, 'bin', 'ccenv.cjs'), readFileSync(join(ROOT, 'bin', 'ccenv.cjs')));
    const run = await execa(process.execPath, [join(copy, 'bin', 'ccenv.cjs'), 'list'], { env: { ...box.env, ...env }, extendEnv: false, reject: false });
    expect(run.exitCode).toBe(1);
    expect(String(run.stderr)).toBe(`ccenv: this installation is incomplete: ${join(copy, 'dist', 'launch.cjs')} is missing (in a clone: npm run build; otherwise install ccenv again)`);
  },
);
