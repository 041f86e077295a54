import { describe, expect, it } from 'vitest';
import { parseSecretFrom, secretCommandProblem, secretFromProblem } from '../../src/profiles/secret-source.js';
import { sourceArgv, sourceSpelling } from '../../src/secrets/sources/reference.js';
import { sourceOutputProblem } from '../../src/secrets/sources/messages.js';
import { isProviderOwnUrl } from '../../src/claude/endpoints.js';
import { buildPlan } from '../../src/launch/plan.js';

describe('parseSecretFrom', () => {
  it.each([
    ['op://Team/Anthropic/credential', { type: 'op', reference: 'op://Team/Anthropic/credential' }],
    ['op://Team/Anthropic/section/credential', { type: 'op', reference: 'op://Team/Anthropic/section/credential' }],
    ['pass:work/anthropic', { type: 'pass', path: 'work/anthropic' }],
    ['env:ANTHROPIC_API_KEY', { type: 'env', variable: 'ANTHROPIC_API_KEY' }],
    ['op://Team', undefined],
    ['op://Team/Item', undefined],
    ['pass:', undefined],
    ['pass:-x', undefined],
    ['pass:../../etc/passwd', undefined],
    ['env:', undefined],
    ['env:1X', undefined],
    ['env:A-B', undefined],
    ['vault:kv/x', undefined],
    ['sk-ant-api03-abc', undefined],
  ])('%s', (value, expected) => expect(parseSecretFrom(value)).toEqual(expected));
});

describe('messages', () => {
  it.each([
    ['vault:kv/x', "'vault:kv/x' is not a source: op://VAULT/ITEM/FIELD, pass:PATH or env:VAR (any other program: --secret-command -- PROG ARGS)"],
    ['op://x', "'op://x' is not a 1Password reference: op://VAULT/ITEM/FIELD"],
    ['env:1', "'env:1' does not name a variable: env:VAR (like env:ANTHROPIC_API_KEY)"],
  ])('%s', (value, message) => expect(secretFromProblem(value)).toBe(message));

  it.each([
    [[], 'give the program after --: --secret-command -- PROG ARGS...'],
    [['vault', 'kv\nget'], 'control characters (newlines, tabs, ...) are not allowed in its words'],
    [['vault', 'kv', 'get'], undefined],
  ])('command %j', (argv, problem) => expect(secretCommandProblem(argv)).toBe(problem));

  it.each([
    ['', 'printed nothing'],
    ['  ', 'printed nothing'],
    ['a\nb', 'printed several lines (a secret is one line; ccenv takes off one trailing newline only)'],
    ['a\r', 'printed several lines (a secret is one line; ccenv takes off one trailing newline only)'],
    ['a\tb', 'printed a control character'],
    ['sk-ant-api03-x', undefined],
  ])('output %j', (text, problem) => expect(sourceOutputProblem(text)).toBe(problem));
});

describe('what a source runs and how it is named', () => {
  it.each([
    [{ type: 'op', reference: 'op://T/I/F' } as const, ['op', 'read', '--no-newline', 'op://T/I/F'], 'op://T/I/F'],
    [{ type: 'pass', path: 'work/key' } as const, ['pass', 'show', 'work/key'], 'pass:work/key'],
    [{ type: 'env', variable: 'K' } as const, undefined, 'env:K'],
    [{ type: 'command', argv: ['aws', 'secretsmanager', "it's"] } as const, ['aws', 'secretsmanager', "it's"], "command: aws secretsmanager 'it'\\''s'"],
  ])('%j', (source, argv, spelled) => {
    expect(sourceArgv(source)).toEqual(argv);
    expect(sourceSpelling(source)).toBe(spelled);
  });
});

describe("a base URL that is the provider's own (import says so loudly otherwise)", () => {
  it.each([
    ['api-key', 'https://api.anthropic.com', true],
    ['api-key', 'http://api.anthropic.com', false],
    ['api-key', 'https://api.anthropic.com.evil.example', false],
    ['bedrock', 'https://bedrock-runtime.us-east-1.amazonaws.com', true],
    ['bedrock', 'https://proxy.example/bedrock', false],
    ['vertex', 'https://us-east5-aiplatform.googleapis.com', true],
    ['foundry', 'https://my-resource.services.ai.azure.com/anthropic', true],
    ['gateway', 'https://api.anthropic.com', false],
    ['gateway', 'https://gw.example', false],
  ])('%s %s', (kind, url, own) => expect(isProviderOwnUrl(kind, url)).toBe(own));
});

describe('the plan of a launch whose secret comes from env:VAR', () => {
  const plan = (secretFrom: string, mode: 'claude' | 'exec', caller: Record<string, string>) =>
    buildPlan({ resolved: { name: 'ci', profile: { kind: 'api-key', secretFrom }, source: { from: 'argument' } }, caller, secret: 'sk-ant-api03-CI', mode, command: '/bin/claude', args: [] });

  it.each([
    ['env:CI_KEY', 'claude', { CI_KEY: 'sk-ant-api03-CI', HOME: '/h' }, [{ name: 'CI_KEY', reason: 'secret source' }]],
    ['env:CI_KEY', 'exec', { CI_KEY: 'sk-ant-api03-CI' }, [{ name: 'CI_KEY', reason: 'secret source' }]],
    ['env:ANTHROPIC_API_KEY', 'claude', { ANTHROPIC_API_KEY: 'sk-ant-api03-CI' }, [{ name: 'ANTHROPIC_API_KEY', reason: 'secret source' }]],
    ['pass:x', 'claude', { CI_KEY: 'kept' }, []],
  ] as const)('%s (%s): removed %j', (from, mode, caller, removed) => {
    const p = plan(from, mode, caller);
    expect(p.removed).toEqual(removed);
    // The variable the source read is not the user's provider choice: no "ignored" note.
    expect(p.ignoredNote).toBeUndefined();
  });

  it('exec: the secret is set under the kind variable', () => {
    expect(plan('env:ANTHROPIC_API_KEY', 'exec', { ANTHROPIC_API_KEY: 'sk-ant-api03-CI' }).set.ANTHROPIC_API_KEY).toBe('sk-ant-api03-CI');
  });
});
