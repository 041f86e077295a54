/**
 * kill -9 in the middle of add, edit, remove and rename, at each step between the config
 * write and the secret write (CCENV_TEST_PAUSE stops the process there): no secret is ever
 * lost, and what is left over is named by the next write and by doctor, with a fix.
 */
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CCENV, ccenv, sandbox, type Sandbox } from '../helpers/cli.js';

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

const KEY = 'sk-ant-api03-INTERRUPTED-secret-value-0042';

/** Runs ccenv until it reaches `step`, then kills it with SIGKILL. */
async function killAt(step: string, args: string[], input = ''): Promise<void> {
  const child = execa(process.execPath, [CCENV, ...args], {
    env: { ...box.env, CCENV_TEST_PAUSE: step },
    extendEnv: false,
    reject: false,
    cwd: box.home,
    input,
  });
  let said = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes(`ccenv: paused at ${step}`)) resolve();
    });
    void child.then(() => reject(new Error(`ccenv ${args.join(' ')} ended before ${step}: ${said}`)));
  });
  child.kill('SIGKILL');
  expect((await child).signal).toBe('SIGKILL');
}

async function orphanFindings(): Promise<{ id: string; what: string; fix: string }[]> {
  const run = await ccenv(box, ['doctor', '--json']);
  return (JSON.parse(run.stdout).findings as { id: string; what: string; fix: string }[]).filter((f) => f.id === 'backend.orphan-secret');
}

async function secretOf(name: string): Promise<{ stored: boolean; masked?: string } | null> {
  const run = await ccenv(box, ['show', name, '--json']);
  expect(run.exitCode, run.stderr).toBe(0);
  return JSON.parse(run.stdout).secret;
}

async function addWork(): Promise<void> {
  expect((await ccenv(box, ['add', 'work', '--kind', 'api-key', '--secret-stdin'], { input: KEY })).exitCode).toBe(0);
}

// Each case runs ccenv eight to ten times: minutes on a loaded machine.
describe('a write killed half way', { timeout: 180_000 }, () => {
  it('add, after the secret: the secret waits under its name, and add without --secret-stdin re-attaches it', async () => {
    await killAt('secret-stored', ['add', 'work', '--kind', 'api-key', '--secret-stdin'], KEY);
    expect((await ccenv(box, ['show', 'work'])).exitCode).toBe(1);
    const [orphan, ...more] = await orphanFindings();
    expect(more).toEqual([]);
    expect(orphan!.what).toMatch(/holds a secret under work, which no profile holds$/);
    expect(orphan!.fix).toContain('ccenv add work --kind KIND');
    const readd = await ccenv(box, ['add', 'work', '--kind', 'api-key']);
    expect(readd.exitCode).toBe(0);
    expect(readd.stderr).toContain('with the secret already stored under that name');
    expect(await secretOf('work')).toMatchObject({ stored: true, masked: expect.stringContaining(`(${KEY.length} chars)`) });
    expect(await orphanFindings()).toEqual([]);
  });

  it('add again with another secret over an orphan is refused, and the orphan kept', async () => {
    await killAt('secret-stored', ['add', 'work', '--kind', 'api-key', '--secret-stdin'], KEY);
    const other = await ccenv(box, ['add', 'work', '--kind', 'api-key', '--secret-stdin'], { input: 'sk-ant-api03-another-one-000' });
    expect(other.exitCode).toBe(1);
    expect(other.stderr).toContain('already holds another secret under work, which no profile holds');
    const same = await ccenv(box, ['add', 'work', '--kind', 'api-key', '--secret-stdin'], { input: KEY });
    expect(same.exitCode).toBe(0);
    expect(await secretOf('work')).toMatchObject({ stored: true });
  });

  it('remove, after the config: the secret outlives its profile; the next write says so, and remove --yes deletes it', async () => {
    await addWork();
    await killAt('config-written', ['remove', 'work', '--yes']);
    const next = await ccenv(box, ['add', 'other', '--kind', 'api-key', '--secret-stdin'], { input: `${KEY}-other` });
    expect(next.exitCode).toBe(0);
    expect(next.stderr).toContain('holds a secret that no profile holds: work (left by an interrupted command; see ccenv doctor)');
    expect((await orphanFindings()).map((f) => f.what)).toEqual([expect.stringContaining('under work, which no profile holds')]);
    const refused = await ccenv(box, ['remove', 'work']);
    expect(refused.exitCode).toBe(2);
    const gone = await ccenv(box, ['remove', 'work', '--yes']);
    expect(gone.exitCode).toBe(0);
    expect(gone.stderr).toContain('deleted the secret stored under work');
    expect(await orphanFindings()).toEqual([]);
    expect((await ccenv(box, ['remove', 'work', '--yes'])).stderr).toContain('no profile named work');
  });

  it.each([
    ['secret-copied', 'work', 'team'],
    ['config-written', 'team', 'work'],
  ])('rename, at %s: the profile %s keeps its secret, and a copy waits under %s', async (step, kept, copy) => {
    await addWork();
    await killAt(step, ['rename', 'work', 'team']);
    expect(await secretOf(kept)).toMatchObject({ stored: true, masked: expect.stringContaining(`(${KEY.length} chars)`) });
    expect((await ccenv(box, ['show', copy])).exitCode).toBe(1);
    expect((await orphanFindings()).map((f) => f.what)).toEqual([expect.stringContaining(`under ${copy}, which no profile holds`)]);
    expect((await ccenv(box, ['remove', copy, '--yes'])).exitCode).toBe(0);
    expect(await secretOf(kept)).toMatchObject({ stored: true });
  });

  it('edit, after the new secret: the profile holds the new secret', async () => {
    await addWork();
    const rotated = 'sk-ant-api03-ROTATED-0000000001';
    await killAt('secret-stored', ['edit', 'work', '--secret-stdin'], rotated);
    expect(await secretOf('work')).toMatchObject({ stored: true, masked: expect.stringContaining(`(${rotated.length} chars)`) });
    expect(await orphanFindings()).toEqual([]);
  });
});
