/**
 * A stand-in for the Anthropic API (and Bedrock, Mantle, Vertex, Foundry) on 127.0.0.1 that
 * records every request, for end-to-end tests of the real claude. No dependencies.
 */
// that Claude Code can be pointed at in tests. No dependencies; Node >= 18.
//
// What it does
// - Listens on 127.0.0.1, on a random free port (or `port`).
// - Records EVERY request (method, path with query, headers, raw body, parsed JSON body)
//   in an array: `server.requests()` returns it, `server.clear()` empties it.
// - Answers every POST whose path looks like a model call with a valid reply:
//     .../messages (also /v1/messages?beta=true, Foundry /anthropic/v1/messages,
//                   Mantle /v1/messages)                    -> SSE stream or JSON
//     Vertex  .../models/<m>:streamRawPredict               -> SSE stream
//     Vertex  .../models/<m>:rawPredict                     -> JSON
//     Bedrock /model/<id>/invoke-with-response-stream       -> AWS event-stream binary
//             frames (application/vnd.amazon.eventstream), each a `chunk` event whose
//             payload is {"bytes":"<base64 of one Anthropic stream event>"}
//     Bedrock /model/<id>/invoke                            -> JSON
//   `stream: true` in the JSON body chooses streaming for /messages; otherwise JSON.
//   .../messages/count_tokens -> {"input_tokens": 1}.
//   (Vertex with real Google credentials cannot be faked here: Claude Code's Google auth
//    library posts to the hard-coded https://oauth2.googleapis.com/token, ignoring the
//    service-account JSON's token_uri. Use CLAUDE_CODE_SKIP_VERTEX_AUTH=1 in tests.)
// - GET .../v1/models: 200, or the status the path asks for (see models() below).
// - AWS, for `ccenv check`: a POST whose body is Action=GetCallerIdentity (STS), and GET
//   .../inference-profiles (Bedrock's control plane, which claude asks too): the same path
//   prefixes (see aws() below).
// - Anything else: 404 {"error":...} for GET/HEAD/other, but recorded all the same.
//
// Modes (option `mode`, or server.setMode(...)):
//   'text'      (default) every reply is one text block (`text`, default "stand-in ok").
//   'tool'      a request that offers a tool named `toolName` (default "Bash") and has no
//               tool_result yet gets a tool_use block {command: toolCommand} (default
//               "env"); after that, text replies. Run claude with `--allowedTools Bash`;
//               the command's output arrives in the NEXT request's body: use
//               server.toolResults() to get the tool_result texts.
//
// Usage (from a test):
//   import { startStandIn } from './stand-in.js';
//   const s = await startStandIn({ mode: 'tool', toolCommand: 'env' });
//   // s.url = 'http://127.0.0.1:PORT'
//   spawn('claude', ['-p', 'hi', '--allowedTools', 'Bash'], { env: {
//       ...env, ANTHROPIC_BASE_URL: s.url, ANTHROPIC_API_KEY: 'sk-test' } });
//   ... s.requests()[0].headers['x-api-key'] ...; s.toolResults() ...; await s.close();
// Base-URL variables that reach it: ANTHROPIC_BASE_URL, ANTHROPIC_BEDROCK_BASE_URL,
// ANTHROPIC_BEDROCK_MANTLE_BASE_URL, ANTHROPIC_VERTEX_BASE_URL, ANTHROPIC_FOUNDRY_BASE_URL.
//
// Recipe that works with Claude Code 2.1.332 (see /work/shared/CLAUDE-CODE-FACTS.md):
//   env = { PATH, HOME: fs.mkdtempSync(...), CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
//           <provider variables, base URL = s.url> }
//   spawn(claude, ['-p', 'hi'], { env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
//   child.stdio[3].end(secret)    // fd 3 is a socketpair: works for
//       CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR / _OAUTH_TOKEN_ / _GATEWAY_TOKEN_ (=3);
//       the gateway one only together with CLAUDE_CODE_USE_GATEWAY=1 + ANTHROPIC_BASE_URL
//   No onboarding or trust prompt appears in -p mode with a fresh HOME. Runs take ~0.5 s.
//   Extra requests it may record: HEAD /api/hello (first-party, unless nonessential
//   traffic is disabled), GET /inference-profiles?type=SYSTEM_DEFINED (Bedrock), probe
//   POSTs (non-streaming) before the real one. All are answered well enough.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// ---- AWS event-stream framing (for Bedrock invoke-with-response-stream) -------------
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function esHeader(name: string, value: string): Buffer {
  const n = Buffer.from(name), v = Buffer.from(value);
  const h = Buffer.alloc(1 + n.length + 1 + 2 + v.length);
  let o = 0;
  h.writeUInt8(n.length, o); o += 1;
  n.copy(h, o); o += n.length;
  h.writeUInt8(7, o); o += 1; // type 7 = string
  h.writeUInt16BE(v.length, o); o += 2;
  v.copy(h, o);
  return h;
}
/** One AWS event-stream message (prelude + headers + payload + CRCs). */
export function eventStreamFrame(headers: Record<string, string>, payload: Buffer | string): Buffer {
  const hb = Buffer.concat(Object.entries(headers).map(([k, v]) => esHeader(k, v)));
  const pb = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  const total = 12 + hb.length + pb.length + 4;
  const prelude = Buffer.alloc(8);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(hb.length, 4);
  const preludeCrc = Buffer.alloc(4);
  preludeCrc.writeUInt32BE(crc32(prelude), 0);
  const body = Buffer.concat([prelude, preludeCrc, hb, pb]);
  const msgCrc = Buffer.alloc(4);
  msgCrc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([body, msgCrc]);
}
function bedrockChunk(event: unknown): Buffer {
  const bytes = Buffer.from(JSON.stringify(event)).toString('base64');
  return eventStreamFrame(
    { ':event-type': 'chunk', ':content-type': 'application/json', ':message-type': 'event' },
    JSON.stringify({ bytes }),
  );
}

