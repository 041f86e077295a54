/**
 * bash 3.2, macOS's /bin/bash, for real. No Debian package brings it, so this suite is not
 * part of `npm test`: `CCENV_TEST_BASH32=PATH npm run test:bash32` runs it, with PATH a bash
 * 3.2 that scripts/build-bash-3.2.sh builds from GNU's source.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ansiCQuote } from '../../src/shells/ansi-c.js';
import { BASH_CONSTRUCTS } from '../helpers/bash-compat.js';
import { BASH_COMPLETIONS, bashCompletionScript, LAZY_COMPLETION } from '../helpers/bash-completion.js';
import { ROOT } from '../helpers/cli.js';
import { fakeClaude } from '../helpers/fake-claude.js';
import { fakeCompiler, runShell, shellWorld, showLine, type World } from '../helpers/shell-world.js';
import { has } from '../helpers/shells.js';

const BASH32 = process.env.CCENV_TEST_BASH32 ?? '';
const examples = BASH_CONSTRUCTS.filter((c) => c.example).map((c) => [c.name, c.since, c.example!] as const);

const runBash = async (bash: string, code: string) => {
  const run = await execa(bash, ['--norc', '--noprofile', '-c', code], { reject: false, extendEnv: false, env: { PATH: '/usr/bin:/bin', LANG: 'C' } });
  return String(run.stdout).trim();
};

describe('bash 3.2', () => {
  if (!BASH32) throw new Error('CCENV_TEST_BASH32 must name a bash 3.2 binary (scripts/build-bash-3.2.sh builds one)');
  let world: World;
  beforeEach(() => {
    world = shellWorld();
  });
  afterEach(() => world.cleanup());
  const in32 = (argv: string[]) => [BASH32, ...argv.slice(1)];

  it('is bash 3.2', async () => {
    expect(await runBash(BASH32, 'echo "${BASH_VERSINFO[0]}.${BASH_VERSINFO[1]}"')).toBe('3.2');
  });

  it.each(examples)('lacks %s (bash %s)', async (_name, _since, example) => {
    expect(await runBash(BASH32, example.code)).not.toBe(example.expected);
  });

  it.each([
    ['eval "$(ccenv hook bash)"'],
    [`source ${join(ROOT, 'shell', 'ccenv.bash')}`],
  ])('%s: scopes, trust, cc use, a PROMPT_COMMAND kept, set -u', async (line) => {
    const show = showLine('bash');
    const { stdout, stderr } = await runShell(
      world,
      'bash',
      [
        'set -u',
        "PROMPT_COMMAND='echo pcs'",
        line,
        line,
        'echo "pc=$PROMPT_COMMAND"',
        'cd ~/work', show,
        'cd ~/work/api/src', show,
        'cd ~/plain', show,
        'cd ~/untrusted', show,
        'cc allow', show,
        'cc use home', show,
        'cc use --unset', show,
        'cd ~/hostile', show,
      ],
      { wrap: in32 },
    );
    expect(stdout.split('\n').filter((l) => l !== 'pcs')).toEqual([
      'pc=_ccenv_hook;echo pcs',
      'dir=work shell=',
      'dir=home shell=',
      'dir= shell=',
      'dir= shell=',
      'dir=work shell=',
      'dir=work shell=home',
      'dir=work shell=',
      'dir= shell=',
      '',
    ]);
    expect(stdout).toContain('pcs\n');
    expect(stderr).not.toMatch(/syntax error|bad substitution|unbound variable|command not found|invalid option/);
    expect(world.pwnedFiles.filter((f) => existsSync(f))).toEqual([]);
  });

  it("cc starts ccenv's Node without an exported NODE_EXTRA_CA_CERTS, hands it to claude, and hands on no unexported one", async () => {
    const claude = fakeClaude(world.home);
    const env = { PATH: `${claude.bin}:${world.env.PATH}`, FAKE_LOG: claude.log };
    const CA = '/nonexistent/ccenv-test-ca.pem';
    const exported = await runShell(world, 'bash', ['set -u', 'eval "$(ccenv hook bash)"', `export NODE_EXTRA_CA_CERTS=${CA}`, 'cd ~/work', 'cd ~/plain', 'cc -p hi'], { wrap: in32, env });
    expect(claude.argv(), exported.stderr).toEqual(['-p', 'hi']);
    expect(claude.env().NODE_EXTRA_CA_CERTS).toBe(CA);
    expect(claude.parentEnv().NODE_EXTRA_CA_CERTS).toBe('');
    expect(exported.stderr).not.toMatch(/Ignoring extra certs|bad substitution|unbound variable/);
    const unexported = await runShell(world, 'bash', ['set -u', 'eval "$(ccenv hook bash)"', `NODE_EXTRA_CA_CERTS=${CA}`, 'cd ~/plain', 'cc -p again'], { wrap: in32, env });
    expect(claude.argv(), unexported.stderr).toEqual(['-p', 'again']);
    expect(claude.env()).not.toHaveProperty('NODE_EXTRA_CA_CERTS');
    expect(claude.env()).not.toHaveProperty('CCENV_NODE_EXTRA_CA_CERTS');
  });

  it('reads back every value the escaper writes, byte for byte, and runs none', async () => {
    const pwned = join(world.home, 'pwned-by-value');
    const values: (string | Buffer)[] = ["it's", 'a\nb', `$(touch ${pwned})`, `\`touch ${pwned}\``, '\x01\x02\x7f', Buffer.from([0xff, 0xfe, 0x80]), 'é ü 日本', '\\x41', "'\\''", '!$HOME'];
    const script = values.map((v, i) => `V=${ansiCQuote(v)}; printf %s "$V" > ${world.home}/v${i}`).join('\n');
    writeFileSync(join(world.home, 'script'), `${script}\n`);
    const run = await execa(BASH32, ['--norc', '--noprofile', join(world.home, 'script')], { extendEnv: false, env: world.env, reject: false });
    expect(run.stderr).toBe('');
    values.forEach((v, i) => expect(readFileSync(join(world.home, `v${i}`))).toEqual(Buffer.from(v)));
    expect(existsSync(pwned)).toBe(false);
  });

  it('the sourced file starts no process, and loads completions at the first Tab', async () => {
    const file = join(ROOT, 'shell', 'ccenv.bash');
    if (has('strace')) {
      const log = join(world.home, 'strace.log');
      writeFileSync(join(world.home, 'rc'), `source ${file}\n`);
      await execa('strace', ['-f', '-qq', '-e', 'trace=clone,clone3,fork,vfork', '-o', log, BASH32, '--rcfile', join(world.home, 'rc'), '-i', '-c', 'exit'], {
        env: world.env,
        extendEnv: false,
        reject: false,
      });
      expect(readFileSync(log, 'utf8').split('\n').filter((l) => /(clone3?|fork|vfork)\(/.test(l) && !l.includes('CLONE_THREAD'))).toEqual([]);
    }
    const { stdout } = await runShell(
      world,
      'bash',
      [
        `source ${file}`,
        ...LAZY_COMPLETION.lines,
      ],
      { wrap: in32 },
    );
    expect(stdout.trim().split('\n')).toEqual(LAZY_COMPLETION.printed);
  });

  it('the sourced file finds node on PATH with builtins', async () => {
    const { stdout } = await runShell(world, 'bash', [`source ${join(ROOT, 'shell', 'ccenv.bash')}`, 'echo "node=$_ccenv_node"'], { wrap: in32 });
    expect(stdout.trim()).toBe(`node=${process.execPath}`);
  });

  it.each([
    ['eval "$(ccenv hook bash)"'],
    [`source ${join(ROOT, 'shell', 'ccenv.bash')}`],
  ])('%s: cc is a function in an interactive shell only; elsewhere the C compiler runs', async (line) => {
    fakeCompiler(world);
    writeFileSync(join(world.home, 'rc'), `${line}\n`);
    const script = 'type -t cc; echo "prompt=${PROMPT_COMMAND-}"; cc -o x x.c';
    const run = (args: string[], env: Record<string, string> = {}) =>
      execa(BASH32, ['--norc', '--noprofile', ...args], { extendEnv: false, env: { ...world.env, ...env }, cwd: world.home, reject: false, input: '' });
    const script32 = await run(['-c', script], { BASH_ENV: join(world.home, 'rc') });
    expect(String(script32.stdout).split('\n'), script32.stderr).toEqual(['file', 'prompt=', 'compiler -o x x.c']);
    const interactive = await run(['-i', '-c', `source ${join(world.home, 'rc')}; type -t cc; echo "prompt=$PROMPT_COMMAND"`]);
    expect(String(interactive.stdout).split('\n'), interactive.stderr).toEqual(['function', 'prompt=_ccenv_hook']);
  });

  it.each(BASH_COMPLETIONS)('completes %j to %j', async (line, expected) => {
    const script = bashCompletionScript(line);
    const run = await execa(BASH32, ['--norc', '--noprofile', '-c', script], { extendEnv: false, env: world.env, cwd: world.home, reject: false });
    expect([String(run.stdout).trim(), String(run.stderr)]).toEqual([`[${expected}]`, '']);
  });
});
