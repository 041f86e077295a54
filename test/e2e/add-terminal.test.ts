/** Adding and removing profiles at a real terminal (tmux): prompts, hidden secrets, confirmation. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CCENV, ccenv } from '../helpers/cli.js';
import { requirement } from '../helpers/requirements.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';
import { terminalEachTest } from '../helpers/terminal.js';

const KEY = 'sk-ant-api03-TYPED-at-the-terminal-55aa';
const AWS = 'wJalrXUtnFEMI/K7MDENG/TYPEDbyHAND00KEY';

describe('profiles at a terminal', () => {
  if (!requirement('tmux', has('tmux'), HOW_TO_GET)) return;
  const t = terminalEachTest({ PATH: '/usr/bin:/bin' });

  const show = async (name: string) => JSON.parse((await ccenv(t.box, ['show', name, '--json'])).stdout);

  it('add with no arguments asks for everything, and the secret is never shown', async () => {
    await t.term.start(`node ${CCENV} add`);
    await t.term.waitFor('Profile name');
    await t.term.keys('work-api', 'Enter');
    await t.term.waitFor('Kind');
    await t.term.keys('Down', 'Enter'); // subscription, then api-key
    await t.term.waitFor('Base URL');
    await t.term.keys('Enter');
    await t.term.waitFor('API key (sk-ant-api03-...) for work-api (hidden)');
    await t.term.keys('-l', KEY);
    await t.term.keys('Enter');
    const screen = await t.term.waitFor('exit=0');
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
    await t.term.start(`node ${CCENV} add ${args}`);
    const screen = await t.term.waitFor('exit=2');
    expect(screen).toContain(problem);
    expect(screen).not.toContain(question);
  });

  it('add with a name and kind asks only for what that kind needs', async () => {
    await t.term.start(`node ${CCENV} add bk --kind bedrock`);
    await t.term.waitFor('AWS region');
    await t.term.keys('eu-west-1', 'Enter');
    await t.term.waitFor('How does it authenticate?');
    await t.term.keys('Down', 'Enter'); // an AWS profile, then access keys
    await t.term.waitFor('Access key id');
    await t.term.keys('AKIAIOSFODNN7EXAMPLE', 'Enter');
    await t.term.waitFor('AWS secret access key for bk (hidden)');
    await t.term.keys('-l', AWS);
    await t.term.keys('Enter');
    const screen = await t.term.waitFor('exit=0');
    expect(screen).not.toContain(AWS);
    expect(await show('bk')).toMatchObject({ kind: 'bedrock', region: 'eu-west-1', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secret: { stored: true } });
  });

  it('--secret-stdin at a terminal asks with hidden input instead of reading what is typed in the clear', async () => {
    await t.term.start(`node ${CCENV} add work --kind api-key --secret-stdin`);
    await t.term.waitFor('API key (sk-ant-api03-...) for work (hidden)');
    await t.term.keys('-l', KEY);
    await t.term.keys('Enter');
    const screen = await t.term.waitFor('exit=0');
    expect(screen).not.toContain(KEY);
    expect(screen).not.toContain(KEY.slice(10, 30));
    expect(await show('work')).toMatchObject({ secret: { stored: true, masked: expect.stringContaining(`(${KEY.length} chars)`) } });
  });

  it('a bad value typed at a prompt is refused there, and asked again', async () => {
    await t.term.start(`node ${CCENV} add`);
    await t.term.waitFor('Profile name');
    await t.term.keys('bad name', 'Enter');
    await t.term.waitFor('letters, digits');
    await t.term.keys('C-u', 'good', 'Enter');
    await t.term.waitFor('Kind');
    await t.term.keys('Enter'); // subscription
    await t.term.waitFor('Config directory');
    await t.term.keys('Enter');
    await t.term.waitFor('exit=0');
    expect(await show('good')).toMatchObject({ kind: 'subscription' });
  });

  it('remove asks before removing; no keeps the profile, yes removes it', async () => {
    expect((await ccenv(t.box, ['add', 'old', '--kind', 'api-key', '--secret-stdin'], { input: KEY })).exitCode).toBe(0);
    await t.term.start(`node ${CCENV} remove old`);
    await t.term.waitFor('Remove profile old and its secret?');
    await t.term.keys('n', 'Enter');
    await t.term.waitFor('exit=1');
    expect(await show('old')).toMatchObject({ name: 'old' });
    await t.term.start(`node ${CCENV} remove old`);
    await t.term.waitFor('Remove profile old and its secret?');
    await t.term.keys('y', 'Enter');
    await t.term.waitFor('exit=0');
    expect((await ccenv(t.box, ['show', 'old'])).exitCode).toBe(1);
  });

  it('the file backend asks for a new passphrase twice, and the file opens with it', async () => {
    const noPassphrase = { ...t.box.env };
    delete (noPassphrase as Record<string, string | undefined>).CCENV_FILE_PASSPHRASE;
    t.box.env = noPassphrase;
    await t.term.start(`printf %s '${KEY}' | node ${CCENV} add work --kind api-key --secret-stdin`);
    await t.term.waitFor('New passphrase for the ccenv secrets file');
    await t.term.keys('-l', 'typed passphrase 1');
    await t.term.keys('Enter');
    await t.term.waitFor('The same passphrase again');
    await t.term.keys('-l', 'typed passphrase 1');
    await t.term.keys('Enter');
    const screen = await t.term.waitFor('exit=0');
    expect(screen).not.toContain('typed passphrase 1');
    const sealed = readFileSync(join(t.box.dataDir, 'secrets.enc'), 'utf8');
    expect(sealed).not.toContain(KEY);
    const shown = await ccenv(t.box, ['show', 'work', '--json'], { env: { CCENV_FILE_PASSPHRASE: 'typed passphrase 1' } });
    expect(JSON.parse(shown.stdout).secret).toMatchObject({ stored: true });
  });
});
