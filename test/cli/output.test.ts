import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CCENV, sandbox, type Sandbox } from '../helpers/cli.js';

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

describe('standard output into a pipe', () => {
  it.each([['run', '--help'], ['list'], ['completion', 'bash'], ['hook', 'bash']])(
    'a reader that went away ends `ccenv %s` quietly, with no error',
    async (...args) => {
      // `true` has exited before ccenv writes: every write meets a closed pipe.
      const script = `{ sleep 0.3; node ${CCENV} "$@"; echo "ccenv=$?" >&2; } | true`;
      const run = await execa('bash', ['-c', script, 'bash', ...args], { env: box.env, extendEnv: false, reject: false });
      expect(run.stderr).toBe('ccenv=0');
    },
  );
});
