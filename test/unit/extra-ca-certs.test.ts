/** NODE_EXTRA_CA_CERTS handed back from the stand-in name the shell's cc and ccenv-wrap use. */
import { describe, expect, it } from 'vitest';
import { handBackExtraCaCerts } from '../../src/launch/extra-ca-certs.js';

describe('handBackExtraCaCerts', () => {
  it.each([
    ['nothing handed over: unchanged', { NODE_EXTRA_CA_CERTS: '/ca.pem' }, { NODE_EXTRA_CA_CERTS: '/ca.pem' }],
    ['nothing at all', {}, {}],
    ['handed over, the variable emptied (as cc does)', { NODE_EXTRA_CA_CERTS: '', CCENV_NODE_EXTRA_CA_CERTS: '/ca.pem' }, { NODE_EXTRA_CA_CERTS: '/ca.pem' }],
    ['handed over, the variable unset', { CCENV_NODE_EXTRA_CA_CERTS: '/ca.pem' }, { NODE_EXTRA_CA_CERTS: '/ca.pem' }],
    ['a value set in the variable itself stands', { NODE_EXTRA_CA_CERTS: '/mine.pem', CCENV_NODE_EXTRA_CA_CERTS: '/ca.pem' }, { NODE_EXTRA_CA_CERTS: '/mine.pem' }],
    ['an empty value handed over: the stand-in still goes', { NODE_EXTRA_CA_CERTS: '', CCENV_NODE_EXTRA_CA_CERTS: '' }, { NODE_EXTRA_CA_CERTS: '' }],
  ])('%s', (_what, before: NodeJS.ProcessEnv, after: NodeJS.ProcessEnv) => {
    const env = { PATH: '/bin', ...before };
    handBackExtraCaCerts(env);
    expect(env).toEqual({ PATH: '/bin', ...after });
  });
});
