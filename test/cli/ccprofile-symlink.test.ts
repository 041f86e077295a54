/**
 * A `.ccprofile` is trusted where it is found: its directory resolved (a symlinked
 * directory is the same place), the file itself not. A `.ccprofile` that is a link needs
 * its own allow even when its target is allowed, an allow or a deny of it is about the
 * link, and messages say it is a link and to where.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';

let box: Sandbox;
const LINK = '~/evil/.ccprofile (a link to ~/a/.ccprofile)';

beforeEach(async () => {
  box = sandbox();
  mkdirSync(box.configDir, { recursive: true });
  writeFileSync(join(box.configDir, 'config.json'), JSON.stringify({ version: 1, profiles: { work: { kind: 'subscription' } } }));
  mkdirSync(join(box.home, 'a'));
  mkdirSync(join(box.home, 'evil'));
  expect((await ccenv(box, ['use', '--local', 'work'], { cwd: join(box.home, 'a') })).exitCode).toBe(0);
  symlinkSync('../a/.ccprofile', join(box.home, 'evil', '.ccprofile'));
});
afterEach(() => box.cleanup());

const status = (dir: string) => ccenv(box, ['status', '--json'], { cwd: join(box.home, dir), env: { PWD: join(box.home, dir) } });

describe('a .ccprofile that is a link to an allowed file', () => {
  it('is not allowed by its target: it needs its own allow, and the message says it is a link', async () => {
    const run = await status('evil');
    expect(run.exitCode, run.stdout).not.toBe(0);
    expect(run.stderr).toContain(`${LINK} is not allowed`);
    expect(run.stderr).toContain('ccenv allow ~/evil/.ccprofile');
  });

  it('the hook says it is not allowed, naming the link', async () => {
    const run = await ccenv(box, ['hook', 'bash', '--scope', join(box.home, 'evil', '.ccprofile')]);
    expect(run.stdout).toBe('unset CCENV_DIR_PROFILE');
    expect(run.stderr).toContain(`${LINK} is not allowed`);
  });

  it('deny there denies the link, not the target', async () => {
    const deny = await ccenv(box, ['deny'], { cwd: join(box.home, 'evil') });
    expect(deny.exitCode, deny.stderr).toBe(0);
    expect(deny.stderr).toBe(`ccenv: denied ${LINK}; to trust it later: ccenv allow ~/evil/.ccprofile`);
    const own = await status('a');
    expect(own.exitCode, own.stderr).toBe(0);
    expect(JSON.parse(own.stdout)).toMatchObject({ profile: 'work', source: join(box.home, 'a', '.ccprofile') });
    const there = await status('evil');
    expect(there.exitCode, there.stderr).toBe(0);
    expect(JSON.parse(there.stdout)).toMatchObject({ profile: 'subscription' });
    expect(there.stderr).toContain(`${LINK} is denied`);
  });

  it('allow there records the link, and then it is used, named as a link', async () => {
    const allow = await ccenv(box, ['allow'], { cwd: join(box.home, 'evil') });
    expect(allow.exitCode, allow.stderr).toBe(0);
    expect(allow.stderr).toBe(`ccenv: allowed ${LINK} (work)`);
    const dir = join(box.home, '.local', 'share', 'ccenv', 'trust', 'allow');
    const paths = readdirSync(dir).map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')).path);
    expect(paths.sort()).toEqual([join(box.home, 'a', '.ccprofile'), join(box.home, 'evil', '.ccprofile')]);
    const there = await status('evil');
    expect(there.exitCode, there.stderr).toBe(0);
    expect(JSON.parse(there.stdout)).toMatchObject({ profile: 'work', source: join(box.home, 'evil', '.ccprofile') });
    const hook = await ccenv(box, ['hook', 'bash', '--scope', join(box.home, 'evil', '.ccprofile')]);
    expect(hook.stderr).toBe('ccenv: work (from ~/evil/.ccprofile, a link to ~/a/.ccprofile)');
  });

  it('escapes the target in messages', async () => {
    mkdirSync(join(box.home, 'b\x1b[31m'));
    writeFileSync(join(box.home, 'b\x1b[31m', 'f'), 'work');
    symlinkSync(join(box.home, 'b\x1b[31m', 'f'), join(box.home, 'evil', 'x'));
    const run = await ccenv(box, ['allow', join(box.home, 'evil', 'x')]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('\x1b');
    expect(run.stderr).toContain('(a link to ~/b');
  });
});

describe('a .ccprofile that is a link to some other file', () => {
  it("never prints what the target holds: not when it is not allowed, malformed, allowed, or names no profile", async () => {
    writeFileSync(join(box.home, 'token'), 'hunter2\n');
    writeFileSync(join(box.home, 'two'), 'hunter2\nsecond line\n');
    for (const target of ['token', 'two']) {
      rmSync(join(box.home, 'evil', '.ccprofile'));
      symlinkSync(`../${target}`, join(box.home, 'evil', '.ccprofile'));
      const runs = [await status('evil'), await ccenv(box, ['hook', 'bash', '--scope', join(box.home, 'evil', '.ccprofile')]), await ccenv(box, ['allow'], { cwd: join(box.home, 'evil') }), await status('evil')];
      for (const run of runs) {
        expect(run.stdout + run.stderr).not.toContain('hunter2');
        expect(run.stdout + run.stderr).not.toContain('second');
      }
      expect(runs[0]!.stderr).toContain(`~/evil/.ccprofile (a link to ~/${target})`);
    }
  });
});

describe('a .ccprofile under a symlinked directory', () => {
  it('is the same file whichever way it is reached', async () => {
    mkdirSync(join(box.home, 'data', 'src', 'p'), { recursive: true });
    symlinkSync(join(box.home, 'data', 'src'), join(box.home, 'src'));
    writeFileSync(join(box.home, 'src', 'p', '.ccprofile'), 'work');
    const allow = await ccenv(box, ['allow'], { cwd: join(box.home, 'src', 'p'), env: { PWD: join(box.home, 'src', 'p') } });
    expect(allow.exitCode, allow.stderr).toBe(0);
    expect(allow.stderr).toBe('ccenv: allowed ~/src/p/.ccprofile (work)');
    for (const dir of ['src/p', 'data/src/p']) {
      const run = await status(dir);
      expect(run.exitCode, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ profile: 'work' });
    }
  });
});
