/**
 * One real socket to the subscription, instrumented: how the upgrade and build_connection went and
 * how long each took, the heartbeat round trip, the events that arrive, and when and why it closed.
 * A bare `ws` socket rather than a ZoomSession: doctor must see each outcome once, not have it retried.
 */
import { EventEmitter } from 'node:events';
import type { Agent } from 'node:http';
import WebSocket from 'ws';
import { decodeFrame, type ZoomEvent } from '../core/frames.js';
import { redact } from '../core/redact.js';
import { ms } from './result.js';

export type Opening =
  | { kind: 'accepted'; upgradeMs: number; openMs: number; content: unknown }
  /** build_connection with success false; `auth` when its text is a token rejection. */
  | { kind: 'rejected'; reason: string; auth: boolean; upgradeMs: number; openMs: number }
  /** A token-rejection frame of another module, where build_connection was expected. */
  | { kind: 'token-rejected'; reason: string; upgradeMs: number; openMs: number }
  | { kind: 'http'; status: number }
  | { kind: 'network'; error: string }
  | { kind: 'closed'; code: number; reason: string; upgradeMs: number }
  | { kind: 'timeout'; upgradeMs?: number; timeoutMs: number };

export interface Closed {
  /** Since build_connection was accepted. */
  afterOpenMs: number;
  code: number;
  reason: string;
  /** A frame that explained the close (a token rejection), if one came. */
  frame?: string;
}

export class SocketProbe extends EventEmitter<{ frame: []; close: [] }> {
  readonly events: ZoomEvent[] = [];
  /** When each event arrived (epoch ms), for its lag. */
  readonly arrivals: number[] = [];
  /** Frames that were neither events nor heartbeat acks (counted, never silently dropped). */
  unknownFrames = 0;
  closed?: Closed;
  private openedAt = 0;
  private acks = 0;
  private explanation?: string;

  private constructor(private readonly ws: WebSocket) {
    super();
  }

  /** Open the socket and wait for build_connection (or whatever comes instead). */
  static open(url: URL, timeoutMs: number, agent?: Agent): Promise<{ probe?: SocketProbe; opening: Opening }> {
    const started = performance.now();
    const ws = new WebSocket(url, { handshakeTimeout: timeoutMs, agent });
    const probe = new SocketProbe(ws);
    let upgradeMs: number | undefined;
    return new Promise((resolve) => {
      let settled = false;
      const settle = (opening: Opening) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (opening.kind === 'accepted') {
          probe.openedAt = performance.now();
          probe.listen();
          resolve({ probe, opening });
        } else {
          ws.removeAllListeners();
          ws.on('error', () => {});
          ws.terminate();
          resolve({ opening });
        }
      };
      const timer = setTimeout(() => settle({ kind: 'timeout', upgradeMs, timeoutMs }), timeoutMs);
      ws.on('upgrade', () => (upgradeMs = ms(performance.now() - started)));
      ws.on('unexpected-response', (_req, res) => settle({ kind: 'http', status: res.statusCode ?? 0 }));
      ws.on('error', (err: NodeJS.ErrnoException) => settle({ kind: 'network', error: redact(err.code && !err.message.includes(err.code) ? `${err.code} ${err.message}` : err.message) }));
      ws.on('close', (code, reason) => settle({ kind: 'closed', code, reason: reason.toString(), upgradeMs: upgradeMs ?? 0 }));
      ws.once('message', (data: Buffer) => {
        const openMs = ms(performance.now() - started);
        const frame = decodeFrame(data.toString());
        const at = { upgradeMs: upgradeMs ?? openMs, openMs };
        if (frame.kind === 'connected') settle({ kind: 'accepted', content: frame.content, ...at });
        else if (frame.kind === 'rejected') settle({ kind: 'rejected', reason: frame.reason, auth: frame.auth, ...at });
        else if (frame.kind === 'auth') settle({ kind: 'token-rejected', reason: frame.reason, ...at });
        else {
          // Something else first (an event, say): the socket works, build_connection text aside.
          settle({ kind: 'accepted', content: null, ...at });
          probe.onFrame(data.toString());
        }
      });
    });
  }

  private listen(): void {
    this.ws.on('message', (data: Buffer) => this.onFrame(data.toString()));
    this.ws.on('error', () => {}); // the close that follows carries the outcome
    this.ws.on('close', (code, reason) => {
      this.closed = { afterOpenMs: ms(performance.now() - this.openedAt), code, reason: reason.toString(), ...(this.explanation ? { frame: this.explanation } : {}) };
      this.emit('close');
    });
  }

  private onFrame(text: string): void {
    const frame = decodeFrame(text);
    if (frame.kind === 'event') {
      this.events.push(frame.event);
      this.arrivals.push(Date.now());
    }
    else if (frame.kind === 'heartbeat') this.acks++;
    else if (frame.kind === 'auth' || frame.kind === 'rejected') this.explanation = frame.reason;
    else if (frame.kind !== 'connected') this.unknownFrames++;
    this.emit('frame');
  }

  /** Resolve when `done()` holds, the socket closes, or `timeoutMs` passes; true only for `done`. */
  private until(done: () => boolean, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const finish = (value: boolean) => {
        clearTimeout(timer);
        this.off('frame', check);
        this.off('close', onClose);
        resolve(value);
      };
      const check = () => done() && finish(true);
      const onClose = () => finish(done());
      const timer = setTimeout(() => finish(done()), timeoutMs);
      this.on('frame', check);
      this.on('close', onClose);
      if (done()) finish(true);
      else if (this.closed) finish(false);
    });
  }

  /** Send Zoom's JSON heartbeat and time its acknowledgement. */
  async heartbeat(timeoutMs: number): Promise<{ rttMs?: number }> {
    if (this.closed) return {};
    const before = this.acks;
    const sent = performance.now();
    this.ws.send('{"module":"heartbeat"}');
    const acked = await this.until(() => this.acks > before, timeoutMs);
    return acked ? { rttMs: ms(performance.now() - sent) } : {};
  }

  /** The first event, waiting up to `timeoutMs` for it. */
  async firstEvent(timeoutMs: number): Promise<ZoomEvent | undefined> {
    await this.until(() => this.events.length > 0, timeoutMs);
    return this.events[0];
  }

  /** Keep the socket until `sinceOpenMs` after it opened; false when it was closed before. */
  async holdUntil(sinceOpenMs: number): Promise<boolean> {
    const left = sinceOpenMs - (performance.now() - this.openedAt);
    if (left > 0) await this.until(() => false, left);
    return !this.closed;
  }

  get openForMs(): number {
    return ms(performance.now() - this.openedAt);
  }

  /** Close cleanly so the subscription is free again at once for the real consumer. */
  async close(): Promise<void> {
    if (this.closed) return;
    const closed = new Promise<void>((resolve) => this.once('close', () => resolve()));
    this.ws.close(1000, 'zoomws doctor done');
    const timer = setTimeout(() => this.ws.terminate(), 1000);
    await closed;
    clearTimeout(timer);
  }
}
