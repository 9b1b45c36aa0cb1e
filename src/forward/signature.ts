/**
 * What Zoom's webhook sends (protocol §6): POST, compact JSON, and `x-zm-signature: v0=hex(HMAC-SHA256(secret,
 * "v0:{timestamp}:{body}"))`. A handler that verifies the way Zoom documents must accept our requests unchanged.
 */
import { createHmac } from 'node:crypto';

export const USER_AGENT = 'Zoom Marketplace/1.0a';

export function zoomSignature(secret: string, timestampSec: number, body: string): string {
  return 'v0=' + createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex');
}

/**
 * The headers of one attempt. The timestamp and signature are fresh per attempt (handlers reject old
 * timestamps); the request id stays the same across retries of one event, so a handler can deduplicate.
 */
export function webhookHeaders(body: string, requestId: string, secret: string | undefined, nowMs = Date.now()): Record<string, string> {
  const ts = Math.floor(nowMs / 1000);
  return {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': USER_AGENT,
    'x-zm-request-timestamp': String(ts),
    'x-zm-request-id': requestId,
    ...(secret === undefined ? {} : { 'x-zm-signature': zoomSignature(secret, ts, body) }),
  };
}
