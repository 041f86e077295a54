/**
 * `cc` is claude under the resolved profile, in real bash, zsh and fish: every word goes to
 * claude (a fake that records its argv), ccenv's verbs included, except `cc use`, `cc allow`
 * and `cc deny`; `cc @NAME` picks the profile for one launch. Completions follow: `cc`
 * completes claude's words, `ccenv` its own verbs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLAUDE_OPTIONS, CLAUDE_SUBCOMMANDS, parseClaudeHelp } from '../../src/claude/command-line.js';
import { fakeClaude, type FakeClaude } from '../helpers/fake-claude.js';
import { requirement } from '../helpers/requirements.js';
import { count, hookLine, runShell, shellWorld, type ShellName, type World } from '../helpers/shell-world.js';
import { CLAUDE } from '../helpers/real-claude.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';

const CALLS: [string, string][] = [
  ['cc --help', '--help'],
  ['cc -h', '-h'],
  ['cc --version', '--version'],
  ['cc doctor', 'doctor'],
  ['cc rm 4f2a', 'rm 4f2a'],
  ['cc import', 'import'],
  ['cc mcp list', 'mcp list'],
  ['cc --resume', '--resume'],
  ['cc -p "fix it"', '-p fix it'],
  ['cc', ''],
  ['cc -- list', '-- list'],
  ['cc --no-fallback -p hi', '-p hi'],
  ['cc --no-fallback @home -p hi', '-p hi'],
  ['cc @home --help', '--help'],
  ['cc @home -p hi', '-p hi'],
  ['cc @home -- list', '-- list'],
];

for (const shell of ['bash', 'zsh', 'fish'] as ShellName[]) {
  describe(`cc in real ${shell}`, () => {
    if (!requirement(shell, has(shell), HOW_TO_GET)) return;
    let world: World;
    let claude: FakeClaude;
    beforeEach(() => {
      world = shellWorld();
      claude = fakeClaude(world.home);
    });
    afterEach(() => world.cleanup());
    const argvLine = shell === 'fish' ? 'set -l a (cat $FAKE_LOG.argv); echo "argv: $a"' : 'echo "argv: $(tr "\\n" " " < "$FAKE_LOG.argv")"';
    const activeLine = shell === 'fish' ? 'echo (string match "CCENV_ACTIVE=*" < $FAKE_LOG.env)' : 'grep "^CCENV_ACTIVE=" "$FAKE_LOG.env"';

    it('sends every word to claude, ccenv verbs included; @NAME picks the profile', async () => {
      const lines = [hookLine(shell), 'cd ~/plain'];
      for (const [call] of CALLS) lines.push(`rm -f "$FAKE_LOG.argv"`, call, argvLine);
      lines.push(activeLine, 'cc rm 4f2a', activeLine);
      const { stdout, stderr } = await runShell(world, shell, lines, {
        env: { PATH: `${claude.bin}:${world.env.PATH}`, FAKE_LOG: claude.log },
      });
      const seen = stdout.split('\n').filter((l) => l.startsWith('argv:')).map((l) => l.slice('argv: '.length).trimEnd());
      expect(seen).toEqual(CALLS.map(([, argv]) => argv));
      expect(stdout).toContain('CCENV_ACTIVE=home\nCCENV_ACTIVE=subscription\n');
      expect(stderr).not.toMatch(/did you mean|remove profile|ccenv doctor/i);
    }, 90_000); // a dozen launches: slow on a busy machine

    it('stops a word claude would take for a prompt by mistake, before claude starts', async () => {
      const STOPS: [string, string][] = [
        ['cc work -p hi', 'ccenv: work is a profile, not a prompt; did you mean: cc @work -p hi'],
        ['cc -p hi @work', 'ccenv: @work names a profile but is not the first word; did you mean: cc @work -p hi'],
        ['cc mpc list', 'ccenv: mpc is not a command; did you mean cc mcp?'],
        ['cc doctr', 'ccenv: doctr is not a command; did you mean cc doctor or ccenv doctor?'],
        ['cc list', "ccenv: list is ccenv's command, not claude's; did you mean ccenv list?"],
        ['cc staus', 'ccenv: staus is not a command; did you mean ccenv status?'],
        ['cc profiles', 'ccenv: profiles is not a command; did you mean ccenv list or ccenv show?'],
        ['cc @home list', "ccenv: list is ccenv's command, not claude's; did you mean ccenv list?"],
        ['cc @home mpc list', 'ccenv: mpc is not a command; did you mean cc @home mcp?'],
        ['cc @home -p hi @work', 'ccenv: @work comes after @home: a launch takes one profile, named first'],
      ];
      const code = shell === 'fish' ? 'echo "code: $status"' : 'echo "code: $?"';
      const lines = [hookLine(shell), 'cd ~/plain'];
      for (const [call] of STOPS) lines.push(call, code);
      const { stdout, stderr } = await runShell(world, shell, lines, {
        env: { PATH: `${claude.bin}:${world.env.PATH}`, FAKE_LOG: claude.log },
      });
      expect(stdout.split('\n').filter((l) => l.startsWith('code:'))).toEqual(STOPS.map(() => 'code: 2'));
      // An interactive zsh writes its prompt to stderr too, on the line ccenv's message starts.
      const said = stderr.split('\n').flatMap((l) => (l.includes('ccenv: ') ? [l.slice(l.indexOf('ccenv: '))] : [])).filter((l) => !l.startsWith('ccenv: to '));
      expect(said, stderr).toEqual(STOPS.map(([, message]) => message));
      expect(claude.ran()).toBe(false);
    }, 60_000);

    it('sends the words after cc -- as they are', async () => {
      await runShell(world, shell, [hookLine(shell), 'cd ~/plain', 'cc -- work @work'], {
        env: { PATH: `${claude.bin}:${world.env.PATH}`, FAKE_LOG: claude.log },
      });
      expect(claude.argv()).toEqual(['--', 'work', '@work']);
    });

    // Node 20 reads NODE_EXTRA_CA_CERTS's file as it starts (a missing one: a warning on
    // stderr). cc starts ccenv's Node without it; claude gets it as it was.
    const CA = '/nonexistent/ccenv-test-ca.pem';
    const exportCa = shell === 'fish' ? `set -gx NODE_EXTRA_CA_CERTS ${CA}` : `export NODE_EXTRA_CA_CERTS=${CA}`;
    const setCaUnexported = shell === 'fish' ? `set -g NODE_EXTRA_CA_CERTS ${CA}` : `NODE_EXTRA_CA_CERTS=${CA}`;

    it.runIf(process.platform === 'linux')("starts ccenv's Node without NODE_EXTRA_CA_CERTS, and hands it to claude unchanged", async () => {
      const { stderr } = await runShell(world, shell, [hookLine(shell), exportCa, 'cd ~/work', 'cd ~/plain', 'cc -p hi'], {
        env: { PATH: `${claude.bin}:${world.env.PATH}`, FAKE_LOG: claude.log },
      });
      expect(claude.argv(), stderr).toEqual(['-p', 'hi']);
      expect(claude.env().NODE_EXTRA_CA_CERTS).toBe(CA);
      expect(claude.env()).not.toHaveProperty('CCENV_NODE_EXTRA_CA_CERTS');
      expect(claude.parentEnv().NODE_EXTRA_CA_CERTS).toBe('');
      expect(claude.parentEnv().CCENV_NODE_EXTRA_CA_CERTS).toBe(CA);
      // Neither the launch nor the check on entering ~/work loaded it.
      expect(stderr).not.toContain('Ignoring extra certs');
    });

    it.runIf(process.platform === 'linux')('leaves NODE_EXTRA_CA_CERTS as it is for a ccenv found by name, which may not hand it back', async () => {
      const gone = shell === 'fish' ? 'set -g _ccenv_script /gone/ccenv.cjs' : '_ccenv_script=/gone/ccenv.cjs';
      const { stderr } = await runShell(world, shell, [hookLine(shell), exportCa, gone, 'cd ~/plain', 'cc -p hi'], {
        env: { PATH: `${claude.bin}:${world.env.PATH}`, FAKE_LOG: claude.log },
      });
      expect(claude.argv(), stderr).toEqual(['-p', 'hi']);
      expect(claude.env().NODE_EXTRA_CA_CERTS).toBe(CA);
      expect(claude.parentEnv().NODE_EXTRA_CA_CERTS).toBe(CA);
      expect(claude.parentEnv()).not.toHaveProperty('CCENV_NODE_EXTRA_CA_CERTS');
    });

    it('hands on no NODE_EXTRA_CA_CERTS that was not exported', async () => {
      await runShell(world, shell, [hookLine(shell), setCaUnexported, 'cd ~/plain', 'cc -p hi'], {
        env: { PATH: `${claude.bin}:${world.env.PATH}`, FAKE_LOG: claude.log },
      });
      expect(claude.argv()).toEqual(['-p', 'hi']);
      expect(claude.env()).not.toHaveProperty('NODE_EXTRA_CA_CERTS');
      expect(claude.env()).not.toHaveProperty('CCENV_NODE_EXTRA_CA_CERTS');
    });

    it('keeps use, allow and deny; the hint for a file not allowed names the function', async () => {
      const show = shell === 'fish' ? 'echo "dir=$CCENV_DIR_PROFILE shell=$CCENV_PROFILE"' : 'echo "dir=${CCENV_DIR_PROFILE-} shell=${CCENV_PROFILE-}"';
      const { stdout, stderr } = await runShell(world, shell, [
        hookLine(shell, ' --name ccx'),
        'cd ~/untrusted', show,
        'ccx allow', show,
        'ccx deny', show,
        'ccx use home', show,
      ]);
      expect(stdout.trim().split('\n')).toEqual(['dir= shell=', 'dir=work shell=', 'dir= shell=', 'dir= shell=home']);
      expect(count(stderr, 'ccenv: if you trust it: ccx allow ~/untrusted/.ccprofile\n')).toBe(1);
    });
  });
}

describe('completions: cc completes claude, ccenv its own verbs', () => {
  let world: World;
  beforeEach(() => {
    world = shellWorld();
  });
  afterEach(() => world.cleanup());
  const run = async (command: string, args: string[]) =>
    String((await execa(command, args, { extendEnv: false, env: world.env, cwd: world.home, reject: false })).stdout).trim().split('\n');

  it.runIf(has('bash'))('bash', async () => {
    const cases: [string, string][] = [
      ['cc mc', 'mcp'],
      ['cc doc', 'doctor'],
      ['cc us', 'use'],
      ['cc renam', ''],
      ['cc --resu', '--resume'],
      ['cc @h', '@home'],
      ['cc @home mc', 'mcp'],
      ['cc use w', 'work'],
      ['cc use --g', '--global'],
      ['ccx mc', 'mcp'],
      ['ccenv mc', ''],
      ['ccenv ren', 'rename'],
    ];
    const script = `eval "$(ccenv completion bash --name ccx)"
${cases.map(([line]) => `COMP_WORDS=(${line.split(' ').map((w) => `'${w}'`).join(' ')}); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); $(complete -p ${line.split(' ')[0]} | sed 's/.*-F \\([^ ]*\\).*/\\1/'); echo "[\${COMPREPLY[*]}]"`).join('\n')}`;
    const out = await run('bash', ['--norc', '--noprofile', '-c', script]);
    expect(out).toEqual(cases.map(([, expected]) => `[${expected}]`));
  });

  it.runIf(has('fish'))('fish', async () => {
    const script = `ccenv hook fish | source; ccenv completion fish | source
for line in 'cc mc' 'cc us' 'cc renam' 'cc --resu' 'cc @h' 'cc use w' 'cc use --gl' 'ccenv mc' 'ccenv renam'
  set -l r (complete -C $line | string split -f1 \\t); echo "[$line] $r"
end`;
    expect(await run('fish', ['--no-config', '-i', '-c', script])).toEqual([
      '[cc mc] mcp',
      '[cc us] use',
      '[cc renam] ',
      '[cc --resu] --resume',
      '[cc @h] @home',
      '[cc use w] work',
      '[cc use --gl] --global',
      '[ccenv mc] ',
      '[ccenv renam] rename',
    ]);
  });

  it.runIf(has('zsh'))('zsh (compadd stood in for, to see what it is offered)', async () => {
    const script = `eval "$(ccenv completion zsh)"
compadd() { print -r -- "compadd \${(j: :)\${@[\${@[(i)--]}+1,-1]}}"; }
_describe() { print -r -- "describe \${#\${(P)4}} \${(P)4[(r)rename:*]%%:*}"; }
t() { words=("$@"); CURRENT=$#; _ccenv_cc; }
t cc m; t cc --r; t cc @home m; t cc use h
words=(ccenv r); CURRENT=2; _ccenv`;
    const out = await run('zsh', ['-f', '-c', script]);
    expect(out).toHaveLength(5);
    expect(out[0]).toMatch(/^compadd .*\bdoctor\b.*\bmcp\b.* use allow deny$/);
    expect(out[1]).toMatch(/^compadd --add-dir .* --resume .*/);
    expect(out[2]).toMatch(/^compadd agents .*\bmcp\b/);
    expect(out[2]).not.toMatch(/\buse\b/);
    expect(out[3]).toBe('compadd subscription work home');
    expect(out[4]).toMatch(/^describe \d+ rename$/);
  });
});

describe("claude's own words, as the pinned claude lists them", () => {
  it('match the lists cc completes', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ccenv-claude-help-'));
    const help = await execa(CLAUDE, ['--help'], { env: { HOME: home, PATH: process.env.PATH ?? '' }, extendEnv: false }).finally(() =>
      rmSync(home, { recursive: true, force: true }),
    );
    const parsed = parseClaudeHelp(String(help.stdout));
    expect(parsed.subcommands).toEqual([...CLAUDE_SUBCOMMANDS].sort());
    expect(parsed.options).toEqual([...CLAUDE_OPTIONS].sort());
  });
});
