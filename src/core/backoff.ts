/**
 * Exponential backoff with full jitter (AWS architecture blog): delay = random(0, min(cap, base·2^n)).
 * The first retry comes within `baseMs`; a connection that stayed up for `stableMs` resets it.
 */
export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  random?: () => number;
}

export class Backoff {
  attempt = 0;
  private readonly baseMs: number;
  private readonly capMs: number;
  private readonly random: () => number;

  constructor(opts: BackoffOptions = {}) {
    this.baseMs = opts.baseMs ?? 1000;
    this.capMs = opts.capMs ?? 30_000;
    this.random = opts.random ?? Math.random;
  }

  /** The ceiling of the next delay, before jitter. */
  ceiling(attempt = this.attempt): number {
    return Math.min(this.capMs, this.baseMs * 2 ** Math.min(attempt, 30));
  }

  next(): number {
    const delay = Math.floor(this.random() * this.ceiling());
    this.attempt++;
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }
}