// ---- Anthropic message replies --------------------------------------------------------
let idCounter = 0;
type Block = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown };
function messageEvents(model: string, content: Block[], stopReason: string) {
  const id = `msg_standin_${++idCounter}`;
  const events: Record<string, unknown>[] = [
    { type: 'message_start', message: { id, type: 'message', role: 'assistant', model,
      content: [], stop_reason: null, stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 1 } } },
  ];
  content.forEach((block, index) => {
    if (block.type === 'text') {
      events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: block.text } });
    } else {
      events.push({ type: 'content_block_start', index,
        content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } });
      events.push({ type: 'content_block_delta', index,
        delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) } });
    }
    events.push({ type: 'content_block_stop', index });
  });
  events.push({ type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: 5 } });
  events.push({ type: 'message_stop' });
  return { id, events };
}
function messageJson(id: string, model: string, content: Block[], stopReason: string) {
  return { id, type: 'message', role: 'assistant', model, content, stop_reason: stopReason,
    stop_sequence: null, usage: { input_tokens: 10, output_tokens: 5 } };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toolResultsIn(body: any): string[] {
  const out: string[] = [];
  for (const m of body?.messages ?? []) {
    if (!Array.isArray(m.content)) continue;
    for (const b of m.content) {
      if (b?.type !== 'tool_result') continue;
      const c = b.content;
      out.push(typeof c === 'string' ? c
        : Array.isArray(c) ? c.map((x: { text?: string }) => x.text ?? '').join('') : JSON.stringify(c));
    }
  }
  return out;
}

/**
 * Start the stand-in. Options: { port=0, mode='text'|'tool', text, toolName='Bash',
 * toolCommand='env', log=false }. Returns { url, port, requests(), toolResults(), clear(),
 * setMode(mode, opts), close() }.
 */
export interface StandInOptions {
  port?: number;
  mode?: 'text' | 'tool';
  text?: string;
  toolName?: string;
  toolCommand?: string;
  log?: boolean;
}

export interface RecordedRequest {
  time: number;
  method: string | undefined;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export type StandIn = Awaited<ReturnType<typeof startStandIn>>;

export async function startStandIn(opts: StandInOptions = {}) {
  const state = { mode: opts.mode ?? 'text', text: opts.text ?? 'stand-in ok',
    toolName: opts.toolName ?? 'Bash', toolCommand: opts.toolCommand ?? 'env' };
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let json: unknown;
      try { json = raw.length ? JSON.parse(raw.toString('utf8')) : undefined; } catch { json = undefined; }
      const rec: RecordedRequest = { time: Date.now(), method: req.method, path: req.url ?? '',
        headers: { ...req.headers }, body: raw.toString('utf8'), json };
      requests.push(rec);
      if (opts.log) console.log(JSON.stringify({ method: rec.method, path: rec.path, headers: rec.headers }));
      try { respond(req, res, json ?? {}, rec.body); } catch (e) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: String(e) } }));
      }
    });
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function decide(body: any): { content: Block[]; stop: string } {
    const offersTool = (body.tools ?? []).some((t: { name?: string }) => t?.name === state.toolName);
    if (state.mode === 'tool' && offersTool && toolResultsIn(body).length === 0) {
      return { content: [{ type: 'tool_use', id: `toolu_standin_${++idCounter}`, name: state.toolName,
        input: { command: state.toolCommand, description: 'stand-in tool call' } }], stop: 'tool_use' };
    }
    return { content: [{ type: 'text', text: state.text }], stop: 'end_turn' };
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function respond(req: IncomingMessage, res: ServerResponse, body: any, raw: string): void {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (req.method === 'POST' && /(^|&)Action=GetCallerIdentity(&|$)/.test(raw)) return aws(res, path, 'xml');
    if (req.method === 'GET' && /\/inference-profiles$/.test(path)) return aws(res, path, 'json');
    if (req.method === 'GET' && /\/v1\/models$/.test(path)) return models(res, path);
    if (req.method !== 'POST') return notFound(res, req);
    // POST /status/<code>/...: that error for every model call, as models() answers.
    if (/^\/status\/\d{3}\//.test(path) && !/count_tokens$/.test(path)) return models(res, path);
    if (/\/count_tokens$/.test(path) || /count-tokens/.test(path)) {
      return sendJson(res, { input_tokens: 1 });
    }
    const model = body.model ?? decodeURIComponent(path.match(/\/model\/([^/]+)\//)?.[1]
      ?? path.match(/\/models\/([^/:]+):/)?.[1] ?? 'stand-in-model');
    const { content, stop } = decide(body);
    if (/\/invoke-with-response-stream$/.test(path)) {           // Bedrock streaming
      const { events } = messageEvents(model, content, stop);
      res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream',
        'x-amzn-requestid': 'standin', 'x-amzn-bedrock-content-type': 'application/json' });
      for (const ev of events) res.write(bedrockChunk(ev));
      res.end();
      return;
    }
    if (/\/invoke$/.test(path) || /:rawPredict$/.test(path)) {    // Bedrock / Vertex JSON
      return sendJson(res, messageJson(`msg_standin_${++idCounter}`, model, content, stop));
    }
    if (/\/messages$/.test(path) || /:streamRawPredict$/.test(path)) {
      const streaming = body.stream === true || /:streamRawPredict$/.test(path);
      if (!streaming) return sendJson(res, messageJson(`msg_standin_${++idCounter}`, model, content, stop));
      const { events } = messageEvents(model, content, stop);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache',
        'request-id': 'req_standin', ...usageHeaders(path) });
      for (const ev of events) res.write(`event: ${String(ev.type)}\ndata: ${JSON.stringify(ev)}\n\n`);
      res.end();
      return;
    }
    return notFound(res, req);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: () => requests,
    /** Requests that were model calls (POST .../messages, invoke*, *Predict). */
    modelRequests: () => requests.filter((r) => r.method === 'POST'
      && /(\/messages|\/invoke(-with-response-stream)?|:(stream)?RawPredict)$/.test(r.path.split('?')[0] ?? '')),
    toolResults: () => requests.flatMap((r) => toolResultsIn(r.json)),
    clear: () => { requests.length = 0; },
    setMode: (mode: 'text' | 'tool', o: Partial<StandInOptions> = {}) => { state.mode = mode; Object.assign(state, o); },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

