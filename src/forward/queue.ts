/**
 * One target's deliveries: in order, `concurrency` in flight, each retried with backoff on refused connections,
 * timeouts and 5xx, then dead-lettered. `push` never waits: when the queue is full the event spills to the
 * dead-letter file at once, so a slow handler can never stall the socket reader.
 */
import { Backoff } from '../core/backoff.js';
import type { DeadLetter, DeadLetterRecord } from './dead-letter.js';
import { deliver, type Attempt } from './deliver.js';
import { webhookHeaders } from './signature.js';
import type { Target } from './target.js';

export interface Delivery {
  name: string;
  /** The event as compact JSON, exactly as JSON.stringify writes it: the bytes that are signed and sent. */
  body: string;
  event: Record<string, unknown>;
  /** x-zm-request-id: the same for every attempt of one event. */
  requestId: string;
}

interface Base {
  target: Target;
  name: string;
}
export type Report =
  | (Base & { kind: 'delivered'; status: number; ms: number; attempt: number })
  | (Base & { kind: 'retry'; error: string; ms: number; attempt: number; attempts: number; retryInMs: number })
  | (Base & { kind: 'dead-letter'; reason: DeadLetterRecord['reason']; error: string; attempts: number; written: boolean })
  | { kind: 'spill-start'; target: Target; waiting: number }
  | { kind: 'spill-end'; target: Target; spilled: number };

export interface QueueOptions {
  concurrency: number;
  timeoutMs: number;
  retries: number;
  /** Deliveries that may wait per target before events spill to the dead-letter file. */
  capacity: number;
  secret?: string;
  /** Where failures go; without one (trigger) a failure is only reported. */
  deadLetter?: DeadLetter;
  onReport(report: Report): void;
  backoff?: { baseMs: number; capMs: number };
}

export const RETRY_BACKOFF = { baseMs: 500, capMs: 5000 };

export interface TargetStats {
  delivered: number;
  /** Retry attempts, not events. */
  retried: number;
  deadLettered: number;
  /** Dead-lettered because the queue was full (included in deadLettered). */
  spilled: number;
  /** Dead-lettered but the file could not be written (included in deadLettered). */
  lost: number;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });

export class TargetQueue {
  readonly stats: TargetStats = { delivered: 0, retried: 0, deadLettered: 0, spilled: 0, lost: 0 };
  private readonly waiting: Delivery[] = [];
  private inFlight = 0;
  private spilling = 0;
  private readonly stop = new AbortController();
  private idle?: () => void;
  private roomWaiters: Array<() => void> = [];

  constructor(
    readonly target: Target,
    private readonly opts: QueueOptions,
  ) {}

  /** Deliveries queued or in flight. */
  get pending(): number {
    return this.waiting.length + this.inFlight;
  }

  get hasRoom(): boolean {
    return this.waiting.length < this.opts.capacity;
  }

  /** Resolves when a push would be queued rather than spilled (for replays, which can wait; the socket cannot). */
  async room(): Promise<void> {
    while (!this.hasRoom) await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
  }

  push(d: Delivery): void {
    if (!this.hasRoom && !this.stop.signal.aborted) {
      if (this.spilling++ === 0) this.opts.onReport({ kind: 'spill-start', target: this.target, waiting: this.waiting.length });
      this.stats.spilled++;
      return this.bury(d, 'queue-full', 0, `not sent: ${this.waiting.length} deliveries were already waiting`);
    }
    if (this.spilling) {
      this.opts.onReport({ kind: 'spill-end', target: this.target, spilled: this.spilling });
      this.spilling = 0;
    }
    this.waiting.push(d);
    this.pump();
  }

  /**
   * Resolves once everything queued is delivered or dead-lettered. After `deadlineMs`, or when `force` aborts,
   * in-flight requests are cancelled and whatever is left goes to the dead-letter file.
   */
  async drain(deadlineMs: number, force?: AbortSignal): Promise<void> {
    if (this.pending === 0) return;
    const idle = new Promise<void>((resolve) => (this.idle = resolve));
    const giveUp = () => this.cancel();
    const timer = Number.isFinite(deadlineMs) ? setTimeout(giveUp, deadlineMs) : undefined;
    force?.addEventListener('abort', giveUp, { once: true });
    if (force?.aborted) giveUp();
    await idle;
    clearTimeout(timer);
    force?.removeEventListener('abort', giveUp);
  }

  /** Abort: in-flight requests end at once, and `send` dead-letters each waiting delivery in turn, so the file keeps the order. */
  private cancel(): void {
    this.stop.abort();
    this.roomWaiters.splice(0).forEach((wake) => wake());
  }

  private settle(): void {
    if (this.pending === 0) this.idle?.();
  }

  private pump(): void {
    while (this.inFlight < this.opts.concurrency && this.waiting.length > 0) {
      const d = this.waiting.shift()!;
      this.roomWaiters.splice(0).forEach((wake) => wake());
      this.inFlight++;
      void this.send(d).finally(() => {
        this.inFlight--;
        this.pump();
        this.settle();
      });
    }
  }

  private async send(d: Delivery): Promise<void> {
    const { opts, target } = this;
    const signal = this.stop.signal;
    const backoff = new Backoff(opts.backoff ?? RETRY_BACKOFF);
    const attempts = opts.retries + 1;
    let failure: Attempt | undefined;
    let made = 0;
    while (made < attempts && !signal.aborted) {
      const headers = webhookHeaders(d.body, d.requestId, opts.secret);
      if (target.authorization) headers.authorization = target.authorization;
      const result = await deliver(target.url, d.body, headers, opts.timeoutMs, signal);
      made++;
      if (result.ok) {
        this.stats.delivered++;
        opts.onReport({ kind: 'delivered', target, name: d.name, status: result.status!, ms: result.ms, attempt: made });
        return;
      }
      if (signal.aborted) break;
      failure = result;
      if (!result.retryable || made === attempts) return this.bury(d, 'failed', made, result.error!, result.status);
      const retryInMs = backoff.next();
      this.stats.retried++;
      opts.onReport({ kind: 'retry', target, name: d.name, error: result.error!, ms: result.ms, attempt: made, attempts, retryInMs });
      await sleep(retryInMs, signal);
    }
    // Cancelled at exit: the previous attempt's error says more than the cancellation.
    const error = failure ? `${failure.error}; then cancelled at exit` : made ? 'cancelled at exit' : 'not sent before exit';
    this.bury(d, 'exit', made, error, failure?.status);
  }

  private bury(d: Delivery, reason: DeadLetterRecord['reason'], attempts: number, error: string, status?: number): void {
    const { deadLetter } = this.opts;
    const written = deadLetter?.write({ target: this.target.label, reason, attempts, last_error: error, status: status ?? null, event: d.event }) ?? false;
    this.stats.deadLettered++;
    if (deadLetter && !written) this.stats.lost++;
    this.opts.onReport({ kind: 'dead-letter', target: this.target, name: d.name, reason, error, attempts, written });
  }
}
