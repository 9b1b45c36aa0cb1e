/**
 * A webhook handler for the tests, on 127.0.0.1, that checks every request the way Zoom's documentation shows
 * (protocol §6) — written here, independent of src/forward, and checked against the page's test vectors.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Zoom's sample handler: re-serialise the parsed body, HMAC "v0:{timestamp}:{body}" with the secret token. */
export function zoomVerify(secret: string, headers: Record<string, string | string[] | undefined>, rawBody: string): boolean {
  const timestamp = headers['x-zm-request-timestamp'];
  const signature = headers['x-zm-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  const message = `v0:${timestamp}:${JSON.stringify(JSON.parse(rawBody))}`;
  const expected = `v0=${createHmac('sha256', secret).update(message).digest('hex')}`;
  return signature === expected;
}

/** The URL-validation answer from the same page (checks our HMAC usage against its second vector). */
export function encryptedToken(secret: string, plainToken: string): string {
  return createHmac('sha256', secret).update(plainToken).digest('hex');
}

export interface Received {
  n: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
  /** zoomVerify passed, the body is compact JSON as JSON.stringify writes it, the timestamp is fresh. */
  verified: boolean;
  /** What the handler answered; undefined until then (or for good, if the client gave up first). */
  status?: number;
}

type Answer = number | { status: number; delayMs?: number; body?: string };
/** The answer to a request; a promise holds the request until it settles. */
export type Respond = (req: Received) => Answer | Promise<Answer>;

export interface Handler {
  url: string;
  received: Received[];
  /** Resolves once `n` requests have arrived (not necessarily answered). */
  waitFor(n: number, ms?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHandler(opts: { secret?: string; respond?: Respond } = {}): Promise<Handler> {
  const received: Received[] = [];
  const waiters = new Set<() => void>();
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const ts = Number(req.headers['x-zm-request-timestamp']);
    let verified = false;
    try {
      verified =
        opts.secret !== undefined &&
        zoomVerify(opts.secret, req.headers, body) &&
        JSON.stringify(JSON.parse(body)) === body &&
        Math.abs(Date.now() / 1000 - ts) < 300;
    } catch {
      verified = false;
    }
    const r: Received = { n: received.length + 1, method: req.method!, path: req.url!, headers: req.headers, body, at: Date.now(), verified };
    received.push(r);
    waiters.forEach((w) => w());
    const answer = (await opts.respond?.(r)) ?? 200;
    const { status, delayMs = 0, body: text = '' } = typeof answer === 'number' ? { status: answer } : answer;
    const reply = () => {
      if (res.destroyed) return;
      r.status = status;
      res.writeHead(status).end(text);
    };
    if (delayMs) setTimeout(reply, delayMs);
    else reply();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/zoom/webhook`,
    received,
    waitFor(n, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < n) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out after ${ms} ms waiting for ${n} requests (got ${received.length})`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
