/**
 * The JSON Claude Code pipes to a status-line command (seen on 2.1.332; docs/claude-code.md,
 * "Status line and failure hook"). Only what ccenv reads: the session, and `rate_limits`,
 * present for subscription logins once an answer carried Anthropic's usage headers:
 *   "rate_limits": {"five_hour": {"used_percentage": 100, "resets_at": 1795841004},
 *                   "seven_day": {"used_percentage": 42, "resets_at": 1796096604}}
 * `used_percentage` is 0-100 (Claude Code caps it at 100); `resets_at` is in epoch seconds.
 */

/** One usage window: how much of it is used, and when it resets (ms since the epoch). */
export interface UsageWindow {
  percent: number;
  resetsAt?: number;
}

export interface StatusLineInput {
  sessionId?: string;
  transcriptPath?: string;
  fiveHour?: UsageWindow;
  sevenDay?: UsageWindow;
}

/** The windows ccenv shows, in Claude Code's keys, with the label ccenv prints. */
export const USAGE_WINDOWS = [
  { key: 'five_hour', field: 'fiveHour', label: '5h' },
  { key: 'seven_day', field: 'sevenDay', label: '7d' },
] as const;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function usageWindow(value: unknown): UsageWindow | undefined {
  const w = record(value);
  const percent = w?.used_percentage;
  if (typeof percent !== 'number' || !Number.isFinite(percent)) return undefined;
  const resets = w?.resets_at;
  return {
    percent: Math.min(100, Math.max(0, percent)),
    ...(typeof resets === 'number' && Number.isFinite(resets) && resets > 0 ? { resetsAt: resets * 1000 } : {}),
  };
}

/** Pure: what ccenv reads from the status-line JSON; anything malformed is left out. */
export function parseStatusLineInput(text: string): StatusLineInput {
  let data: Record<string, unknown> | undefined;
  try {
    data = record(JSON.parse(text));
  } catch {
    return {};
  }
  if (!data) return {};
  const input: StatusLineInput = {};
  if (typeof data.session_id === 'string' && data.session_id !== '') input.sessionId = data.session_id;
  if (typeof data.transcript_path === 'string' && data.transcript_path !== '') input.transcriptPath = data.transcript_path;
  const limits = record(data.rate_limits);
  for (const { key, field } of USAGE_WINDOWS) {
    const w = usageWindow(limits?.[key]);
    if (w) input[field] = w;
  }
  return input;
}
