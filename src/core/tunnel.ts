/**
 * The transport under a proxy: an http.Agent whose sockets are HTTP CONNECT tunnels (so `ws` and
 * node:https use it unchanged), and a fetch over node:http(s) for the token request, because Node 20's
 * built-in fetch cannot take an http.Agent. Errors say which proxy refused and how, credentials masked.
 */
import http, { type Agent, type ClientRequestArgs, type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { ExitCode, UserError } from '../exit-codes.js';
import { addSecret } from './redact.js';

/** The proxy wants credentials, or refused the ones given: retrying cannot help. */
export class ProxyAuthError extends UserError {
  constructor(message: string, hint: string) {
    super(message, ExitCode.auth, hint);
    this.name = 'ProxyAuthError';
  }
}

export interface TunnelOptions {
  proxy: URL;
  /** The proxy URL as it may be printed. */
  label: string;
  /** `--proxy` or the environment variable it came from, for hints. */
  source: string;
  /** TLS to the target through the tunnel (https:, wss:). */
  secure: boolean;
  ca?: string[];
}

/** Open a CONNECT tunnel to host:port through the proxy. */
export function openTunnel(opts: TunnelOptions, host: string, port: number): Promise<Socket> {
  const { proxy, label, source, ca } = opts;
  const authority = `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
  const headers: Record<string, string> = { host: authority };
  if (proxy.username || proxy.password) {
    const basic = Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64');
    addSecret(basic);
    headers['proxy-authorization'] = `Basic ${basic}`;
  }
  const secureProxy = proxy.protocol === 'https:';
  const proxyHost = proxy.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve, reject) => {
    const req = (secureProxy ? https : http).request({
      host: proxyHost,
      port: proxy.port || (secureProxy ? 443 : 80),
      method: 'CONNECT',
      path: authority,
      headers,
      agent: false,
      ...(secureProxy && { ca, servername: isIP(proxyHost) ? undefined : proxyHost }),
    });
    req.once('connect', (res, socket, head) => {
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        if (head.length) socket.unshift(head);
        return resolve(socket);
      }
      socket.destroy();
      if (status === 407) {
        return reject(
          proxy.username
            ? new ProxyAuthError(`proxy ${label} refused the credentials in its URL (HTTP 407)`, `check the user and password in ${source}; percent-encode special characters`)
            : new ProxyAuthError(`proxy ${label} requires authentication (HTTP 407)`, `put them in ${source}: http://USER:PASSWORD@${proxy.host}`),
        );
      }
      reject(new Error(`proxy ${label} answered CONNECT ${authority} with HTTP ${status} ${res.statusMessage ?? ''}`.trim()));
    });
    req.once('error', (err: NodeJS.ErrnoException) => reject(new Error(`cannot reach proxy ${label}: ${err.code ?? err.message}`)));
    req.end();
  });
}

/** An agent whose every socket is a fresh tunnel (no keep-alive: a token request a minute apart gains nothing). */
export class TunnelAgent extends http.Agent {
  constructor(private readonly tunnel: TunnelOptions) {
    super();
    // http.request insists that the agent's protocol matches the URL's.
    (this as { protocol?: string }).protocol = tunnel.secure ? 'https:' : 'http:';
  }

  // Node's Agent accepts a socket later through the callback when createConnection returns nothing.
  override createConnection(args: ClientRequestArgs, done?: (err: Error | null, stream: Duplex) => void): undefined {
    const options = args as ConnectionOptions & ClientRequestArgs;
    const host = options.host ?? 'localhost';
    openTunnel(this.tunnel, host, Number(options.port)).then(
      (socket) => {
        if (!this.tunnel.secure) return done?.(null, socket);
        const servername = options.servername && !isIP(options.servername) ? options.servername : isIP(host) ? undefined : host;
        done?.(null, tlsConnect({ ...options, socket, servername, ca: this.tunnel.ca ?? options.ca }));
      },
      (err: Error) => done?.(err, undefined as never),
    );
    return undefined;
  }
}

/** A certificate Node does not trust is most often a TLS-inspecting proxy's: say what to do about it. */
export function untrusted(err: NodeJS.ErrnoException): Error | undefined {
  if (!/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(err.code ?? '')) return undefined;
  return new Error(`${err.message} (${err.code}); behind a TLS-inspecting proxy, give its CA certificate with --ca-file`);
}

function toHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
  }
  return headers;
}

/** Enough of fetch for the token request (method, headers, a text body, signal), over node:http(s) and the given agents. */
export function requestFetch(agentFor: (url: URL) => Agent | undefined): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    const body = init.body === undefined || init.body === null ? undefined : String(init.body);
    const headers = Object.fromEntries(new Headers(init.headers));
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise<Response>((resolve, reject) => {
      const req = (url.protocol === 'https:' ? https : http).request(
        url,
        { method: init.method ?? 'GET', headers, agent: agentFor(url), signal: init.signal ?? undefined },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const status = res.statusCode ?? 502;
            const empty = status === 204 || status === 205 || status === 304;
            resolve(new Response(empty ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage, headers: toHeaders(res.headers) }));
          });
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) => reject(untrusted(err) ?? err));
      req.end(body);
    });
  }) as typeof fetch;
}
