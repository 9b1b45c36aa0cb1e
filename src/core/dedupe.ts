/**
 * Zoom has no delivery id and may repeat an event (protocol §5). An event identical in
 * (event, event_ts, payload) to one seen within the window is a duplicate.
 */
import { createHash } from 'node:crypto';
import type { ZoomEvent } from './frames.js';

export class Deduper {
  /** key → time last seen; Map keeps insertion order, so expiry walks from the front. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs = 5 * 60_000,
    private readonly maxEntries = 50_000,
  ) {}

  /** True when the event was already seen within the window. */
  isDuplicate(e: ZoomEvent, now: number): boolean {
    // The whole event text covers (event, event_ts, payload); a repeat is byte-identical.
    const key = createHash('sha1').update(e.json).digest('base64');
    this.expire(now);
    if (this.seen.has(key)) return true;
    this.seen.set(key, now);
    return false;
  }

  private expire(now: number): void {
    for (const [key, at] of this.seen) {
      if (now - at <= this.windowMs && this.seen.size <= this.maxEntries) break;
      this.seen.delete(key);
    }
  }
}
