/** Adding and removing profiles at a real terminal (tmux): prompts, hidden secrets, confirmation. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CCENV, ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import { requirement } from '../helpers/requirements.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';
import { terminal, type Terminal } from '../helpers/terminal.js';

const KEY = 'sk-ant-api03-TYPED-at-the-terminal-55aa';
const AWS = 'wJalrXUtnFEMI/K7MDENG/TYPEDbyHAND00KEY';

describe('profiles at a terminal', () => {
  if (!requirement('tmux', has('tmux'), HOW_TO_GET)) return;
  let box: Sandbox;
  let term: Terminal;
  beforeEach(() => {
    box = sandbox({ PATH: '/usr/bin:/bin' });
    term = terminal(box);
  });
  afterEach(async () => {
    await term.close();
    box.cleanup();
  });

  const show = async (name: string) => JSON.parse((await ccenv(box, ['show', name, '--json'])).stdout);

  it('add with no arguments asks for everything, and the secret is never shown', async () => {
    await term.start(`node ${CCENV} add`);
    await term.waitFor('Profile name');
    await term.keys('work-api', 'Enter');
    await term.waitFor('Kind');
    await term.keys('Down', 'Enter'); // subscription, then api-key
    await term.waitFor('Base URL');
    await term.keys('Enter');
    await term.waitFor('API key (sk-ant-api03-...) for work-api (hidden)');
    await term.keys('-l', KEY);
    await term.keys('Enter');
    const screen = await term.waitFor('exit=0');
    expect(screen).toContain('added work-api (api-key, secret in the encrypted file');
    expect(screen).not.toContain(KEY);
    expect(screen).not.toContain(KEY.slice(10, 30));
    expect(await show('work-api')).toMatchObject({ kind: 'api-key', secret: { stored: true, masked: expect.stringContaining(`(${KEY.length} chars)`) } });
  });

  it.each([
    ['bk --kind bedrock --access-key-id BAD', '--access-key-id: \'BAD\' is not an AWS access key id', 'AWS region'],
    ['--base-url notaurl', "--base-url: 'notaurl' is not an http(s) URL", 'Profile name'],
    ['k --kind api-key --region us-east-1', '--region does not apply to an api-key profile', 'Base URL'],
  ])('add %s on a terminal reports the bad flag before asking anything', async (args, problem, question) => {
    await term.start(`node ${CCENV} add ${args}`);
    const screen = await term.waitFor('exit=2');
    expect(screen).toContain(problem);
    expect(screen).not.toContain(question);
  });

  it('add with a name and kind asks only for what that kind needs', async () => {
    await term.start(`node ${CCENV} add bk --kind bedrock`);
    await term.waitFor('AWS region');
    await term.keys('eu-west-1', 'Enter');
    await term.waitFor('How does it authenticate?');
    await term.keys('Down', 'Enter'); // an AWS profile, then access keys
    await term.waitFor('Access key id');
    await term.keys('AKIAIOSFODNN7EXAMPLE', 'Enter');
    await term.waitFor('AWS secret access key for bk (hidden)');
    await term.keys('-l', AWS);
    await term.keys('Enter');
    const screen = await term.waitFor('exit=0');
    expect(screen).not.toContain(AWS);
    expect(await show('bk')).toMatchObject({ kind: 'bedrock', region: 'eu-west-1', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secret: { stored: true } });
  });

  it('--secret-stdin at a terminal asks with hidden input instead of reading what is typed in the clear', async () => {
    await term.start(`node ${CCENV} add work --kind api-key --secret-stdin`);
    await term.waitFor('API key (sk-ant-api03-...) for work (hidden)');
    await term.keys('-l', KEY);
    await term.keys('Enter');
    const screen = await term.waitFor('exit=0');
    expect(screen).not.toContain(KEY);
    expect(screen).not.toContain(KEY.slice(10, 30));
    expect(await show('work')).toMatchObject({ secret: { stored: true, masked: expect.stringContaining(`(${KEY.length} chars)`) } });
  });

  it('a bad value typed at a prompt is refused there, and asked again', async () => {
    await term.start(`node ${CCENV} add`);
    await term.waitFor('Profile name');
    await term.keys('bad name', 'Enter');
    await term.waitFor('letters, digits');
    await term.keys('C-u', 'good', 'Enter');
    await term.waitFor('Kind');
    await term.keys('Enter'); // subscription
    await term.waitFor('Config directory');
    await term.keys('Enter');
    await term.waitFor('exit=0');
    expect(await show('good')).toMatchObject({ kind: 'subscription' });
  });

  it('remove asks before removing; no keeps the profile, yes removes it', async () => {
    expect((await ccenv(box, ['add', 'old', '--kind', 'api-key', '--secret-stdin'], { input: KEY })).exitCode).toBe(0);
    await term.start(`node ${CCENV} remove old`);
    await term.waitFor('Remove profile old and its secret?');
    await term.keys('n', 'Enter');
    await term.waitFor('exit=1');
    expect(await show('old')).toMatchObject({ name: 'old' });
    await term.start(`node ${CCENV} remove old`);
    await term.waitFor('Remove profile old and its secret?');
    await term.keys('y', 'Enter');
    await term.waitFor('exit=0');
    expect((await ccenv(box, ['show', 'old'])).exitCode).toBe(1);
  });

  it('the file backend asks for a new passphrase twice, and the file opens with it', async () => {
    const noPassphrase = { ...box.env };
    delete (noPassphrase as Record<string, string | undefined>).CCENV_FILE_PASSPHRASE;
    box.env = noPassphrase;
    term = terminal(box);
    await term.start(`printf %s '${KEY}' | node ${CCENV} add work --kind api-key --secret-stdin`);
    await term.waitFor('New passphrase for the ccenv secrets file');
    await term.keys('-l', 'typed passphrase 1');
    await term.keys('Enter');
    await term.waitFor('The same passphrase again');
    await term.keys('-l', 'typed passphrase 1');
    await term.keys('Enter');
    const screen = await term.waitFor('exit=0');
    expect(screen).not.toContain('typed passphrase 1');
    const sealed = readFileSync(join(box.dataDir, 'secrets.enc'), 'utf8');
    expect(sealed).not.toContain(KEY);
    const shown = await ccenv(box, ['show', 'work', '--json'], { env: { CCENV_FILE_PASSPHRASE: 'typed passphrase 1' } });
    expect(JSON.parse(shown.stdout).secret).toMatchObject({ stored: true });
  });
});
