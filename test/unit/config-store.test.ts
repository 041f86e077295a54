import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineColumn, parseConfig, readConfig, updateConfig } from '../../src/profiles/store.js';
import { scratchDir } from '../helpers/scratch.js';

describe('line and column of an offset', () => {
  it.each([
    ['abc', 0, 1, 1],
    ['abc', 2, 1, 3],
    ['a\nbc', 2, 2, 1],
    ['a\nbc\n\nd', 6, 4, 1],
  ])('%j at %i is %i:%i', (text, offset, line, column) => {
    expect(lineColumn(text, offset)).toEqual({ line, column });
  });
});

describe('a config that does not parse', () => {
  it.each([
    ['a trailing comma', '{\n  "version": 1,\n  "profiles": {},\n}\n', 'config.json:3:17: invalid JSON: trailing comma'],
    ['two trailing commas', '{\n  "version": 1,\n  "profiles": {"a": {"kind": "api-key",},},\n}\n', 'config.json:3:39: invalid JSON: trailing comma at 3:39, trailing comma at 3:41, trailing comma at 3:43'],
    ['a missing quote', '{\n  "version": 1,\n  "profiles": { work: {} }\n}\n', 'config.json:3:17'],
    ['a cut-off file', '{\n  "profiles": {\n', 'config.json:3:1'],
    ['a comment', '// hi\n{}', 'config.json:1:1'],
  ])('%s is reported with file, line and column', async (_, text, where) => {
    await expect(parseConfig(text, '/x/config.json')).rejects.toThrow(where);
  });
  it.each([
    ['an array', '[]', 'expected a JSON object'],
    ['an unknown kind', '{"profiles":{"w":{"kind":"magic"}}}', 'profile "w" has unknown kind "magic"'],
    ['a number for a string', '{"profiles":{"w":{"kind":"api-key","baseUrl":3}}}', '"baseUrl" has the wrong type'],
    ['an unknown version', '{"version":2,"profiles":{}}', 'unknown version 2'],
    ['an unknown backend', '{"backend":"cloud","profiles":{}}', '"backend" must be one of'],
  ])('%s is refused with what is wrong', async (_, text, message) => {
    await expect(parseConfig(text, '/x/config.json')).rejects.toThrow(message);
  });
});

describe('updating the config', () => {
  it('never writes over a file it could not parse', async () => {
    const dir = scratchDir('ccenv-store');
    const file = join(dir, 'config.json');
    const broken = '{\n  "profiles": {\n    "a": {"kind": "api-key"},\n  }\n}\n';
    writeFileSync(file, broken);
    let called = false;
    await expect(
      updateConfig({ CCENV_CONFIG_DIR: dir }, () => {
        called = true;
      }),
    ).rejects.toThrow(`${file}:3:29: invalid JSON: trailing comma`);
    expect(called).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(broken);
  });

  it('writes what the change made, keeping what it did not know', async () => {
    const dir = scratchDir('ccenv-store');
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ version: 1, futureKey: { a: 1 }, profiles: {} }));
    await updateConfig({ CCENV_CONFIG_DIR: dir }, (config) => {
      config.profiles.w = { kind: 'api-key', hasSecret: true };
      config.default = 'w';
    });
    const config = await readConfig({ CCENV_CONFIG_DIR: dir });
    expect(config.profiles.w).toEqual({ kind: 'api-key', hasSecret: true });
    expect(config.default).toBe('w');
    expect((config as unknown as Record<string, unknown>).futureKey).toEqual({ a: 1 });
  });

  it('a change that throws writes nothing', async () => {
    const dir = scratchDir('ccenv-store');
    const text = JSON.stringify({ version: 1, profiles: { a: { kind: 'subscription' } } });
    writeFileSync(join(dir, 'config.json'), text);
    await expect(
      updateConfig({ CCENV_CONFIG_DIR: dir }, (config) => {
        delete config.profiles.a;
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(text);
  });
});
