/**
 * A command context for in-process tests of the commands that write profiles and secrets:
 * a temporary config directory, a secret store handed in (memory, or a file store), and
 * output collected instead of printed.
 */
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Context } from '../../src/context.js';
import type { SecretStore } from '../../src/secrets/store.js';
import { removeScratch, scratchDir } from './scratch.js';

export interface StoreWorld {
  ctx: Context;
  dir: string;
  out: string[];
  err: string[];
  /** A context that reads `input` from standard input, for --secret-stdin. */
  withInput(input: string): Context;
  cleanup(): void;
}

export function storeWorld(store: SecretStore, env: Record<string, string> = {}): StoreWorld {
  const dir = scratchDir('ccenv-store');
  const out: string[] = [];
  const err: string[] = [];
  const make = (input: string): Context => ({
    env: { HOME: dir, CCENV_CONFIG_DIR: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data'), ...env },
    cwd: dir,
    io: { out: (t) => void out.push(t), err: (t) => void err.push(t) },
    stdin: Readable.from([Buffer.from(input)]),
    interactive: false,
    secrets: async () => store,
  });
  return {
    ctx: make(''),
    dir,
    out,
    err,
    withInput: make,
    cleanup: () => removeScratch(dir),
  };
}
