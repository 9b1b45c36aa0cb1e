/**
 * Decoding of server frames (protocol §3). Tolerant by design: `content` may be a JSON string
 * (the documented double encoding) or already an object; unknown modules and non-JSON frames
 * are reported, never fatal.
 */

/** A decoded Zoom event: the webhook-body shape. */
export interface ZoomEvent {
  /** The event name, e.g. `meeting.started`. */
  name: string;
  /** `event_ts` in ms, when present. */
  ts?: number;
  /** The event as one line of JSON, exactly as Zoom wrote it when it could be kept. */
  json: string;
  event: Record<string, unknown>;
}

export type Frame =
  | { kind: 'connected'; content: unknown }
  | { kind: 'rejected'; reason: string; auth: boolean }
  | { kind: 'heartbeat' }
  | { kind: 'event'; event: ZoomEvent }
  /** A token rejection outside build_connection (module unknown, protocol §3). */
  | { kind: 'auth'; reason: string }
  | { kind: 'unknown'; module?: string; why: string };

/** Token failures by family: "token" plus invalid/empty/expired, in any case and wording. */
export function isAuthRejection(text: string): boolean {
  return /token/i.test(text) && /invalid|empty|expired|not valid|missing/i.test(text);
}

function describe(content: unknown): string {
  return typeof content === 'string' ? content : JSON.stringify(content) ?? '';
}

export function decodeFrame(text: string): Frame {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return { kind: 'unknown', why: 'not JSON' };
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return { kind: 'unknown', why: 'not a JSON object' };
  const { module, success, content } = frame as { module?: unknown; success?: unknown; content?: unknown };
  const mod = typeof module === 'string' ? module : undefined;

  switch (mod) {
    case 'build_connection':
      if (success === false) {
        const reason = describe(content) || 'build_connection refused';
        return { kind: 'rejected', reason, auth: isAuthRejection(reason) };
      }
      return { kind: 'connected', content };
    case 'heartbeat':
      if (success === false) break;
      return { kind: 'heartbeat' };
    case 'message': {
      const event = decodeEvent(content);
      if (event) return event;
      break;
    }
  }
  // Zoom's token-rejection frame has an unknown module; recognise it by its content wherever it comes.
  if (typeof content === 'string' && content.length < 200 && isAuthRejection(content)) return { kind: 'auth', reason: content };
  if (mod === 'message') return { kind: 'unknown', module: mod, why: 'message without a decodable event' };
  return { kind: 'unknown', module: mod, why: mod ? `unknown module ${JSON.stringify(mod)}` : 'no module' };
}

function decodeEvent(content: unknown): Frame | undefined {
  let event: unknown = content;
  let json: string | undefined;
  if (typeof content === 'string') {
    try {
      event = JSON.parse(content);
    } catch {
      return undefined;
    }
    // Keep Zoom's bytes (big numbers stay exact) unless they span lines.
    if (!content.includes('\n') && !content.includes('\r')) json = content.trim();
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return undefined;
  const e = event as Record<string, unknown>;
  if (typeof e.event !== 'string') return undefined;
  const ts = typeof e.event_ts === 'number' ? e.event_ts : Number(e.event_ts);
  return {
    kind: 'event',
    event: { name: e.event, ts: Number.isFinite(ts) ? ts : undefined, json: json ?? JSON.stringify(e), event: e },
  };
}
