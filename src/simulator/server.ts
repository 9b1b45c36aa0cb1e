/**
 * The built-in Zoom: a token endpoint and an event-subscription WebSocket on one local port,
 * speaking the protocol page exactly, with fault injection for every failure zoomws handles.
 * Used by `zoomws simulate`, by `--demo`, and by the tests.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { createEventSource, type EventSource, type ZoomEvent } from './catalog.js';
import { handleTokenRequest, type IssuedToken, type OAuthMode, type SimCredentials } from './oauth.js';

export const DEMO_CREDENTIALS: SimCredentials = {
  clientId: 'zoomws-demo-client',
  clientSecret: 'zoomws-demo-secret-not-a-real-one',
  accountId: 'zoomws-demo-account',
  subscriptionId: 'c2ltdWxhdG9yLWRlbW8tMQ',
};

export interface SimulatorOptions {
  port?: number;
  host?: string;
  /** Events per second from the built-in stream; 0 sends only what the control API asks for. */
  rate?: number;
  tokenTtlSec?: number;
  credentials?: SimCredentials;
  seed?: number;
  /** Close an open socket when its token expires (whether Zoom does is unknown: both are testable). */
  cutOnExpiry?: boolean;
  /** Send each event twice (Zoom may repeat events). */
  duplicates?: boolean;
  /** Interleave a malformed frame every N events. */
  malformedEvery?: number;
  /** Drop the socket every N ms. */
  dropEveryMs?: number;
  /** Stop answering (no acks, no events) while the TCP connection stays up. */
  halfOpen?: boolean;
  /** Close this many next connections right after build_connection, as a competing consumer would cause. */
  closeOnOpen?: number;
  log?: (line: string) => void;
  /** Keep every sent event in `sent` (the tests' record of truth); a million-event soak turns it off and uses onSent. */
  keepSent?: boolean;
  onSent?: (json: string, seq: number) => void;
}

/** One event the simulator sent, and on which connection: the tests' record of truth. */
export interface SentEvent {
  seq: number;
  json: string;
  connection: number;
}

interface Client {
  id: number;
  ws: WebSocket;
  token: string;
}

export type ControlAction =
  | { action: 'drop' }
  | { action: 'close'; code?: number }
  | { action: 'half-open'; on?: boolean }
  | { action: 'reject-token' }
  | { action: 'token-ttl'; seconds: number }
  | { action: 'close-on-open'; count?: number }
  | { action: 'malformed'; count?: number }
  | { action: 'duplicate'; count?: number }
  | { action: 'burst'; count: number }
  | { action: 'emit'; event: ZoomEvent }
  | { action: 'rate'; rate: number }
  | { action: 'oauth'; mode: OAuthMode };

const MALFORMED = [
  'this is not json',
  '{"module":"message","content":"{not json either","header":{}}',
  '{"module":"presence","content":"something new","header":{}}',
  '[1,2,3]',
  '{"content":"no module at all"}',
  '{"module":"message","content":{"no_event_field":true},"header":{}}',
];

export class Simulator {
  readonly creds: SimCredentials;
  /** Every event sent, in order (tests compare it with what zoomws printed). */
  readonly sent: SentEvent[] = [];
  readonly stats = { connections: 0, heartbeats: 0, tokensMinted: 0, rejectedConnections: 0, missedEvents: 0 };
  /** Each connection's subscriptionId and when it opened/closed, for the tests. */
  readonly connectionLog: Array<{ id: number; subscriptionId: string | null; openedAt: number; closedAt?: number; heartbeatsAt: number[] }> = [];

  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly clients = new Set<Client>();
  private readonly source: EventSource;
  private readonly opts: SimulatorOptions;
  private oauthMode: OAuthMode = 'ok';
  private tokenTtlSec: number;
  private rate: number;
  private closeOnOpen: number;
  private halfOpen: boolean;
  private timers: NodeJS.Timeout[] = [];
  private streamTimer?: NodeJS.Timeout;
  private lastEvents: string[] = [];
  private eventsSinceMalformed = 0;

