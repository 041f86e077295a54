/** What profile commands say: wording, hints that name the exact option or command, masks. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CCENV, ccenv, ROOT, sandbox, type Sandbox } from '../helpers/cli.js';
import { has } from '../helpers/shells.js';

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

const KEY = 'sk-ant-api03-MESSAGES-secret-value-0123456789abcdefWXYZ';

async function add(args: string[], input = ''): Promise<void> {
  const run = await ccenv(box, ['add', ...args], { input });
  expect(run.exitCode, run.stderr).toBe(0);
}

describe('wording', () => {
  it('a missing secret is named with the right article', async () => {
    const api = await ccenv(box, ['add', 'q', '--kind', 'api-key']);
    expect(api.stderr).toContain('profile q needs an API key');
    const aws = await ccenv(box, ['add', 'bk', '--kind', 'bedrock', '--region', 'us-east-1', '--access-key-id', 'AKIAIOSFODNN7EXAMPLE']);
    expect(aws.stderr).toContain('profile bk needs an AWS secret access key');
    const gw = await ccenv(box, ['add', 'g', '--kind', 'gateway', '--base-url', 'https://gw.example']);
    expect(gw.stderr).toContain('profile g needs a gateway auth token');
  });

  it.each([['--secret'], ['--api-key'], ['--token']])('%s VALUE is refused: secrets are never arguments, and the value is now in the history', async (flag) => {
    for (const args of [
      ['add', 'work', '--kind', 'api-key', flag, KEY],
      ['add', 'work', '--kind', 'api-key', `${flag}=${KEY}`],
      ['edit', 'subscription', flag, KEY],
    ]) {
      const run = await ccenv(box, args);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).not.toContain('Did you mean');
      expect(run.stderr).toContain('never taken as an argument');
      expect(run.stderr).toContain(`| ccenv ${args[0]} ${args[1]}`);
      expect(run.stderr).toContain('--secret-stdin');
      expect(run.stderr).toContain('shell history');
      expect(run.stderr).not.toContain(KEY);
    }
    expect(JSON.parse((await ccenv(box, ['list', '--json'])).stdout).map((p: { name: string }) => p.name)).toEqual(['subscription']);
  });

  it('--claude must name an executable file; a later error names the profile, never a placeholder', async () => {
    const run = await ccenv(box, ['add', 'z', '--kind', 'subscription', '--claude', '/nonexistent/claude']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--claude: /nonexistent/claude is not an executable file');
    // A profile whose claude went away later: the fix names it.
    mkdirSync(box.configDir, { recursive: true });
    writeFileSync(join(box.configDir, 'config.json'), JSON.stringify({ version: 1, profiles: { z: { kind: 'subscription', claude: '/gone/claude' } } }));
    const launch = await ccenv(box, ['@z', '-p', 'hi']);
    expect(launch.exitCode).not.toBe(0);
    expect(launch.stderr).toContain('ccenv edit z --claude PATH');
    expect(launch.stderr).not.toContain('NAME');
  });

  it('completion without a shell suggests a completion command', async () => {
    const run = await ccenv(box, ['completion']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('ccenv completion bash');
    expect(run.stderr).not.toContain('ccenv hook bash');
  });

  it('status --json and env --json give the .ccprofile as an absolute path, never ~', async () => {
    await add(['w', '--kind', 'subscription']);
    const dir = join(box.home, 'work');
    mkdirSync(dir);
    writeFileSync(join(dir, '.ccprofile'), 'w\n');
    expect((await ccenv(box, ['allow'], { cwd: dir })).exitCode).toBe(0);
    const json = JSON.parse((await ccenv(box, ['status', '--json'], { cwd: dir })).stdout);
    expect(json.source).toBe(join(dir, '.ccprofile'));
    expect(JSON.parse((await ccenv(box, ['env', '--json'], { cwd: dir })).stdout).source).toBe(join(dir, '.ccprofile'));
    const human = await ccenv(box, ['status'], { cwd: dir });
    expect(human.stdout).toContain('~/work/.ccprofile');
  });

  it('doctor names one profile that cannot start in the singular', async () => {
    await add(['lk', '--kind', 'api-key', '--secret-stdin'], KEY);
    const run = await ccenv(box, ['doctor'], { env: { CCENV_FILE_PASSPHRASE: 'not the passphrase' } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout + run.stderr).toContain('profile lk cannot start');
    expect(run.stdout + run.stderr).not.toContain('profiles lk');
  });
});

describe('a refused --env names the option to use', () => {
  it.each([
    [['--kind', 'api-key', '--secret-stdin'], 'ANTHROPIC_BASE_URL=https://x.example', 'use --base-url'],
    [['--kind', 'subscription'], 'ANTHROPIC_BASE_URL=https://x.example', 'use --base-url'],
    [['--kind', 'bedrock', '--region', 'us-east-1'], 'ANTHROPIC_BEDROCK_BASE_URL=https://x.example', 'use --base-url'],
    [['--kind', 'vertex', '--region', 'us-east5', '--project-id', 'my-proj-1'], 'ANTHROPIC_VERTEX_PROJECT_ID=other', 'use --project-id'],
    [['--kind', 'subscription'], 'CLAUDE_CONFIG_DIR=/x', 'use --config-dir'],
    [['--kind', 'api-key', '--secret-stdin'], 'ANTHROPIC_MODEL=claude-x', 'use --model'],
    [['--kind', 'api-key', '--secret-stdin'], 'ANTHROPIC_API_KEY=sk-x', 'use --secret-stdin'],
    [['--kind', 'api-key', '--secret-stdin'], 'CLAUDE_CODE_USE_VERTEX=1', 'use --kind vertex'],
    [['--kind', 'api-key', '--secret-stdin'], 'ANTHROPIC_AUTH_TOKEN=t', 'use --kind gateway'],
  ])('%j --env %s', async (flags, assignment, expected) => {
    const run = await ccenv(box, ['add', 'p', ...flags, '--env', assignment], { input: KEY });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(expected);
    expect(run.stderr).not.toContain('not complete');
  });

  it("the README's kinds table names --base-url for every kind that has one", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const { KINDS } = await import('../../src/profiles/kinds/index.js');
    for (const [kind, spec] of Object.entries(KINDS)) {
      const set = spec.launch({ kind: kind as never, baseUrl: 'https://probe.example', hasSecret: true }).set;
      if (!Object.values(set).includes('https://probe.example')) continue;
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${kind}\` |`));
      expect(row, kind).toMatch(/--base-url|\| as bedrock \|/);
    }
  });
});


describe('rename and the .ccprofile files that name the old profile', () => {
  it('lists each allowed file that names it, with the exact command that points it at the new name', async () => {
    await add(['w', '--kind', 'subscription']);
    await add(['other', '--kind', 'subscription']);
    const dirs = ['a', 'b b', 'unallowed', 'names-other'].map((d) => join(box.home, 'src', d));
    for (const dir of dirs) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, '.ccprofile'), dir.endsWith('names-other') ? 'other\n' : '# team profile\nw\n');
      if (!dir.endsWith('unallowed')) expect((await ccenv(box, ['allow'], { cwd: dir })).exitCode).toBe(0);
    }
    const run = await ccenv(box, ['rename', 'w', 'w2']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('2 allowed .ccprofile files name w');
    expect(run.stderr).toContain('(cd ~/src/a && ccenv use --local w2)');
    expect(run.stderr).toContain(`(cd '${join(box.home, 'src', 'b b')}' && ccenv use --local w2)`);
    expect(run.stderr).not.toContain('unallowed');
    expect(run.stderr).not.toContain('names-other');
    // The command works as printed.
    const line = run.stderr.split('\n').find((l) => l.includes('src/a &&'))!.trim();
    const fixed = spawnSync('bash', ['-c', `ccenv() { ${process.execPath} ${CCENV} "$@"; }\n${line}`], { env: box.env, cwd: box.home, encoding: 'utf8' });
    expect(fixed.status, fixed.stderr).toBe(0);
    const status = JSON.parse((await ccenv(box, ['status', '--json'], { cwd: dirs[0] })).stdout);
    expect(status).toMatchObject({ profile: 'w2' });
  });

  it('says nothing about .ccprofile files when no allowed file names the profile', async () => {
    await add(['w', '--kind', 'subscription']);
    const run = await ccenv(box, ['rename', 'w', 'w2']);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('ccenv: renamed w to w2');
  });
});

describe('ccenv env is not for eval when a launch must open a descriptor or a secret is masked', () => {
  const shells: [string, string, string][] = [
    ['bash', 'eval "$(ccenv env @w)"; echo "status=$?"; echo "fd=${CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR-unset} active=${CCENV_ACTIVE-unset}"', 'bash'],
    ['sh', 'eval "$(ccenv env @w)"; echo "status=$?"; echo "fd=${CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR-unset} active=${CCENV_ACTIVE-unset}"', 'sh'],
    ['fish', 'ccenv env @w --format fish | source; echo "status=$status"; echo "fd="(set -q CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR; and echo set; or echo unset)" active="(set -q CCENV_ACTIVE; and echo set; or echo unset)', 'fish'],
  ];

  it.each(shells)('%s: evaluating it sets nothing, fails, and says what to run instead', async (_name, script, shell) => {
    if (!has(shell)) return;
    await add(['w', '--kind', 'api-key', '--secret-stdin'], KEY);
    const define = shell === 'fish' ? `function ccenv; ${process.execPath} ${CCENV} $argv; end` : `ccenv() { ${process.execPath} ${CCENV} "$@"; }`;
    const r = spawnSync(shell, ['-c', `${define}\n${script}`], { env: box.env, cwd: box.home, encoding: 'utf8' });
    expect(r.stdout).toMatch(/status=[1-9]/);
    expect(r.stdout).toContain('fd=unset active=unset');
    expect(r.stderr).toContain('not for eval');
    expect(r.stderr).toContain('ccenv exec @w -- CMD');
  });

  it('says so in a comment and on stderr; a profile that needs nothing at launch stays plain shell code', async () => {
    await add(['w', '--kind', 'api-key', '--secret-stdin'], KEY);
    const run = await ccenv(box, ['env', '@w']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^# Not for eval: .*descriptor 3/m);
    expect(run.stdout).toContain('ccenv @w');
    expect(run.stderr).toContain('not for eval');
    await add(['v', '--kind', 'vertex', '--region', 'us-east5', '--project-id', 'my-proj-1']);
    const plain = await ccenv(box, ['env', '@v']);
    expect(plain.stdout).not.toContain('not for eval');
    expect(plain.stderr).toBe('');
  });
});
