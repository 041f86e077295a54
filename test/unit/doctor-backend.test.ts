import { describe, expect, it } from 'vitest';
import { backend } from '../../src/doctor/backend.js';
import type { DoctorInput } from '../../src/doctor/finding.js';
import { CcenvError } from '../../src/errors.js';
import { explain } from '../../src/secrets/keychain.js';
import { emptyConfig } from '../../src/profiles/store.js';
import type { Profile } from '../../src/profiles/types.js';

function lockedKeychain(profiles: [string, Profile][]): DoctorInput {
  const { reason, hint } = explain('Platform secure storage failure: the collection is locked (IsLocked)', 'unix:path=/run/user/1000/bus');
  return {
    env: { HOME: '/home/ann' },
    cwd: '/home/ann',
    home: '/home/ann',
    now: 0,
    config: { ...emptyConfig(), profiles: Object.fromEntries(profiles) },
    profiles,
    secrets: async () => {
      throw new CcenvError(`the keychain cannot be used: ${reason}`, { hint });
    },
    context: undefined as never,
  };
}

describe('doctor with the keychain locked', () => {
  it('names only the profiles whose secret is in the keychain, and says the file backend is for new secrets', async () => {
    const input = lockedKeychain([
      ['work-api', { kind: 'api-key', hasSecret: true, secretBackend: 'keychain' }],
      ['old-api', { kind: 'api-key', hasSecret: true }],
      ['fa', { kind: 'api-key', hasSecret: true, secretBackend: 'file' }],
      ['max', { kind: 'subscription' }],
    ]);
    const [finding, ...rest] = await backend.run(input);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ id: 'backend.unreachable', severity: 'error', why: 'profiles work-api, old-api cannot start' });
    expect(finding!.fix).toContain('for new secrets');
    expect(finding!.fix).toContain('work-api, old-api');
    expect(finding!.fix).toMatch(/stay in the keychain/);
  });

  it('is a warning when only file-backend profiles have a secret', async () => {
    const [finding] = await backend.run(lockedKeychain([['fa', { kind: 'api-key', hasSecret: true, secretBackend: 'file' }]]));
    expect(finding).toMatchObject({ id: 'backend.unreachable', severity: 'warning' });
  });
});
