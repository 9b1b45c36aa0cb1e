/**
 * Forwarding for `connect` and `tail`: each event that passes a target's globs goes to that target's queue.
 * `push` is synchronous and cheap; `drain` finishes (bounded) what is queued when the run ends.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { ZoomEvent } from '../core/frames.js';
import type { Level, StatusLog } from '../output/status-log.js';
import { duration } from '../output/time.js';
import { DeadLetter, DEFAULT_DEAD_LETTER } from './dead-letter.js';
import { type QueueOptions, type Report, RETRY_BACKOFF, TargetQueue } from './queue.js';
import { logReport } from './report.js';
import type { IO } from '../io.js';
import { readSecretToken, SECRET_ENV, type SecretToken } from './secret.js';
import { parseTarget, type Target } from './target.js';

/** What cli.ts passes to connect and tail. */
export interface ForwardFlags {
  forwardTo?: string[];
  forwardConcurrency?: number;
  forwardTimeout?: number;
  forwardRetries?: number;
  deadLetter?: string;
  secretTokenFile?: string;
  envFile?: string;
}

export const QUEUE_CAPACITY = 1000;

export interface ForwarderOptions extends Omit<QueueOptions, 'secret' | 'deadLetter'> {
  targets: Target[];
  /** Where SIGINT/SIGTERM come from (tests inject an emitter). */
  signals?: NodeJS.EventEmitter;
  deadLetter: DeadLetter;
  secret?: SecretToken;
}

export class Forwarder {
  readonly queues: TargetQueue[];
  /** Events that matched no target's globs (routing, not loss: reported in the summary). */
  unrouted = 0;

  readonly signals: SignalWatch;

  constructor(readonly opts: ForwarderOptions) {
    this.queues = opts.targets.map((t) => new TargetQueue(t, { ...opts, secret: opts.secret?.value }));
    this.signals = new SignalWatch(opts.signals);
  }

  get deadLetter(): DeadLetter {
    return this.opts.deadLetter;
  }

  get pending(): number {
    return this.queues.reduce((n, q) => n + q.pending, 0);
  }

  push(e: ZoomEvent): void {
    const delivery = { name: e.name, body: JSON.stringify(e.event), event: e.event, requestId: randomUUID() };
    let routed = false;
    for (const q of this.queues) {
      if (!q.target.matches(e.name)) continue;
      routed = true;
      q.push(delivery);
    }
    if (!routed) this.unrouted++;
  }

  /** The longest one delivery can take: every attempt timing out, every backoff at its ceiling. */
  get drainDeadlineMs(): number {
    const { timeoutMs, retries, backoff = RETRY_BACKOFF } = this.opts;
    return (retries + 1) * timeoutMs + retries * backoff.capMs;
  }

  /** Finish queued and in-flight deliveries (bounded), dead-letter the rest, close the file. Returns its write error, if any. */
  async drain(force?: AbortSignal): Promise<string | undefined> {
    await Promise.all(this.queues.map((q) => q.drain(this.drainDeadlineMs, force)));
    return this.deadLetter.close();
  }
}

/**
 * Build the forwarder from the command's flags (nothing without --forward-to) and say where events will go.
 * Throws UserError on bad flags, before connecting. Reports become status lines unless `onReport` says otherwise.
 */
export function createForwarder(
  flags: ForwardFlags,
  io: IO,
  log: StatusLog,
  onReport?: (r: Report, fwd: Forwarder) => void,
  signals?: NodeJS.EventEmitter,
): Forwarder | undefined {
  if (!flags.forwardTo?.length) return undefined;
  const targets = flags.forwardTo.map((spec) => parseTarget(spec, (m) => log.warn('config', m)));
  const secret = readSecretToken(flags, io.env, io.cwd);
  const fwd: Forwarder = new Forwarder({
    targets,
    secret,
    concurrency: flags.forwardConcurrency ?? 1,
    timeoutMs: (flags.forwardTimeout ?? 3) * 1000,
    retries: flags.forwardRetries ?? 3,
    capacity: QUEUE_CAPACITY,
    deadLetter: openDeadLetter(flags.deadLetter, io.cwd),
    onReport: (r) => (onReport ? onReport(r, fwd) : logReport(r, fwd.deadLetter, log)),
    signals,
  });
  announce(fwd, log);
  return fwd;
}

export function announce(fwd: Forwarder, log: StatusLog): void {
  const { secret } = fwd.opts;
  for (const t of fwd.opts.targets) {
    log.info('forward', `forwarding ${t.globs ? `${t.globs} events` : 'events'} to ${t.label}${secret ? `, signed with ${secret.source}` : ''}`, { target: t.label, globs: t.globs || '*', signed: !!secret });
  }
  if (!secret) log.warn('forward', `deliveries are not signed: no ${SECRET_ENV} (set it, or --secret-token-file FILE, to your app's Secret Token); a handler that verifies x-zm-signature will reject them`);
}

/** --dead-letter FILE is opened at once (a bad path fails before connecting); the default is created only when needed. */
export function openDeadLetter(path: string | undefined, cwd: string): DeadLetter {
  return path === undefined ? new DeadLetter(resolve(cwd, DEFAULT_DEAD_LETTER), false, DEFAULT_DEAD_LETTER) : new DeadLetter(resolve(cwd, path), true, path);
}

/**
 * Ctrl-C / SIGTERM while forwarding. The listener is there from the start, not only once the drain begins: with no
 * listener a signal kills the process, and a quick second Ctrl-C would lose the queue instead of dead-lettering it.
 */
export class SignalWatch {
  private seen = 0;
  private needed = Infinity;
  readonly force = new AbortController();
  private readonly onSignal = () => {
    if (++this.seen >= this.needed) this.force.abort();
  };

  constructor(private readonly signals: NodeJS.EventEmitter = process) {
    signals.on('SIGINT', this.onSignal);
    signals.on('SIGTERM', this.onSignal);
  }

  /** From now on, force once `count` signals have been seen in all (2 when one already ended the run). */
  forceAfter(count: number): void {
    this.needed = count;
    if (this.seen >= count) this.force.abort();
  }

  stop(): void {
    this.signals.off('SIGINT', this.onSignal);
    this.signals.off('SIGTERM', this.onSignal);
  }
}

/**
 * The end of a forwarding run: say what is still pending, let the next Ctrl-C (or SIGTERM) dead-letter it at
 * once, wait for the bounded drain. `again`: a signal already ended the run. Returns the dead-letter file's write error.
 */
export async function finishForwarding(fwd: Forwarder, log: StatusLog, opts: { again?: boolean; level?: Level } = {}): Promise<string | undefined> {
  const pending = fwd.pending;
  if (pending > 0) {
    log.write(
      opts.level ?? 'info',
      'forward-drain',
      `finishing ${pending} ${pending === 1 ? 'delivery' : 'deliveries'} (at most ${duration(fwd.drainDeadlineMs)}; Ctrl-C${opts.again ? ' again' : ''} writes ${pending === 1 ? 'it' : 'them'} to ${fwd.deadLetter.shown} now)`,
      { pending, deadlineMs: fwd.drainDeadlineMs },
    );
  }
  fwd.signals.forceAfter(opts.again ? 2 : 1);
  try {
    return await fwd.drain(fwd.signals.force.signal);
  } finally {
    fwd.signals.stop();
  }
}
