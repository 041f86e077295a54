/**
 * One free request (GET, no body) with a time limit. Redirects are not followed: a header
 * that carries a credential must not travel to another host. Error messages are not kept
 * as given, since a malformed secret can be quoted in them: only their codes are.
 */
import type { Outcome } from './classify.js';

const WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'name lookup failed',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
  ERR_INVALID_URL: 'not a valid URL',
};

function codeOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
  }
  return undefined;
}

export interface Probe {
  url: string;
  headers: Record<string, string>;
}

export async function probe(request: Probe, timeoutMs: number): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch(request.url, { method: 'GET', headers: request.headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return { timeout: timeoutMs };
    const code = codeOf(error);
    if (code === undefined) return { failure: 'ERROR', message: error instanceof Error && error.name === 'TypeError' ? 'the request could not be made (a malformed URL or secret?)' : 'the request failed' };
    return { failure: code, message: WORDS[code] ?? (/CERT|TLS|SSL/.test(code) ? 'TLS failed' : '') };
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  await response.body?.cancel().catch(() => undefined);
  return { answer: response.status, headers };
}
