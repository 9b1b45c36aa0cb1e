/**
 * A real HTTP CONNECT proxy on 127.0.0.1 for the tests: it records every tunnel (target, credentials,
 * the first request line it carried), can demand credentials (407), refuse (502), resolve names the
 * machine does not know (as a corporate proxy resolves for its clients), and intercept TLS with its own
 * certificate like a TLS-inspecting proxy.
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

export interface TunnelRecord {
  target: string;
  proxyAuthorization?: string;
  /** The first line the client sent through the tunnel (after TLS, when intercepting). */
  firstLine?: string;
  status: number;
}

export interface ProxyOptions {
  /** `user:password` the proxy demands. */
  credentials?: string;
  /** Answer every CONNECT with this status instead of tunnelling. */
  refuse?: number;
  /** Names only the proxy can resolve. */
  hosts?: Record<string, string>;
  /** Terminate TLS inside the tunnel with this certificate and forward plain text. */
  intercept?: { key: string; cert: string };
}

export interface TestProxy {
  url: string;
  port: number;
  tunnels: TunnelRecord[];
  close(): Promise<void>;
}

export async function startProxy(opts: ProxyOptions = {}): Promise<TestProxy> {
  const tunnels: TunnelRecord[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => res.writeHead(405).end('CONNECT only\n'));
  server.on('connection', (s: Socket) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const record: TunnelRecord = { target: req.url ?? '', proxyAuthorization: req.headers['proxy-authorization'], status: 200 };
    tunnels.push(record);
    const answer = (status: number, text: string, extra = '') => {
      record.status = status;
      client.end(`HTTP/1.1 ${status} ${text}\r\n${extra}Content-Length: 0\r\n\r\n`);
    };
    const expected = opts.credentials && `Basic ${Buffer.from(opts.credentials).toString('base64')}`;
    if (expected && record.proxyAuthorization !== expected) return answer(407, 'Proxy Authentication Required', 'Proxy-Authenticate: Basic realm="test"\r\n');
    if (opts.refuse) return answer(opts.refuse, opts.refuse === 502 ? 'Bad Gateway' : 'Refused');
    const [, host, port] = /^\[?(.+?)\]?:(\d+)$/.exec(record.target) ?? [];
    const upstream = connect(Number(port), opts.hosts?.[host!] ?? host!);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.once('error', () => (client.writable && !record.firstLine ? answer(502, 'Bad Gateway') : client.destroy()));
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      const inner = opts.intercept ? new TLSSocket(client, { isServer: true, ...opts.intercept }) : client;
      inner.once('data', (d: Buffer) => (record.firstLine = d.toString('latin1').split('\r\n')[0]));
      if (head.length) inner.unshift(head);
      inner.pipe(upstream).pipe(inner);
      inner.on('error', () => upstream.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => inner.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}
