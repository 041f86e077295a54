/** Which `env` entries of a profile redirect or expose its traffic, or load code at each launch. */
import { describe, expect, it } from 'vitest';
import { envRisk } from '../../src/profiles/env-risks.js';

describe('envRisk', () => {
  it.each([
    ['HTTPS_PROXY', 'proxy'],
    ['https_proxy', 'proxy'],
    ['HTTP_PROXY', 'proxy'],
    ['http_proxy', 'proxy'],
    ['ALL_PROXY', 'proxy'],
    ['all_proxy', 'proxy'],
    ['NODE_TLS_REJECT_UNAUTHORIZED', 'tls'],
    ['NODE_EXTRA_CA_CERTS', 'tls'],
    ['SSL_CERT_FILE', 'tls'],
    ['SSL_CERT_DIR', 'tls'],
    ['LD_PRELOAD', 'loader'],
    ['LD_LIBRARY_PATH', 'loader'],
    ['LD_AUDIT', 'loader'],
    ['DYLD_INSERT_LIBRARIES', 'loader'],
    ['DYLD_LIBRARY_PATH', 'loader'],
    ['NODE_OPTIONS', 'loader'],
    ['BASH_ENV', 'loader'],
    ['ENV', 'loader'],
    ['API_TIMEOUT_MS', undefined],
    ['NO_PROXY', undefined],
    ['HTTPS_PROXY_NOTE', undefined],
    ['OLD_PRELOAD', undefined],
    ['node_options', undefined],
    ['ENVIRONMENT', undefined],
  ])('%s: %s', (variable, risk) => {
    const found = envRisk(variable);
    expect(found?.risk).toBe(risk);
    if (found) expect(found.reason.length).toBeGreaterThan(10);
  });
});
