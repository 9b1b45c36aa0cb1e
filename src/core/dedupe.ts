/**
 * Zoom has no delivery id and may repeat an event (protocol §5). An event identical in
 * (event, event_ts, payload) to one seen within the window is a duplicate.
 */
import { createHash } from 'node:crypto';
import type { ZoomEvent } from './frames.js';

export class Deduper {
  private readonly seen = new Set<string>();
  /**
   * Keys in arrival order, with their times, consumed from `head`. Expiring from the front of the Set
   * itself would be O(n): V8 leaves deleted entries as holes that every new iteration walks past.
   */
  private keys: string[] = [];
  private times: number[] = [];
  private head = 0;

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
    this.seen.add(key);
    this.keys.push(key);
    this.times.push(now);
    return false;
  }

  private expire(now: number): void {
    while (this.head < this.keys.length && (now - this.times[this.head]! > this.windowMs || this.seen.size >= this.maxEntries)) {
      this.seen.delete(this.keys[this.head]!);
      this.head++;
    }
    // Drop the consumed prefix now and then, so the arrays stay as small as the window.
    if (this.head > 1024 && this.head * 2 > this.keys.length) {
      this.keys = this.keys.slice(this.head);
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}
