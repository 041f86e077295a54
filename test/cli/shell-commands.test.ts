import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, ROOT, sandbox, type Sandbox } from '../helpers/cli.js';

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
  mkdirSync(box.configDir, { recursive: true });
  writeFileSync(join(box.configDir, 'config.json'), JSON.stringify({ version: 1, profiles: { work: { kind: 'api-key' } } }));
  mkdirSync(join(box.home, 'proj', 'sub'), { recursive: true });
});
afterEach(() => box.cleanup());

const proj = () => join(box.home, 'proj');
const ccprofile = () => join(proj(), '.ccprofile');

describe('ccenv hook', () => {
  it.each([
    ['bash', `_ccenv_node=$'${process.execPath}'; _ccenv_script=$'${join(ROOT, 'bin', 'ccenv.cjs')}'`],
    ['zsh', `typeset -g _ccenv_node=$'${process.execPath}'; typeset -g _ccenv_script=$'${join(ROOT, 'bin', 'ccenv.cjs')}'`],
    ['fish', `set -g _ccenv_node '${process.execPath}'; set -g _ccenv_script '${join(ROOT, 'bin', 'ccenv.cjs')}'`],
  ])('prints shell/ccenv.%s with the paths of node and ccenv written in', async (shell, paths) => {
    const run = await ccenv(box, ['hook', shell]);
    expect(run.exitCode).toBe(0);
    const source = readFileSync(join(ROOT, 'shell', `ccenv.${shell}`), 'utf8').replace(/\n$/, '');
    const printed = source.replace(/^.*# ccenv:paths$/m, () => paths).replace(/^[^\n]*# ccenv:sourced-only \{\n[^]*?\n\} # ccenv:sourced-only\n/m, '');
    expect(run.stdout).toBe(printed);
    expect(run.stderr).toBe('');
  });

  it('leaves out what only a sourced file needs: bash finds node itself only when the paths are not written in', async () => {
    const run = await ccenv(box, ['hook', 'bash']);
    expect(readFileSync(join(ROOT, 'shell', 'ccenv.bash'), 'utf8')).toContain('_ccenv_find_node');
    expect(run.stdout).not.toContain('_ccenv_find_node');
    expect(run.stdout).not.toContain('ccenv:sourced-only');
  });

  it.each([
    // indented: defined only in an interactive shell
    ['bash', '  function ccx { _ccenv_cc ccx "$@"; } # ccenv:function-name'],
    ['zsh', '  function ccx { _ccenv_cc ccx "$@"; } # ccenv:function-name'],
    ['fish', '    function ccx; _ccenv_cc ccx $argv; end # ccenv:function-name'],
  ])('%s --name ccx renames the function and nothing else', async (shell, line) => {
    const run = await ccenv(box, ['hook', shell, '--name', 'ccx']);
    expect(run.stdout.split('\n')).toContain(line);
    expect(run.stdout).not.toMatch(/function cc\b/);
  });

  it.each([['x;y'], ['$(id)'], ['ccenv'], ['']])('refuses the function name %j', async (name) => {
    const run = await ccenv(box, ['hook', 'bash', '--name', name]);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
  });

  it.each(['bash', 'zsh', 'fish'])('%s --path prints the static hook file to source; with another --name it says to eval', async (shell) => {
    const run = await ccenv(box, ['hook', shell, '--path']);
    expect([run.exitCode, run.stdout]).toEqual([0, join(ROOT, 'shell', `ccenv.${shell}`)]);
    const named = await ccenv(box, ['hook', shell, '--path', '--name', 'ccx']);
    expect([named.exitCode, named.stdout]).toEqual([2, '']);
    expect(named.stderr).toContain('eval "$(ccenv hook SHELL --name NAME)"');
  });

  it('refuses an unknown shell, naming the ones it knows', async () => {
    const run = await ccenv(box, ['hook', 'tcsh']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe('ccenv: unknown shell "tcsh"\nccenv: one of: bash, zsh, fish; for example: ccenv hook bash');
  });
});

describe('the hook scope check (ccenv hook SHELL --scope FILE)', () => {
  it.each([
    ['bash', "export CCENV_DIR_PROFILE=$'work'\n"],
    ['zsh', "export CCENV_DIR_PROFILE=$'work'\n"],
    ['fish', "set -gx CCENV_DIR_PROFILE 'work'\n"],
  ])('%s: an allowed file sets the variable and says so once', async (shell, code) => {
    writeFileSync(ccprofile(), 'work\n');
    expect((await ccenv(box, ['allow'], { cwd: proj() })).exitCode).toBe(0);
    const run = await ccenv(box, ['hook', shell, '--scope', ccprofile()]);
    expect(run.stdout).toBe(code.replace(/\n$/, ''));
    expect(run.stderr).toBe('ccenv: work (from ~/proj/.ccprofile)');
    const quiet = await ccenv(box, ['hook', shell, '--scope', ccprofile()], { env: { CCENV_QUIET: '1' } });
    expect([quiet.stdout, quiet.stderr]).toEqual([code.replace(/\n$/, ''), '']);
  });

  it('a file that is not allowed unsets the variable and gives the fix', async () => {
    writeFileSync(ccprofile(), 'work\n');
    const run = await ccenv(box, ['hook', 'bash', '--scope', ccprofile()]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('unset CCENV_DIR_PROFILE');
    expect(run.stderr).toBe(
      'ccenv: ~/proj/.ccprofile is not allowed (it names work; new or changed files need an allow)\nccenv: if you trust it: cc allow ~/proj/.ccprofile',
    );
  });

  it('a denied file unsets the variable, even after it was allowed', async () => {
    writeFileSync(ccprofile(), 'work\n');
    await ccenv(box, ['allow', 'proj']);
    const deny = await ccenv(box, ['deny', 'proj']);
    expect(deny.stderr).toBe('ccenv: denied ~/proj/.ccprofile; to trust it later: ccenv allow ~/proj/.ccprofile');
    const run = await ccenv(box, ['hook', 'fish', '--scope', ccprofile()]);
    expect(run.stdout).toBe('set -e CCENV_DIR_PROFILE');
    expect(run.stderr).toMatch(/^ccenv: ~\/proj\/\.ccprofile is denied/);
  });
});

describe('ccenv allow / deny', () => {
  it('allows the nearest file from a subdirectory and warns about a missing profile', async () => {
    writeFileSync(ccprofile(), '# later\nnosuch\n');
    const run = await ccenv(box, ['allow'], { cwd: join(proj(), 'sub') });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('ccenv: allowed ~/proj/.ccprofile (nosuch)\nccenv: nosuch is not a profile yet; add it: ccenv add nosuch --kind KIND');
  });

  it('refuses to allow a malformed file', async () => {
    writeFileSync(ccprofile(), '$(touch x)\n');
    const run = await ccenv(box, ['allow', ccprofile()]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('ccenv: ~/proj/.ccprofile line 1: "$(touch x)" is not a profile name; not allowed');
    expect((await ccenv(box, ['hook', 'bash', '--scope', ccprofile()])).stdout).toBe('unset CCENV_DIR_PROFILE');
  });

  it('says where to start when there is no .ccprofile', async () => {
    const run = await ccenv(box, ['allow'], { cwd: proj() });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe('ccenv: no .ccprofile in ~/proj or above it\nccenv: create one with: ccenv use --local NAME');
  });
});

describe('ccenv use', () => {
  it('without the hook, explains how to install it and exits non-zero', async () => {
    const run = await ccenv(box, ['use', 'work'], { env: { SHELL: '/usr/bin/zsh' } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`add this line to ~/.zshrc, open a new terminal, then run cc use NAME: source ${join(ROOT, 'shell', 'ccenv.zsh')}`);
    expect(run.stderr).not.toContain('eval');
  });

  it('with the hook in the start-up file, says it is installed instead of asking to add it', async () => {
    writeFileSync(join(box.home, '.bashrc'), '# bash\nsource /path/to/ccenv/shell/ccenv.bash\n');
    const run = await ccenv(box, ['use', 'work'], { env: { SHELL: '/bin/bash' } });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('the hook is installed in ~/.bashrc:2');
    expect(run.stderr).toContain('cc use NAME');
    expect(run.stderr).not.toContain('add this line');
  });

  it('hook --help shows the fast form as two real commands', async () => {
    const run = await ccenv(box, ['hook', '--help']);
    expect(run.stdout).not.toContain('printed/by');
    expect(run.stdout).toMatch(/ccenv hook bash --path +# prints/);
    expect(run.stdout).toMatch(/source \/.*\/shell\/ccenv\.bash +# that path, in ~\/\.bashrc/);
  });

  it.each([
    ['bash', ['work'], "export CCENV_PROFILE=$'work'"],
    ['fish', ['work'], "set -gx CCENV_PROFILE 'work'"],
    ['zsh', ['--unset'], 'unset CCENV_PROFILE'],
    ['fish', ['--unset'], 'set -e CCENV_PROFILE'],
    ['bash', ['subscription'], "export CCENV_PROFILE=$'subscription'"],
  ])('for the %s function, %j prints %s', async (shell, args, code) => {
    const run = await ccenv(box, ['use', '--shell', shell, ...args]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(code);
  });

  it('checks that the profile exists, printing no code when it does not', async () => {
    const run = await ccenv(box, ['use', '--shell', 'bash', '--as', 'ccx', 'nosuch']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('ccenv: no profile named nosuch');
  });

  it('--local writes ./.ccprofile and allows it; --local --unset removes it', async () => {
    const run = await ccenv(box, ['use', '--local', 'work'], { cwd: proj() });
    expect(run.exitCode).toBe(0);
    expect(readFileSync(ccprofile(), 'utf8')).toBe('work\n');
    expect(run.stderr).toBe('ccenv: ~/proj/.ccprofile names work, allowed');
    expect((await ccenv(box, ['hook', 'bash', '--scope', ccprofile()])).stdout).toBe("export CCENV_DIR_PROFILE=$'work'");
    const unset = await ccenv(box, ['use', '--local', '--unset'], { cwd: proj() });
    expect(unset.stderr).toBe('ccenv: removed ~/proj/.ccprofile');
  });

  it('--local refuses a missing profile and writes nothing', async () => {
    const run = await ccenv(box, ['use', '--local', 'nosuch'], { cwd: proj() });
    expect(run.exitCode).toBe(1);
    expect(() => readFileSync(ccprofile())).toThrow();
  });
});

describe('use --global / use --local without a name show the current choice', () => {
  it('--global: none, then the one set, then one that no longer exists', async () => {
    const none = await ccenv(box, ['use', '--global']);
    expect(none).toMatchObject({ exitCode: 0, stdout: '' });
    expect(none.stderr).toBe('ccenv: no default profile: launches without a closer choice use the built-in subscription profile (ccenv use --global NAME sets one)');
    expect((await ccenv(box, ['use', '--global', 'work'])).exitCode).toBe(0);
    const set = await ccenv(box, ['use', '--shell', 'bash', '--global']);
    expect(set).toMatchObject({ exitCode: 0, stdout: '' });
    expect(set.stderr).toBe('ccenv: the default profile is work (ccenv use --global NAME changes it, ccenv use --global --unset drops it)');
    writeFileSync(join(box.configDir, 'config.json'), JSON.stringify({ version: 1, default: 'wrok', profiles: { work: { kind: 'api-key' } } }));
    const gone = await ccenv(box, ['use', '--global']);
    expect(gone.exitCode).toBe(1);
    expect(gone.stderr).toContain('ccenv: the default profile is wrok, which is not a profile; did you mean work?');
  });

  it('--local: none here or above, then the nearest file and whether it counts', async () => {
    const none = await ccenv(box, ['use', '--local'], { cwd: join(proj(), 'sub') });
    expect(none).toMatchObject({ exitCode: 0, stdout: '', stderr: 'ccenv: no .ccprofile in ~/proj/sub or above it (ccenv use --local NAME writes one here)' });
    expect((await ccenv(box, ['use', '--local', 'work'], { cwd: proj() })).exitCode).toBe(0);
    const set = await ccenv(box, ['use', '--local'], { cwd: join(proj(), 'sub'), env: { CCENV_PROFILE: 'subscription' } });
    expect(set.exitCode).toBe(0);
    expect(set.stderr).toBe('ccenv: ~/proj/.ccprofile names work, allowed\nccenv: this shell uses subscription, which beats the directory (cc use --unset)');
    writeFileSync(ccprofile(), 'subscription\n');
    const changed = await ccenv(box, ['use', '--local'], { cwd: proj() });
    expect(changed.exitCode).toBe(1);
    expect(changed.stderr).toContain('~/proj/.ccprofile is not allowed');
  });
});

describe('a launch resolves .ccprofile itself, without the hook', () => {
  it('stops in a directory whose .ccprofile is not allowed, naming the file and the fix; cc use still wins', async () => {
    writeFileSync(ccprofile(), 'subscription\n');
    const stopped = await ccenv(box, ['env'], { cwd: join(proj(), 'sub') });
    expect(stopped.exitCode).toBe(1);
    expect(stopped.stdout).toBe('');
    expect(stopped.stderr).toBe(
      'ccenv: ~/proj/.ccprofile is not allowed (it names subscription; new or changed files need an allow)\nccenv: if you trust it: ccenv allow ~/proj/.ccprofile',
    );
    const chosen = await ccenv(box, ['env'], { cwd: join(proj(), 'sub'), env: { CCENV_PROFILE: 'work' } });
    expect(chosen.stderr).not.toContain('.ccprofile');
    await ccenv(box, ['allow'], { cwd: proj() });
    const allowed = await ccenv(box, ['env'], { cwd: join(proj(), 'sub') });
    expect(allowed.exitCode).toBe(0);
    expect(allowed.stdout).toContain('subscription');
  });
});

describe('the stamp the hook compares with (ccenv hook SHELL --scope FILE --shell-pid PID)', () => {
  it("touches this shell's stamp before the check, says what to watch, and drops stamps of shells gone", async () => {
    writeFileSync(ccprofile(), 'work\n');
    const shells = join(box.dataDir, 'shells');
    mkdirSync(shells, { recursive: true });
    writeFileSync(join(shells, '999999999'), '');
    const run = await ccenv(box, ['hook', 'bash', '--scope', ccprofile(), '--shell-pid', String(process.pid)]);
    expect(run.stdout.split('\n')).toEqual([
      `_ccenv_stamp=$'${join(shells, String(process.pid))}'`,
      `_ccenv_allowdir=$'${join(box.dataDir, 'trust', 'allow')}'`,
      `_ccenv_denydir=$'${join(box.dataDir, 'trust', 'deny')}'`,
      'unset CCENV_DIR_PROFILE',
    ]);
    expect(readdirSync(shells)).toEqual([String(process.pid)]);
  });

  it.each([['12x'], ['-1'], ['']])('ignores a pid that is not a number (%j)', async (pid) => {
    writeFileSync(ccprofile(), 'work\n');
    const run = await ccenv(box, ['hook', 'fish', '--scope', ccprofile(), '--shell-pid', pid]);
    expect(run.stdout).toBe('set -e CCENV_DIR_PROFILE');
  });
});
