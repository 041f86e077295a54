/**
 * When a limit ends, as a time: what a 429 says in `retry-after` (seconds, or an HTTP date)
 * or else in its `anthropic-ratelimit-*-reset` headers (RFC 3339 times, or seconds since the
 * epoch for the unified ones), the latest of them. Undefined when the answer gives none
 * that parses, or one in the past. Pure.
 */

/** One header value as ms since the epoch, or undefined. */
function timeOf(value: string, now: number, relativeSeconds: boolean): number | undefined {
  const v = value.trim();
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    // retry-after counts seconds from now; a reset header this large is seconds since the epoch.
    if (relativeSeconds) return now + n * 1000;
    return n > 1e9 ? n * 1000 : now + n * 1000;
  }
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : undefined;
}

export function resetAt(headers: Readonly<Record<string, string>>, now: number): number | undefined {
  const after = headers['retry-after'];
  const fromAfter = after === undefined ? undefined : timeOf(after, now, true);
  const times =
    fromAfter !== undefined
      ? [fromAfter]
      : Object.entries(headers)
          .filter(([name]) => /^anthropic-ratelimit-[a-z0-9-]*reset$/.test(name))
          .map(([, value]) => timeOf(value, now, false))
          .filter((t): t is number => t !== undefined);
  const latest = times.length === 0 ? undefined : Math.max(...times);
  return latest !== undefined && latest > now ? latest : undefined;
}
