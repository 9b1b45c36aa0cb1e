/**
 * The socket session: one subscription, kept connected. It owns the connection states, the JSON
 * heartbeat, the watchdog, backoff, token refresh and the give-up rules, and reports everything
 * that happens as typed events. It knows nothing about terminals.
 */
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { ExitCode } from '../exit-codes.js';
import { Backoff, type BackoffOptions } from './backoff.js';
import { Deduper } from './dedupe.js';
import { type DisconnectKind, SessionError, TokenError } from './errors.js';
import { decodeFrame, type ZoomEvent } from './frames.js';
import { redact } from './redact.js';
import type { AccessToken } from './token.js';

export type SessionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface Disconnect {
  at: number;
  kind: DisconnectKind;
  cause: string;
  /** The WebSocket close code, when the socket closed. Zoom's codes are undocumented: informative only. */
  code?: number;
}

/** A stretch of time with no socket open: Zoom never replays the events sent then. */
export interface Gap {
  start: number;
  end: number;
  durationMs: number;
  cause: string;
  /** True when zoomws exited while still disconnected. */
  open?: boolean;
}

export interface SessionStats {
  startedAt: number;
  events: number;
  duplicates: number;
  /** Frames that were not JSON, had unknown modules, or carried no decodable event. */
  skippedFrames: number;
  reconnects: number;
  heartbeatsSent: number;
  heartbeatAcks: number;
  gaps: Gap[];
}

export interface SessionEvents {
  state: [state: SessionState, detail: { attempt: number; url: string }];
  event: [event: ZoomEvent];
  /** Every frame as received, for --raw and --debug. */
  frame: [text: string];
  heartbeat: [ack: { rttMs?: number }];
  disconnect: [info: Disconnect];
  gap: [gap: Gap];
  duplicate: [event: ZoomEvent];
  skipped: [info: { why: string; text: string }];
  token: [token: AccessToken];
  warning: [message: string];
  debug: [message: string];
}

/** What the session needs from the token client. */
export interface TokenSource {
  get(): Promise<AccessToken>;
  mint(): Promise<AccessToken>;
  readonly refreshAt: number | undefined;
}

export interface SessionOptions {
  subscriptionId: string;
  /** Endpoint without query (config.wsUrl). */
  wsUrl: string;
  tokens: TokenSource;
  /** Carries the socket through a proxy (CONNECT tunnel) or with extra CA certificates. */
  agent?: import('node:http').Agent;
  heartbeatIntervalMs?: number;
  /** Consecutive failed reconnects tolerated once a connection has opened (default: forever). */
  maxRetries?: number;
  /** Retries before the first connection ever opens. */
  initialRetries?: number;
  /** A socket closed within this long after opening counts as "replaced by another consumer". */
  quickCloseMs?: number;
  /** Consecutive quick closes before giving up with exit 5. */
  replacedAfter?: number;
  /** Upgrade plus first frame must arrive within this long. */
  openTimeoutMs?: number;
  /** A connection that stayed up this long resets the backoff. */
  stableMs?: number;
  dedupeWindowMs?: number;
  backoff?: BackoffOptions;
  now?: () => number;
}

interface Attempt {
  opened: boolean;
  openedAt?: number;
  end: Disconnect;
}

export interface SessionEnd {
  /** Set when the session gave up; its exitCode says how the CLI should end. */
  error?: SessionError | TokenError;
}

export class ZoomSession extends EventEmitter<SessionEvents> {
  state: SessionState = 'closed';
  readonly stats: SessionStats;
  /** Resolves when the session has stopped: asked to, or given up (then with `error`). */
  readonly done: Promise<SessionEnd>;

  private resolveDone!: (end: SessionEnd) => void;
  private readonly opts: Required<Omit<SessionOptions, 'maxRetries' | 'backoff' | 'agent'>> & Pick<SessionOptions, 'maxRetries' | 'agent'>;
  private readonly backoff: Backoff;
  private readonly deduper: Deduper;
  private ws?: WebSocket;
  private stopping = false;
  private wake?: () => void;
  private pendingGap?: { start: number; cause: string };
  private refreshTimer?: NodeJS.Timeout;
  /** Reading is paused while the consumer is backed up (see pause()). */
  private paused = false;
  /** The open attempt's hook to restart its silence clock when reading resumes. */
  private onResume?: () => void;

