/**
 * One free request (a GET, or a POST whose body is given) with a time limit. Redirects are not followed: a header
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
  /** GET unless a body is given (then POST). */
  body?: string;
  /** Keep at most this many bytes of the answer's body (for an error code in it); none when absent. */
  keepBody?: number;
}

/** The first `limit` bytes of a body, as text; the rest is not read. */
async function firstBytes(body: ReadableStream<Uint8Array> | null, limit: number): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    while (length < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

export async function probe(request: Probe, timeoutMs: number): Promise<Outcome> {
  let response: Response;
  let body: string | undefined;
  try {
    const method = request.body === undefined ? 'GET' : 'POST';
    const signal = AbortSignal.timeout(timeoutMs);
    response = await fetch(request.url, { method, headers: request.headers, redirect: 'manual', signal, ...(request.body === undefined ? {} : { body: request.body }) });
    if (request.keepBody !== undefined) body = await firstBytes(response.body, request.keepBody);
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
  if (body === undefined) await response.body?.cancel().catch(() => undefined);
  return { answer: response.status, headers, ...(body === undefined ? {} : { body }) };
}