  constructor(opts: SimulatorOptions = {}) {
    this.opts = opts;
    this.creds = opts.credentials ?? DEMO_CREDENTIALS;
    this.tokenTtlSec = opts.tokenTtlSec ?? 3600;
    this.rate = opts.rate ?? 2;
    this.closeOnOpen = opts.closeOnOpen ?? 0;
    this.halfOpen = opts.halfOpen ?? false;
    this.source = createEventSource({ seed: opts.seed, accountId: this.creds.accountId });
    this.http = createServer((req, res) => void this.route(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.http.on('upgrade', (req, socket, head) => {
      if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws') return socket.destroy();
      // Like Zoom, the upgrade always succeeds; a bad token or subscription is refused in a frame.
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
    });
  }

  async listen(): Promise<this> {
    const { port = 0, host = '127.0.0.1' } = this.opts;
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => resolve());
    });
    this.setRate(this.rate);
    if (this.opts.dropEveryMs) this.timers.push(setInterval(() => this.control({ action: 'drop' }), this.opts.dropEveryMs));
    return this;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }
  get origin(): string {
    return `http://${this.opts.host ?? '127.0.0.1'}:${this.port}`;
  }
  get oauthUrl(): string {
    return `${this.origin}/oauth/token`;
  }
  /** The endpoint URL as Marketplace shows it: with the subscription id. */
  get wsUrl(): string {
    return `ws://${this.opts.host ?? '127.0.0.1'}:${this.port}/ws?subscriptionId=${this.creds.subscriptionId}`;
  }
  /** The environment that points zoomws at this simulator. */
  get env(): Record<string, string> {
    return {
      ZOOM_ACCOUNT_ID: this.creds.accountId,
      ZOOM_CLIENT_ID: this.creds.clientId,
      ZOOM_CLIENT_SECRET: this.creds.clientSecret,
      ZOOM_WS_URL: this.wsUrl,
      ZOOM_OAUTH_URL: this.oauthUrl,
    };
  }
  /** Every access token minted so far (the tests check none is ever printed). */
  get issuedTokens(): string[] {
    return [...this.tokens.keys()];
  }
  get openConnections(): number {
    return this.clients.size;
  }

  async close(): Promise<void> {
    this.timers.forEach(clearInterval);
    clearInterval(this.streamTimer);
    for (const c of this.clients) c.ws.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private log(line: string): void {
    this.opts.log?.(line);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/oauth/token') {
      return handleTokenRequest(req, res, {
        creds: this.creds,
        mode: this.oauthMode,
        ttlSec: this.tokenTtlSec,
        issue: (token, ttl) => {
          this.stats.tokensMinted++;
          this.tokens.set(token, { expiresAt: Date.now() + ttl * 1000, revoked: false });
          if (this.opts.cutOnExpiry) this.timers.push(setTimeout(() => this.cutExpired(token), ttl * 1000));
        },
      });
    }
    if (path === '/_sim/state' && req.method === 'GET') {
      return json(res, 200, { ...this.stats, open: this.clients.size, eventsSent: this.sent.length, rate: this.rate, oauth: this.oauthMode });
    }
    if (path === '/_sim/control' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      try {
        const done = await this.control(JSON.parse(body) as ControlAction);
        return json(res, 200, { ok: true, ...done });
      } catch (err) {
        return json(res, 400, { ok: false, error: (err as Error).message });
      }
    }
    json(res, 404, { reason: 'Not Found' });
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const params = new URL(req.url ?? '/', 'http://x').searchParams;
    const token = params.get('access_token') ?? '';
    const subscriptionId = params.get('subscriptionId');
    const id = ++this.stats.connections;
    const entry: Simulator['connectionLog'][number] = { id, subscriptionId, openedAt: Date.now(), heartbeatsAt: [] };
    this.connectionLog.push(entry);
    ws.on('close', () => (entry.closedAt = Date.now()));

    const refuse = (content: string) => {
      this.stats.rejectedConnections++;
      this.log(`connection ${id} refused: ${content}`);
      ws.send(frame('build_connection', content, false));
      ws.close(1008, content);
    };
    const issued = this.tokens.get(token);
    if (!token) return refuse('token is empty');
    if (!issued || issued.revoked) return refuse('Token is invalid');
    if (issued.expiresAt <= Date.now()) return refuse('Token is expired');
    if (subscriptionId !== this.creds.subscriptionId) return refuse(`Invalid subscriptionId: ${subscriptionId ?? ''}`);

    // One connection per subscription: the newcomer replaces the old one (third-party guides, protocol §5).
    for (const other of this.clients) {
      this.log(`connection ${other.id} replaced by connection ${id}`);
      other.ws.close(1000, 'replaced by a new connection');
      this.clients.delete(other);
    }
    const client: Client = { id, ws, token };
    this.clients.add(client);
    ws.on('close', () => this.clients.delete(client));
    ws.send(frame('build_connection', 'connection established', true));
    this.log(`connection ${id} open`);

    if (this.closeOnOpen > 0) {
      this.closeOnOpen--;
      setTimeout(() => ws.close(1000, 'another connection took over'), 50);
    }
    ws.on('message', (data) => {
      let msg: { module?: string } | undefined;
      try {
        msg = JSON.parse(data.toString()) as { module?: string };
      } catch {
        return;
      }
      if (msg?.module !== 'heartbeat') return;
      this.stats.heartbeats++;
      entry.heartbeatsAt.push(Date.now());
      if (!this.halfOpen) ws.send(frame('heartbeat', 'live', true));
    });
  }

  private cutExpired(token: string): void {
    for (const c of this.clients) {
      if (c.token !== token) continue;
      c.ws.send(JSON.stringify({ module: 'message', success: false, content: 'Token is expired', header: {} }));
      c.ws.close(1008, 'token expired');
    }
  }

  private setRate(rate: number): void {
    this.rate = rate;
    clearInterval(this.streamTimer);
    if (rate > 0) this.streamTimer = setInterval(() => this.sendNext(), 1000 / rate);
  }

  /** Send the next event of the stream to the open connection; with none open, it is lost (no replay). */
  private sendNext(event?: ZoomEvent): void {
    const next = event ? { seq: -1, event } : this.source.next();
    const json = JSON.stringify(next.event);
    // A closing socket takes no more events: they are lost like any sent while disconnected.
    const client = [...this.clients].find((c) => c.ws.readyState === WebSocket.OPEN);
    if (!client || this.halfOpen) {
      this.stats.missedEvents++;
      return;
    }
    this.deliver(client, json, next.seq);
    if (this.opts.duplicates) this.deliver(client, json, next.seq);
    if (this.opts.malformedEvery && ++this.eventsSinceMalformed >= this.opts.malformedEvery) {
      this.eventsSinceMalformed = 0;
      client.ws.send(MALFORMED[Math.floor(Math.random() * MALFORMED.length)]!);
    }
  }

  private deliver(client: Client, json: string, seq: number): void {
    if (this.opts.keepSent !== false) this.sent.push({ seq, json, connection: client.id });
    this.opts.onSent?.(json, seq);
    this.lastEvents.push(json);
    if (this.lastEvents.length > 100) this.lastEvents.shift();
    client.ws.send(JSON.stringify({ module: 'message', content: json, header: { event_id: randomBytes(8).toString('hex') } }));
  }

  /** Fault injection and scripted traffic: the control API's one entry point. */
  async control(cmd: ControlAction): Promise<Record<string, unknown>> {
    const clients = [...this.clients];
    switch (cmd.action) {
      case 'drop':
        clients.forEach((c) => c.ws.terminate());
        return { dropped: clients.length };
      case 'close':
        clients.forEach((c) => c.ws.close(cmd.code ?? 1001, 'server closing'));
        return { closed: clients.length };
      case 'half-open':
        this.halfOpen = cmd.on ?? true;
        return { halfOpen: this.halfOpen };
      case 'reject-token':
        for (const c of clients) {
          const t = this.tokens.get(c.token);
          if (t) t.revoked = true;
          c.ws.send(JSON.stringify({ module: 'message', success: false, content: 'Invalid Token', header: {} }));
          c.ws.close(1008, 'Invalid Token');
        }
        return { rejected: clients.length };
      case 'token-ttl':
        this.tokenTtlSec = cmd.seconds;
        return { tokenTtlSec: cmd.seconds };
      case 'close-on-open':
        this.closeOnOpen = cmd.count ?? 1;
        return { closeOnOpen: this.closeOnOpen };
      case 'malformed':
        for (let i = 0; i < (cmd.count ?? MALFORMED.length); i++) clients.forEach((c) => c.ws.send(MALFORMED[i % MALFORMED.length]!));
        return { sent: cmd.count ?? MALFORMED.length };
      case 'duplicate': {
        const again = this.lastEvents.slice(-(cmd.count ?? 1));
        for (const json of again) clients.forEach((c) => c.ws.send(JSON.stringify({ module: 'message', content: json, header: {} })));
        return { duplicated: again.length };
      }
      case 'burst':
        await this.burst(cmd.count);
        return { sent: cmd.count };
      case 'emit':
        this.sendNext(cmd.event);
        return { sent: clients.length ? 1 : 0 };
      case 'rate':
        this.setRate(cmd.rate);
        return { rate: cmd.rate };
      case 'oauth':
        this.oauthMode = cmd.mode;
        return { oauth: cmd.mode };
      default:
        throw new Error(`unknown action ${JSON.stringify((cmd as { action?: unknown }).action)}`);
    }
  }

  /** As fast as the socket takes them, without buffering the whole burst in memory. */
  private async burst(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const client = [...this.clients].find((c) => c.ws.readyState === WebSocket.OPEN);
      if (!client) {
        this.stats.missedEvents += count - i;
        return;
      }
      this.sendNext();
      if (i % 256 === 255) {
        while (client.ws.readyState === WebSocket.OPEN && client.ws.bufferedAmount > 1 << 22) await new Promise((r) => setTimeout(r, 1));
        await new Promise((r) => setImmediate(r));
      }
    }
  }
}

function frame(module: string, content: string, success: boolean): string {
  return JSON.stringify({ module, success, content, header: {} });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  return new Simulator(opts).listen();
}
