import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { CCENV, ccenv, sandbox, type Run, type Sandbox } from '../helpers/cli.js';

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

const KEY = 'sk-ant-api03-CLI-TEST-SECRET-do-not-leak-4242';

/** Every file ccenv wrote under HOME, as text. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(readFileSync(join(entry.parentPath, entry.name), 'latin1'));
  }
  return out;
}

function expectNoLeak(runs: Run[], secret = KEY): void {
  for (const run of runs) {
    expect(run.stdout).not.toContain(secret);
    expect(run.stderr).not.toContain(secret);
  }
  for (const text of filesUnder(box.home)) expect(text).not.toContain(secret);
}

async function listJson(): Promise<{ name: string; kind: string; default: boolean; builtin: boolean }[]> {
  const run = await ccenv(box, ['list', '--json']);
  expect(run.exitCode).toBe(0);
  return JSON.parse(run.stdout);
}

describe('on a fresh machine', () => {
  it('list shows the built-in subscription profile', async () => {
    const run = await ccenv(box, ['list']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/subscription\s+subscription\s+claude's own login/);
    expect(await listJson()).toEqual([expect.objectContaining({ name: 'subscription', kind: 'subscription', builtin: true })]);
  });
});

describe('adding a profile of each kind from a script', () => {
  const cases: [string, string[], string | undefined, Record<string, unknown>][] = [
    ['max', ['--kind', 'subscription'], undefined, { kind: 'subscription' }],
    ['max2', ['--kind', 'subscription', '--config-dir', '/home/u/.claude-max2'], undefined, { configDir: '/home/u/.claude-max2' }],
    ['max-token', ['--kind', 'subscription', '--secret-stdin'], 'sk-ant-oat01-TOKEN-value-1234567890', { hasSecret: true }],
    ['work-api', ['--kind', 'api-key', '--secret-stdin'], KEY, { kind: 'api-key', hasSecret: true }],
    ['glm', ['--kind', 'gateway', '--base-url', 'https://gw.example/api', '--model', 'glm-4.6', '--secret-stdin'], 'gw-token-value-0987654321', { baseUrl: 'https://gw.example/api', model: 'glm-4.6' }],
    ['work-bedrock', ['--kind', 'bedrock', '--region', 'us-east-1', '--aws-profile', 'corp'], undefined, { awsProfile: 'corp', region: 'us-east-1' }],
    ['bk', ['--kind', 'bedrock', '--region', 'us-east-1', '--access-key-id', 'AKIAIOSFODNN7EXAMPLE', '--secret-stdin'], 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', hasSecret: true }],
    ['bb', ['--kind', 'bedrock', '--region', 'us-west-2', '--bearer', '--secret-stdin'], 'bedrock-api-key-ABSKQmVkcm9ja0FQSUtleQ', { bearer: true, hasSecret: true }],
    ['m', ['--kind', 'mantle', '--region', 'us-east-1', '--aws-profile', 'corp'], undefined, { kind: 'mantle' }],
    ['v', ['--kind', 'vertex', '--region', 'us-east5', '--project-id', 'my-project-1', '--credentials-file', '/k.json'], undefined, { projectId: 'my-project-1' }],
    ['f', ['--kind', 'foundry', '--resource', 'my-resource', '--secret-stdin'], 'foundry-key-0123456789abcdef', { resource: 'my-resource', hasSecret: true }],
    ['f2', ['--kind', 'foundry', '--base-url', 'https://x.services.ai.azure.com/anthropic', '--secret-stdin', '--env', 'API_TIMEOUT_MS=600000', '--description', 'team'], 'foundry-key-2', { env: { API_TIMEOUT_MS: '600000' }, description: 'team' }],
  ];

  it.each(cases)('%s', async (name, flags, secret, expected) => {
    const add = await ccenv(box, ['add', name, ...flags, '--json'], { input: secret });
    expect(add.stderr).toBe('');
    expect(add.exitCode).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ name, ...expected });
    const show = await ccenv(box, ['show', name, '--json']);
    expect(show.exitCode).toBe(0);
    const shown = JSON.parse(show.stdout);
    const { hasSecret: _stored, ...fields } = expected;
    expect(shown).toMatchObject({ name, ...fields });
    expect(shown).not.toHaveProperty('hasSecret');
    if (secret !== undefined) {
      expect(shown.secret).toMatchObject({ stored: true, masked: expect.stringContaining(`(${secret.length} chars)`) });
      expectNoLeak([add, show], secret);
    }
    expect((await listJson()).map((p) => p.name)).toContain(name);
  });
});

describe('a secret never leaves the keychain by accident', () => {
  it('is masked by show, absent from every file and from all output', async () => {
    const runs = [
      await ccenv(box, ['add', 'work', '--kind', 'api-key', '--secret-stdin'], { input: `${KEY}\n` }),
      await ccenv(box, ['show', 'work']),
      await ccenv(box, ['show', 'work', '--json']),
      await ccenv(box, ['list', '--json']),
      await ccenv(box, ['rename', 'work', 'work2']),
      await ccenv(box, ['show', 'work2']),
    ];
    for (const run of runs) expect(run.exitCode).toBe(0);
    expect(runs[1]!.stdout).toMatch(new RegExp(`secret\\s+sk-ant-api03-…4242 \\(${KEY.length} chars\\) in encrypted file`));
    expectNoLeak(runs);
  });

  it('--reveal is the one rule: show and env print the secret wherever stdout goes, with a note when it is not a terminal', async () => {
    await ccenv(box, ['add', 'work', '--kind', 'api-key', '--secret-stdin'], { input: KEY });
    for (const args of [['show', 'work', '--reveal'], ['env', '@work', '--reveal']]) {
      const run = await ccenv(box, args);
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.stdout).toContain(KEY);
      expect(run.stderr).toContain('outside the keychain');
      expect(run.stderr).not.toContain(KEY);
    }
    for (const args of [['show', 'work'], ['env', '@work'], ['show', 'work', '--json'], ['env', '@work', '--json']]) {
      expectNoLeak([await ccenv(box, args)]);
    }
  }, 90_000);

  it('there is no flag that takes a secret as an argument', async () => {
    const run = await ccenv(box, ['add', 'work', '--kind', 'api-key', '--secret', KEY]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--secret: a secret is never taken as an argument');
    expect(run.stderr).not.toContain(KEY);
    expect((await listJson()).map((p) => p.name)).toEqual(['subscription']);
  });

  it('a profile that needs a secret, added from a script without one, is refused whole', async () => {
    const run = await ccenv(box, ['add', 'work', '--kind', 'api-key']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('profile work needs an API key');
    expect(run.stderr).toContain('--secret-stdin');
    expect((await listJson()).map((p) => p.name)).toEqual(['subscription']);
  });
});

describe('bad input gets a clear message and loses nothing', () => {
  it.each(['has space', 'a/b', '$(touch pwned)', 'a\nb', '', '-x', 'x'.repeat(65), '`id`'])('the name %j', async (name) => {
    const run = await ccenv(box, ['add', name, '--kind', 'subscription']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/invalid profile name|add needs a profile name|unknown option/);
    expect((await listJson()).map((p) => p.name)).toEqual(['subscription']);
  });

  it.each([
    [['--kind', 'magic'], 'unknown kind "magic"'],
    [['--kind', 'gatway'], 'ccenv: unknown kind "gatway"; did you mean gateway?\n'],
    [['--kind', 'bedrock', '--region', 'us-east-1', '--access-key-id', 'AKIAFAKE1234'], "'AKIAFAKE1234' is not an AWS access key id (16 to 128 capital letters and digits; this has 12)"],
    [['--kind', 'gateway', '--secret-stdin'], 'a gateway needs --base-url URL'],
    [['--kind', 'bedrock', '--aws-profile', 'corp'], 'needs --region'],
    [['--kind', 'vertex', '--region', 'us-east5', '--secret-stdin'], '--project-id'],
    [['--kind', 'api-key', '--region', 'us-east-1', '--secret-stdin'], '--region does not apply'],
    [['--kind', 'api-key', '--env', 'ANTHROPIC_BASE_URL=http://x', '--secret-stdin'], '--env ANTHROPIC_BASE_URL is refused'],
    [['--kind', 'bedrock', '--region', 'us-east-1', '--aws-profile', 'corp', '--secret-stdin'], 'takes no secret'],
  ])('%j', async (flags, message) => {
    const run = await ccenv(box, ['add', 'p', ...flags], { input: 'some-secret-value' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(message);
    expect((await listJson()).map((p) => p.name)).toEqual(['subscription']);
  });

  it('an empty secret on standard input', async () => {
    const run = await ccenv(box, ['add', 'p', '--kind', 'api-key', '--secret-stdin'], { input: '\n' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('the API key (sk-ant-api03-...) is empty');
  });

  it('a config that does not parse is named with line and column, and no command rewrites it', async () => {
    mkdirSync(box.configDir, { recursive: true });
    const file = join(box.configDir, 'config.json');
    const broken = '{\n  "version": 1,\n  "profiles": {\n    "a": { "kind": "api-key" },\n  }\n}\n';
    writeFileSync(file, broken);
    const runs = [
      await ccenv(box, ['list']),
      await ccenv(box, ['add', 'x', '--kind', 'subscription']),
      await ccenv(box, ['use', '--global', 'subscription']),
      await ccenv(box, ['remove', 'a', '--yes']),
      await ccenv(box, ['rename', 'a', 'b']),
      await ccenv(box, ['edit', 'a', '--model', 'm']),
    ];
    for (const run of runs) {
      expect(run.exitCode).not.toBe(0);
      expect(run.stderr).toContain(`${file}:4:31: invalid JSON: trailing comma`);
    }
    expect(readFileSync(file, 'utf8')).toBe(broken);
  });

  it('the file backend with a wrong passphrase says so and changes nothing', async () => {
    await ccenv(box, ['add', 'work', '--kind', 'api-key', '--secret-stdin'], { input: KEY });
    const secretsFile = join(box.dataDir, 'secrets.enc');
    const configFile = join(box.configDir, 'config.json');
    const before = [readFileSync(secretsFile), readFileSync(configFile)];
    const wrong = { CCENV_FILE_PASSPHRASE: 'not the passphrase' };
    const runs = [
      await ccenv(box, ['show', 'work'], { env: wrong }),
      await ccenv(box, ['add', 'w2', '--kind', 'api-key', '--secret-stdin'], { env: wrong, input: 'another-secret-1' }),
      await ccenv(box, ['remove', 'work', '--yes'], { env: wrong }),
    ];
    for (const run of runs) {
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('wrong passphrase');
    }
    expect(readFileSync(secretsFile).equals(before[0]!)).toBe(true);
    expect(readFileSync(configFile).equals(before[1]!)).toBe(true);
    expectNoLeak(runs);
  });

  it('the file backend with no terminal and no passphrase names CCENV_FILE_PASSPHRASE', async () => {
    const run = await execa(process.execPath, [CCENV, 'add', 'fa', '--kind', 'api-key', '--secret-stdin'], {
      env: { ...box.env, CCENV_FILE_PASSPHRASE: '' },
      extendEnv: false,
      reject: false,
      cwd: box.home,
      input: KEY,
      detached: true, // no controlling terminal: /dev/tty cannot be opened
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      'ccenv: asking for the new passphrase for the ccenv secrets file needs a terminal, and there is none\n' +
        'ccenv: run it in a terminal, or set CCENV_FILE_PASSPHRASE (at least 8 characters)',
    );
  });

  it('remove with no name says so and names the profiles there are', async () => {
    expect((await ccenv(box, ['add', 'work', '--kind', 'api-key', '--secret-stdin'], { input: KEY })).exitCode).toBe(0);
    const run = await ccenv(box, ['remove']);
    expect([run.exitCode, run.stderr]).toEqual([2, 'ccenv: remove needs a profile name\nccenv: profiles: work (see: ccenv list)']);
    const none = await ccenv(box, ['rm'], { env: { XDG_CONFIG_HOME: join(box.home, 'empty') } });
    expect([none.exitCode, none.stderr]).toEqual([2, 'ccenv: remove needs a profile name\nccenv: there is no profile to remove (see: ccenv list)']);
  });

  it('an unknown backend is refused', async () => {
    const run = await ccenv(box, ['add', 'w', '--kind', 'api-key', '--secret-stdin'], { env: { CCENV_BACKEND: 'plaintext' }, input: KEY });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('CCENV_BACKEND="plaintext" is not a backend');
  });
});

describe('managing profiles', () => {
  beforeEach(async () => {
    const add = await ccenv(box, ['add', 'work', '--kind', 'api-key', '--secret-stdin', '--model', 'm1'], { input: KEY });
    expect(add.exitCode).toBe(0);
  });

  it('edit changes fields, unsets them, and rotates the secret', async () => {
    expect((await ccenv(box, ['edit', 'work', '--base-url', 'https://api.example.com', '--env', 'A=1', '--unset', 'model'])).exitCode).toBe(0);
    let shown = JSON.parse((await ccenv(box, ['show', 'work', '--json'])).stdout);
    expect(shown).toMatchObject({ baseUrl: 'https://api.example.com', env: { A: '1' } });
    expect(shown.model).toBeUndefined();
    const rotated = 'sk-ant-api03-ROTATED-secret-value-99';
    expect((await ccenv(box, ['edit', 'work', '--secret-stdin'], { input: rotated })).exitCode).toBe(0);
    shown = JSON.parse((await ccenv(box, ['show', 'work', '--json'])).stdout);
    expect(shown.secret.masked).toContain(`(${rotated.length} chars)`);
    const nothing = await ccenv(box, ['edit', 'work']);
    expect(nothing.exitCode).toBe(2);
    expect(nothing.stderr).toContain('nothing to change');
  });

  it('edit refuses a change that leaves the profile incomplete, and keeps the old one', async () => {
    const run = await ccenv(box, ['edit', 'work', '--base-url', 'ftp://x']);
    expect(run.exitCode).toBe(2);
    expect(JSON.parse((await ccenv(box, ['show', 'work', '--json'])).stdout).baseUrl).toBeUndefined();
  });

  it('switching a bedrock profile from access keys to an AWS profile drops the stored secret', async () => {
    await ccenv(box, ['add', 'bk', '--kind', 'bedrock', '--region', 'us-east-1', '--access-key-id', 'AKIAIOSFODNN7EXAMPLE', '--secret-stdin'], { input: 'aws-secret-key-value-1' });
    const run = await ccenv(box, ['edit', 'bk', '--unset', 'access-key-id', '--aws-profile', 'corp']);
    expect(run.exitCode).toBe(0);
    const shown = JSON.parse((await ccenv(box, ['show', 'bk', '--json'])).stdout);
    expect(shown).toMatchObject({ awsProfile: 'corp', secret: null });
    // Back to keys: a new secret is required.
    const back = await ccenv(box, ['edit', 'bk', '--unset', 'aws-profile', '--access-key-id', 'AKIAIOSFODNN7EXAMPLE']);
    expect(back.exitCode).toBe(2);
    expect(back.stderr).toContain('needs an AWS secret access key');
  });

  it('rename moves the secret and the default; the old name is gone', async () => {
    await ccenv(box, ['use', '--global', 'work']);
    expect((await ccenv(box, ['rename', 'work', 'team'])).exitCode).toBe(0);
    const list = await listJson();
    expect(list.find((p) => p.name === 'team')).toMatchObject({ default: true });
    expect(list.find((p) => p.name === 'work')).toBeUndefined();
    expect(JSON.parse((await ccenv(box, ['show', 'team', '--json'])).stdout).secret).toMatchObject({ stored: true });
    const clash = await ccenv(box, ['rename', 'team', 'subscription']);
    expect(clash.exitCode).toBe(2);
  });

  it('remove asks for --yes in a script, then removes the profile, its secret and the default', async () => {
    await ccenv(box, ['use', '--global', 'work']);
    const refused = await ccenv(box, ['remove', 'work']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect((await ccenv(box, ['remove', 'work', '--yes'])).exitCode).toBe(0);
    expect((await listJson()).map((p) => p.name)).toEqual(['subscription']);
    // The secret went with it: a new profile of the same name starts without one.
    await ccenv(box, ['add', 'work', '--kind', 'subscription']);
    expect(JSON.parse((await ccenv(box, ['show', 'work', '--json'])).stdout).secret).toBeNull();
    const raw = readFileSync(join(box.configDir, 'config.json'), 'utf8');
    expect(JSON.parse(raw).default).toBeUndefined();
  });

  it('the built-in profile cannot be removed or renamed, and unknown names say what exists', async () => {
    expect((await ccenv(box, ['remove', 'subscription', '--yes'])).stderr).toContain('built-in profile');
    const unknown = await ccenv(box, ['show', 'nope']);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain('no profile named nope');
    expect(unknown.stderr).toContain('subscription, work');
  });

  it('config and secrets files are private', async () => {
    expect(statSync(join(box.configDir, 'config.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(box.dataDir, 'secrets.enc')).mode & 0o777).toBe(0o600);
  });
});

describe('concurrent writers', () => {
  it('20 ccenv add at once: all 20 profiles exist and the config parses', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `p${i}`);
    const runs = await Promise.all(
      names.map((name) => ccenv(box, ['add', name, '--kind', 'api-key', '--secret-stdin'], { input: `secret-for-${name}-xyz` })),
    );
    for (const run of runs) expect(run.stderr).toMatch(/^ccenv: added/m);
    const list = await listJson();
    expect(list.map((p) => p.name).sort()).toEqual(['subscription', ...names].sort());
    for (const name of ['p0', 'p7', 'p19']) {
      const shown = JSON.parse((await ccenv(box, ['show', name, '--json'])).stdout);
      expect(shown.secret.masked).toContain(`(${`secret-for-${name}-xyz`.length} chars)`);
    }
  }, 120_000);
});

describe('a mistyped profile name gets a "did you mean"', () => {
  it.each([
    ['use (the cc function)', ['use', '--shell', 'bash', 'work-apii']],
    ['use --global', ['use', '--global', 'work-apii']],
    ['use --local', ['use', '--local', 'work-apii']],
    ['@NAME', ['@work-apii', '-p', 'x']],
    ['show', ['show', 'work-apii']],
    ['edit', ['edit', 'work-apii', '--model', 'm']],
    ['remove', ['remove', 'work-apii', '--yes']],
    ['rename', ['rename', 'work-apii', 'other']],
    ['doctor @NAME', ['doctor', '@work-apii']],
    ['env @NAME', ['env', '@work-apii']],
  ])('%s', async (_where, args) => {
    expect((await ccenv(box, ['add', 'work-api', '--kind', 'bedrock', '--region', 'us-east-1'])).exitCode).toBe(0);
    const run = await ccenv(box, args, { env: { PATH: '/usr/bin:/bin' } });
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toContain('ccenv: no profile named work-apii; did you mean work-api?\n');
    expect(run.stderr).not.toContain('ccenv add work-apii');
  });

  it('CCENV_PROFILE and a .ccprofile naming a missing profile', async () => {
    expect((await ccenv(box, ['add', 'work-api', '--kind', 'bedrock', '--region', 'us-east-1'])).exitCode).toBe(0);
    const fromEnv = await ccenv(box, ['env'], { env: { CCENV_PROFILE: 'wrok-api' } });
    expect(fromEnv.stderr).toContain('no profile named wrok-api; did you mean work-api? (named by CCENV_PROFILE (cc use))');
    mkdirSync(join(box.home, 'proj'));
    writeFileSync(join(box.home, 'proj', '.ccprofile'), 'work-apii\n');
    const allow = await ccenv(box, ['allow', 'proj']);
    expect(allow.stderr).toContain('ccenv: work-apii is not a profile yet; did you mean work-api?');
    const run = await ccenv(box, ['env'], { cwd: join(box.home, 'proj') });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('ccenv: ~/proj/.ccprofile names work-apii, which is not a profile; did you mean work-api?\n');
  });

  it('a name like no profile still lists them and says how to add it', async () => {
    const run = await ccenv(box, ['show', 'zzz']);
    expect(run.stderr).toBe('ccenv: no profile named zzz\nccenv: profiles: subscription; add one with: ccenv add zzz --kind KIND');
  });
});
