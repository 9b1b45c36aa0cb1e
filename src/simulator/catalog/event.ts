import type { Gen } from './gen.js';

/** A decoded Zoom event: what arrives, JSON-encoded, in the `content` of a `module: "message"` frame. */
export interface ZoomEvent {
  event: string;
  event_ts: number;
  payload: Record<string, unknown>;
  [k: string]: unknown;
}

/** Every event carries the account; a few (recording.completed…) add top-level fields such as download_token. */
export function zoomEvent(
  g: Gen,
  event: string,
  ts: number,
  payload: Record<string, unknown>,
  top: Record<string, unknown> = {},
): ZoomEvent {
  return { event, event_ts: ts, payload: { account_id: g.accountId, ...payload }, ...top };
}