/**
 * GET <prefix>/v1/models, the free request `ccenv check` makes. The prefix chooses the
 * answer, so that one stand-in serves profiles that fail in different ways at once:
 *   /status/<code>/v1/models  -> that status (429 with retry-after and a rate-limit reset)
 *   /hang/v1/models           -> never answers (the request stays open until close())
 *   anything else             -> 200 and a list of one model
 */
function models(res: ServerResponse, path: string): void {
  if (/^\/hang\//.test(path)) return;
  const code = Number(path.match(/^\/status\/(\d{3})\//)?.[1] ?? 200);
  if (code === 200) {
    return sendJson(res, { data: [{ type: 'model', id: 'stand-in-model', display_name: 'Stand-in', created_at: '2026-01-01T00:00:00Z' }],
      has_more: false, first_id: 'stand-in-model', last_id: 'stand-in-model' });
  }
  const type = code === 401 ? 'authentication_error' : code === 403 ? 'permission_error' : code === 429 ? 'rate_limit_error'
    : code === 529 ? 'overloaded_error' : 'api_error';
  const extra: Record<string, string> = code === 429
    ? { 'retry-after': '30', 'anthropic-ratelimit-requests-reset': '2026-11-28T03:00:00Z' } : {};
  res.writeHead(code, { 'content-type': 'application/json', 'request-id': 'req_standin', ...extra });
  res.end(JSON.stringify({ type: 'error', error: { type, message: `stand-in: ${code}` } }));
}

/** The stand-in's caller, for STS GetCallerIdentity. */
export const STAND_IN_ARN = 'arn:aws:iam::123456789012:user/stand-in';

/**
 * AWS answers (STS in XML, Bedrock in JSON), chosen by the path's prefix like models():
 * /status/403 -> InvalidClientTokenId, /status/400 and /status/429 -> Throttling,
 * /status/500 -> InternalFailure, /hang -> no answer; anything else -> 200.
 */
function aws(res: ServerResponse, path: string, format: 'xml' | 'json'): void {
  if (/^\/hang(\/|$)/.test(path)) return;
  const code = Number(path.match(/^\/status\/(\d{3})(\/|$)/)?.[1] ?? 200);
  const type = format === 'xml' ? 'text/xml' : 'application/json';
  if (code === 200) {
    res.writeHead(200, { 'content-type': type, 'x-amzn-requestid': 'standin' });
    res.end(format === 'xml'
      ? `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${STAND_IN_ARN}</Arn><UserId>AIDASTANDIN</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>standin</RequestId></ResponseMetadata></GetCallerIdentityResponse>`
      : JSON.stringify({ inferenceProfileSummaries: [] }));
    return;
  }
  const error = code === 403 ? (format === 'xml' ? 'InvalidClientTokenId' : 'UnrecognizedClientException')
    : code === 400 || code === 429 ? (format === 'xml' ? 'Throttling' : 'ThrottlingException') : 'InternalFailure';
  const message = `stand-in: ${error}`;
  res.writeHead(code, { 'content-type': type, 'x-amzn-requestid': 'standin', ...(format === 'json' ? { 'x-amzn-errortype': `${error}:http://internal.amazon.com/coral/com.amazon.coral.service/` } : {}) });
  res.end(format === 'xml'
    ? `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${error}</Code><Message>${message}</Message></Error><RequestId>standin</RequestId></ErrorResponse>`
    : JSON.stringify({ message }));
}

/**
 * /usage/<five-hour %>/<seven-day %>/...: a streamed reply carries a subscription's usage
 * headers, which Claude Code passes to its status line as `rate_limits` (resets in 1 h, 3 d).
 */
function usageHeaders(path: string): Record<string, string> {
  const m = path.match(/^\/usage\/(\d+)\/(\d+)\//);
  if (!m) return {};
  const now = Math.floor(Date.now() / 1000);
  return {
    'anthropic-ratelimit-unified-status': 'allowed_warning',
    'anthropic-ratelimit-unified-5h-utilization': String(Number(m[1]) / 100),
    'anthropic-ratelimit-unified-5h-reset': String(now + 3600),
    'anthropic-ratelimit-unified-7d-utilization': String(Number(m[2]) / 100),
    'anthropic-ratelimit-unified-7d-reset': String(now + 3 * 86400),
  };
}

function sendJson(res: ServerResponse, obj: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_standin' });
  res.end(JSON.stringify(obj));
}
function notFound(res: ServerResponse, req: IncomingMessage): void {
  sendJson(res, { type: 'error', error: { type: 'not_found_error',
    message: `stand-in: no route for ${req.method} ${req.url}` } }, 404);
}