  constructor(opts: SessionOptions) {
    super();
    this.opts = {
      heartbeatIntervalMs: 30_000,
      initialRetries: 4,
      quickCloseMs: 5_000,
      replacedAfter: 3,
      openTimeoutMs: 10_000,
      stableMs: 60_000,
      dedupeWindowMs: 5 * 60_000,
      now: Date.now,
      ...opts,
    };
    this.backoff = new Backoff(opts.backoff);
    this.deduper = new Deduper(this.opts.dedupeWindowMs);
    this.stats = { startedAt: this.opts.now(), events: 0, duplicates: 0, skippedFrames: 0, reconnects: 0, heartbeatsSent: 0, heartbeatAcks: 0, gaps: [] };
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  start(): this {
    this.run().then(
      () => this.finish({}),
      (error: SessionError | TokenError) => this.finish({ error }),
    );
    return this;
  }

  /** Close the socket cleanly and end the session. */
  async stop(): Promise<SessionEnd> {
    if (!this.stopping) {
      this.stopping = true;
      this.wake?.();
      const ws = this.ws;
      if (ws && ws.readyState === WebSocket.OPEN) ws.close(1000, 'client closing');
      else ws?.terminate();
      // A server that never answers our close must not hold the exit.
      setTimeout(() => ws?.terminate(), 1000).unref();
    }
    return this.done;
  }

  private finish(end: SessionEnd): void {
    clearTimeout(this.refreshTimer);
    if (this.pendingGap) {
      const now = this.opts.now();
      this.recordGap({ start: this.pendingGap.start, end: now, durationMs: now - this.pendingGap.start, cause: this.pendingGap.cause, open: true });
    }
    this.setState('closed', 0);
    this.resolveDone(end);
  }

  private setState(state: SessionState, attempt: number): void {
    if (this.state === state) return;
    this.state = state;
    this.emit('state', state, { attempt, url: this.opts.wsUrl });
  }

  private recordGap(gap: Gap): void {
    this.pendingGap = undefined;
    this.stats.gaps.push(gap);
    this.emit('gap', gap);
  }

  /** The reconnect loop: decides after each socket ends whether to retry, how soon, or to give up. */
  private async run(): Promise<void> {
    const { initialRetries, maxRetries, quickCloseMs, replacedAfter, stableMs, subscriptionId } = this.opts;
    let everOpened = false;
    let failures = 0;
    let quickCloses = 0;
    let refusals = 0;
    let afterTokenRejection = false;

    for (let attempt = 1; !this.stopping; attempt++) {
      this.setState(everOpened ? 'reconnecting' : 'connecting', attempt);
      const result = await this.connectOnce(afterTokenRejection);
      if (this.stopping) return;
      const { end } = result;
      const lasted = result.opened ? end.at - result.openedAt! : 0;
      everOpened ||= result.opened;
      if (result.opened) {
        failures = 0;
        refusals = 0;
        afterTokenRejection = false;
        if (lasted >= stableMs) this.backoff.reset();
        if (lasted >= quickCloseMs) quickCloses = 0;
      }

      let delay: number | undefined;
      if (end.kind === 'token') {
        if (afterTokenRejection) {
          throw new SessionError(`Zoom rejected a freshly minted token: ${end.cause}`, ExitCode.auth, 'check that the app is activated and has the event subscription, then try again');
        }
        // A rejected token gets a freshly minted one (connectOnce mints) and an immediate reconnect.
        afterTokenRejection = true;
        delay = 0;
      } else if (end.kind === 'subscription') {
        refusals++;
        if (!everOpened || refusals >= 3) {
          throw new SessionError(`Zoom refused subscription ${subscriptionId}: ${end.cause}`, ExitCode.connection, "check ZOOM_SUBSCRIPTION_ID against the app's Event Subscription page");
        }
      } else if (result.opened && lasted < quickCloseMs && end.kind === 'closed') {
        quickCloses++;
        if (quickCloses >= replacedAfter) {
          throw new SessionError(
            `the socket was closed right after opening ${quickCloses} times: another consumer is probably connected to subscription ${subscriptionId}`,
            ExitCode.replaced,
            'stop the other consumer; Zoom allows one connection per subscription',
          );
        }
        this.emit('warning', `socket closed ${lasted} ms after opening: another consumer may be connected to subscription ${subscriptionId}`);
      } else if (!result.opened) {
        failures++;
        const limit = everOpened ? maxRetries : (maxRetries ?? initialRetries);
        if (limit !== undefined && failures > limit) {
          throw new SessionError(
            everOpened
              ? `gave up after ${failures} failed reconnects: ${end.cause}`
              : `could not connect subscription ${subscriptionId} at ${new URL(this.opts.wsUrl).host}: ${end.cause}`,
            ExitCode.connection,
            everOpened ? 'raise --max-retries, or check the network' : 'check ZOOM_WS_URL, ZOOM_SUBSCRIPTION_ID and the network',
          );
        }
      }
      this.stats.reconnects += everOpened ? 1 : 0;
      delay ??= this.backoff.next();
      this.emit('debug', `next attempt in ${delay} ms`);
      await this.sleep(delay);
    }
  }

  /**
   * Stop reading the socket (the consumer is backed up): unread frames wait in the kernel and Zoom's
   * buffers instead of our memory. Heartbeats keep going out, and the watchdog holds off, since
   * silence is now our doing, not the network's.
   */
  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.ws?.pause();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.onResume?.();
    this.ws?.resume();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** One socket, from token to close. Resolves when it has ended; throws only on hopeless errors. */
  private async connectOnce(mustBeFresh: boolean): Promise<Attempt> {
    const { tokens, heartbeatIntervalMs, openTimeoutMs, now } = this.opts;
    let token: AccessToken;
    try {
      token = mustBeFresh ? await tokens.mint() : await tokens.get();
    } catch (err) {
      if (err instanceof TokenError && err.retryable) return { opened: false, end: { at: now(), kind: 'network', cause: err.message } };
      throw err;
    }
    this.scheduleTokenRefresh();

    const url = new URL(this.opts.wsUrl);
    url.searchParams.set('subscriptionId', this.opts.subscriptionId);
    url.searchParams.set('access_token', token.value);
    this.emit('debug', `opening ${redact(url.toString())}`);

    return new Promise<Attempt>((resolve) => {
      const ws = new WebSocket(url, { handshakeTimeout: openTimeoutMs, agent: this.opts.agent });
      this.ws = ws;
      if (this.paused) ws.pause();
      const attempt: Attempt = { opened: false, end: { at: 0, kind: 'closed', cause: '' } };
      let verdict: Omit<Disconnect, 'at'> | undefined;
      let lastFrameAt = now();
      let heartbeatSentAt: number | undefined;
      let heartbeat: NodeJS.Timeout | undefined;
      let watchdog: NodeJS.Timeout | undefined;
      const deadAfter = 2 * heartbeatIntervalMs + Math.min(10_000, Math.max(500, heartbeatIntervalMs / 2));
      const tickMs = Math.min(1000, heartbeatIntervalMs / 4);
      /** Set on a wake-up: the socket must answer within probeMs of it, or it is dead. */
      let wokeAt: number | undefined;
      /** Frames received on this socket: an answer to the wake-up probe may land in the same millisecond. */
      let frames = 0;
      let framesAtWake = 0;
      const probeMs = Math.min(5_000, deadAfter);
      this.onResume = () => (lastFrameAt = now());
      const sendHeartbeat = () => {
        heartbeatSentAt = now();
        this.stats.heartbeatsSent++;
        ws.send('{"module":"heartbeat"}');
      };

      /** First reason wins: the frame that explained a close beats the close itself. */
      const fail = (v: Omit<Disconnect, 'at'>, terminate = true) => {
        verdict ??= v;
        if (terminate) ws.terminate();
      };

      const markOpen = () => {
        if (attempt.opened) return;
        attempt.opened = true;
        attempt.openedAt = now();
        if (this.pendingGap) {
          const g = this.pendingGap;
          this.recordGap({ start: g.start, end: attempt.openedAt, durationMs: attempt.openedAt - g.start, cause: g.cause });
        }
        this.setState('open', 0);
      };

      ws.on('open', () => {
        lastFrameAt = now();
        heartbeat = setInterval(sendHeartbeat, heartbeatIntervalMs);
        let lastTick = now();
        // Zoom's server-side timeouts are unknown: liveness is ours to decide (protocol §5).
        watchdog = setInterval(() => {
          const t = now();
          const slept = t - lastTick - tickMs;
          lastTick = t;
          if (slept > 5_000) {
            // Timers froze (laptop lid, suspended VM): the socket may have died meanwhile. Ask now
            // rather than wait out the watchdog, and do not count the sleep itself as silence.
            this.emit('warning', `the clock jumped ${(slept / 1000).toFixed(0)} s (system sleep?); checking the connection`);
            lastFrameAt = wokeAt = t;
            framesAtWake = frames;
            sendHeartbeat();
            return;
          }
          if (this.paused) return;
          const silent = t - lastFrameAt;
          if (wokeAt !== undefined && frames === framesAtWake) {
            if (t - wokeAt > probeMs) fail({ kind: 'dead', cause: 'no answer to a heartbeat after the system woke' });
            return;
          }
          wokeAt = undefined;
          if (!attempt.opened && silent > openTimeoutMs) fail({ kind: 'dead', cause: `no build_connection within ${openTimeoutMs / 1000} s` });
          else if (silent > deadAfter) fail({ kind: 'dead', cause: `no frame for ${(silent / 1000).toFixed(1)} s (half-open socket)` });
        }, tickMs);
      });

      ws.on('message', (data: Buffer, isBinary: boolean) => {
        lastFrameAt = now();
        frames++;
        const text = isBinary ? data.toString('utf8') : data.toString();
        if (this.listenerCount('frame')) this.emit('frame', text);
        const frame = decodeFrame(text);
        switch (frame.kind) {
          case 'event':
            markOpen();
            if (this.deduper.isDuplicate(frame.event, lastFrameAt)) {
              this.stats.duplicates++;
              this.emit('duplicate', frame.event);
            } else {
              this.stats.events++;
              this.emit('event', frame.event);
            }
            return;
          case 'heartbeat':
            markOpen();
            this.stats.heartbeatAcks++;
            this.emit('heartbeat', { rttMs: heartbeatSentAt === undefined ? undefined : lastFrameAt - heartbeatSentAt });
            heartbeatSentAt = undefined;
            return;
          case 'connected':
            this.emit('debug', `build_connection accepted: ${JSON.stringify(frame.content)}`);
            markOpen();
            return;
          case 'rejected':
            fail({ kind: frame.auth ? 'token' : 'subscription', cause: `build_connection refused: ${JSON.stringify(frame.reason)}` }, false);
            return;
          case 'auth':
            fail({ kind: 'token', cause: `Zoom rejected the token: ${JSON.stringify(frame.reason)}` }, false);
            return;
          case 'unknown':
            this.stats.skippedFrames++;
            this.emit('skipped', { why: frame.why, text });
            return;
        }
      });

      ws.on('unexpected-response', (_req, res) => {
        fail({ kind: 'http', cause: `the WebSocket upgrade was answered with HTTP ${res.statusCode}` });
      });

      ws.on('error', (err: Error & { code?: string }) => {
        fail({ kind: 'network', cause: redact(err.code ? `${err.code} ${err.message}` : err.message) }, false);
      });

      ws.on('close', (code: number, reason: Buffer) => {
        clearInterval(heartbeat);
        clearInterval(watchdog);
        const at = now();
        const why = reason.length ? ` ${JSON.stringify(reason.toString())}` : '';
        const end: Disconnect = { at, code, ...(verdict ?? { kind: 'closed', cause: `closed by the server (code ${code}${why})` }) };
        attempt.end = end;
        this.ws = undefined;
        if (attempt.opened && !this.stopping) {
          this.pendingGap = { start: at, cause: end.cause };
          this.emit('disconnect', end);
        }
        resolve(attempt);
      });
    });
  }

  /**
   * Mint the next token ahead of expiry, without touching the open socket: whether Zoom cuts a
   * socket when its token expires is unknown, so a fresh token is simply ready for the reconnect.
   */
  private scheduleTokenRefresh(): void {
    clearTimeout(this.refreshTimer);
    const at = this.opts.tokens.refreshAt;
    if (at === undefined || this.stopping) return;
    this.refreshTimer = setTimeout(
      () => {
        this.opts.tokens.mint().then(
          (t) => {
            this.emit('token', t);
            this.scheduleTokenRefresh();
          },
          (err: Error) => {
            this.emit('warning', `token refresh failed: ${err.message}`);
            this.refreshTimer = setTimeout(() => this.scheduleTokenRefresh(), 30_000);
            this.refreshTimer.unref();
          },
        );
      },
      Math.max(0, at - this.opts.now()),
    );
    this.refreshTimer.unref();
  }
}
