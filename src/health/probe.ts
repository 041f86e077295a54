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
  ERR_INVALID_CHAR: 'a header holds a character it may not (a malformed secret?)',
  ERR_HTTP_INVALID_HEADER_VALUE: 'a header holds a value it may not (a malformed secret?)',
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

/** What a failure is called, with the host where it helps (a name that does not resolve). */
function words(code: string, host: string): string {
  if (code === 'ENOTFOUND') return `no such host: ${host}`;
  if (code === 'EAI_AGAIN') return `name lookup of ${host} failed`;
  return WORDS[code] ?? (/CERT|TLS|SSL/.test(code) ? 'TLS failed' : '');
}

/**
 * The request, through node:http(s) rather than fetch: fetch refuses the ports of the fetch
 * spec's "bad port" list (6000, 6665-6669, 10080, ...), where claude connects all the same.
 */
export async function probe(request: Probe, timeoutMs: number): Promise<Outcome> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { failure: 'ERR_INVALID_URL', message: WORDS.ERR_INVALID_URL! };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { failure: 'ERR_INVALID_URL', message: `${url.protocol} is neither http: nor https:` };
  const { request: send } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const signal = AbortSignal.timeout(timeoutMs);
  return new Promise<Outcome>((resolve) => {
    const failed = (error: unknown) => {
      if (signal.aborted || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))) {
        resolve({ timeout: timeoutMs });
        return;
      }
      const code = codeOf(error);
      resolve(code === undefined ? { failure: 'ERROR', message: 'the request failed' } : { failure: code, message: words(code, url.hostname) });
    };
    let req: import('node:http').ClientRequest;
    try {
      // Headers are checked here (a newline or a character beyond Latin-1 in a secret throws ERR_INVALID_CHAR).
      req = send(url, { method: request.body === undefined ? 'GET' : 'POST', headers: request.headers, signal });
    } catch (error) {
      failed(error);
      return;
    }
    req.on('error', failed);
    req.on('response', (response) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      const limit = request.keepBody;
      if (limit === undefined) {
        response.destroy();
        resolve({ answer: response.statusCode ?? 0, headers });
        return;
      }
      // The first `limit` bytes of the body, as text; the rest is not read.
      const chunks: Buffer[] = [];
      let length = 0;
      const done = () => {
        response.destroy();
        resolve({ answer: response.statusCode ?? 0, headers, body: Buffer.concat(chunks).subarray(0, limit).toString('utf8') });
      };
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        length += chunk.length;
        if (length >= limit) done();
      });
      response.on('end', done);
      response.on('error', done);
      response.on('aborted', done);
    });
    req.end(request.body);
  });
}
