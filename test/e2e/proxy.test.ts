/**
 * `connect` through a real CONNECT proxy on 127.0.0.1: both the token request and the socket go through
 * it, credentials travel as Proxy-Authorization and are never printed, refusals end in one clear line,
 * and a TLS-inspecting proxy works once its CA is given.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/server.js';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { type ProxyOptions, startProxy, type TestProxy } from '../helpers/connect-proxy.js';

const CERT = fileURLToPath(new URL('../fixtures/tls/cert.pem', import.meta.url));
const KEY = fileURLToPath(new URL('../fixtures/tls/key.pem', import.meta.url));

let sim: Simulator | undefined;
let proxy: TestProxy | undefined;
afterEach(async () => {
  await sim?.close();
  await proxy?.close();
  sim = proxy = undefined;
});

async function setup(opts: ProxyOptions = {}): Promise<{ s: Simulator; p: TestProxy }> {
  sim = await startSimulator({ rate: 50, seed: 11 });
  proxy = await startProxy(opts);
  return { s: sim, p: proxy };
}

const sent = (s: Simulator, n: number) => s.sent.slice(0, n).map((e) => e.json);
/** What went through the proxy: the target and the first request line of each tunnel, the token in it hidden. */
const tunnelled = (p: TestProxy) => p.tunnels.map((t) => `${t.target} ${t.firstLine?.replace(/access_token=[^& ]+/, 'access_token=…')}`);

describe('connect through a proxy', () => {
  it('--proxy carries the token request and the socket through CONNECT tunnels', async () => {
    const { s, p } = await setup();
    const run = runCli(['connect', '--max-events', '3', '--proxy', p.url], { env: cleanEnv(s.env) });
    expect((await run.exit).code).toBe(0);
    expect(run.stdoutLines()).toEqual(sent(s, 3));
    expect(tunnelled(p)).toEqual([
      `127.0.0.1:${s.port} POST /oauth/token HTTP/1.1`,
      `127.0.0.1:${s.port} GET /ws?subscriptionId=${s.creds.subscriptionId}&access_token=… HTTP/1.1`,
    ]);
  });

  it('sends the credentials in the URL as Proxy-Authorization and never prints them, even with --debug', async () => {
    const password = 'Pr0xy-pa$$word';
    const { s, p } = await setup({ credentials: `alice:${password}` });
    const url = p.url.replace('//', `//alice:${encodeURIComponent(password)}@`);
    const run = runCli(['connect', '--max-events', '2', '--proxy', url, '--debug'], { env: cleanEnv(s.env) });
    expect((await run.exit).code).toBe(0);
    expect(run.stdoutLines()).toEqual(sent(s, 2));
    const basic = Buffer.from(`alice:${password}`).toString('base64');
    expect(p.tunnels.map((t) => t.proxyAuthorization)).toEqual([`Basic ${basic}`, `Basic ${basic}`]);
    const printed = run.stdout() + run.stderr();
    for (const secret of [password, encodeURIComponent(password), basic]) expect(printed).not.toContain(secret);
  });

  it('wrong proxy credentials (407) end at once in one line naming the proxy, exit 3', async () => {
    const { s, p } = await setup({ credentials: 'alice:right-password' });
    const url = p.url.replace('//', '//alice:wrong-password@');
    const run = runCli(['connect', '--proxy', url], { env: cleanEnv(s.env) });
    expect((await run.exit).code).toBe(3);
    expect(run.stderrLines().at(-1)).toBe(
      `zoomws: error: proxy http://alice:***@127.0.0.1:${p.port} refused the credentials in its URL (HTTP 407) (check the user and password in --proxy; percent-encode special characters)`,
    );
    expect(run.stderr()).not.toContain('wrong-password');
    expect(p.tunnels).toHaveLength(1);
  });

  it('a proxy that wants credentials none were given for (407) says where to put them, exit 3', async () => {
    const { s, p } = await setup({ credentials: 'alice:right-password' });
    const run = runCli(['connect'], { env: cleanEnv({ ...s.env, ZOOM_WS_URL: `ws://zoom.test:${s.port}/ws?subscriptionId=${s.creds.subscriptionId}`, ZOOM_OAUTH_URL: `http://zoom.test:${s.port}/oauth/token`, HTTP_PROXY: p.url }) });
    expect((await run.exit).code).toBe(3);
    expect(run.stderrLines().at(-1)).toBe(
      `zoomws: error: proxy http://127.0.0.1:${p.port} requires authentication (HTTP 407) (put them in HTTP_PROXY: http://USER:PASSWORD@127.0.0.1:${p.port})`,
    );
  });

  it('a proxy that refuses the tunnel (502) ends in one line naming the proxy and the answer, exit 4', async () => {
    const { s, p } = await setup({ refuse: 502 });
    const run = runCli(['connect', '--proxy', p.url, '--max-retries', '0'], { env: cleanEnv(s.env) });
    expect((await run.exit).code).toBe(4);
    const err = run.stderrLines();
    expect(err.filter((l) => l.startsWith('zoomws: error:'))).toHaveLength(1);
    expect(err.at(-1)).toBe(
      `zoomws: error: could not connect subscription ${s.creds.subscriptionId} at 127.0.0.1:${s.port}: cannot reach 127.0.0.1:${s.port} for a token: ` +
        `proxy http://127.0.0.1:${p.port} answered CONNECT 127.0.0.1:${s.port} with HTTP 502 Bad Gateway (check ZOOM_WS_URL, ZOOM_SUBSCRIPTION_ID and the network)`,
    );
  });

  it('a proxy that is not listening ends in one line naming it, exit 4', async () => {
    const { s, p } = await setup();
    await p.close();
    const run = runCli(['connect', '--proxy', p.url.replace('//', '//bob:hidden-pw@'), '--max-retries', '0'], { env: cleanEnv(s.env) });
    expect((await run.exit).code).toBe(4);
    expect(run.stderrLines().at(-1)).toMatch(new RegExp(`^zoomws: error: could not connect .*: cannot reach proxy http://bob:\\*\\*\\*@127\\.0\\.0\\.1:${p.port}: ECONNREFUSED \\(`));
    expect(run.stderr()).not.toContain('hidden-pw');
  });

  it('HTTP_PROXY from the environment carries ws:// and http:// targets, the proxy resolving the name', async () => {
    const { s, p } = await setup({ hosts: { 'zoom.test': '127.0.0.1' } });
    const env = { ...s.env, ZOOM_WS_URL: `ws://zoom.test:${s.port}/ws?subscriptionId=${s.creds.subscriptionId}`, ZOOM_OAUTH_URL: `http://zoom.test:${s.port}/oauth/token`, http_proxy: p.url };
    const run = runCli(['connect', '--max-events', '2'], { env: cleanEnv(env) });
    expect((await run.exit).code).toBe(0);
    expect(run.stdoutLines()).toEqual(sent(s, 2));
    expect(p.tunnels.map((t) => t.target)).toEqual([`zoom.test:${s.port}`, `zoom.test:${s.port}`]);
  });

  it('a proxy from the environment is not used for loopback targets (--demo, zoomws simulate)', async () => {
    const { s, p } = await setup();
    const run = runCli(['connect', '--max-events', '2'], { env: cleanEnv({ ...s.env, HTTP_PROXY: p.url, HTTPS_PROXY: p.url }) });
    expect((await run.exit).code).toBe(0);
    expect(run.stdoutLines()).toEqual(sent(s, 2));
    expect(p.tunnels).toEqual([]);
  });

  it('NO_PROXY exempts a target from --proxy too', async () => {
    const { s, p } = await setup();
    const run = runCli(['connect', '--max-events', '2', '--proxy', p.url], { env: cleanEnv({ ...s.env, NO_PROXY: `example.com, 127.0.0.1:${s.port}` }) });
    expect((await run.exit).code).toBe(0);
    expect(run.stdoutLines()).toEqual(sent(s, 2));
    expect(p.tunnels).toEqual([]);
  });

  it('a bad --proxy is a usage error (exit 2) before anything connects', async () => {
    const run = runCli(['connect', '--demo', '--proxy', 'socks5://127.0.0.1:1080']);
    expect((await run.exit).code).toBe(2);
    expect(run.stderrLines()).toEqual(['zoomws: --proxy: socks5 proxies are not supported (use an http:// or https:// proxy)']);
  });
});

describe('a TLS-inspecting proxy', () => {
  const tlsEnv = (s: Simulator) => ({ ...s.env, ZOOM_WS_URL: `wss://127.0.0.1:${s.port}/ws?subscriptionId=${s.creds.subscriptionId}`, ZOOM_OAUTH_URL: `https://127.0.0.1:${s.port}/oauth/token` });
  const intercept = { intercept: { key: readFileSync(KEY, 'utf8'), cert: readFileSync(CERT, 'utf8') } };

  it('works for both requests once --ca-file names its CA', async () => {
    const { s, p } = await setup(intercept);
    const run = runCli(['connect', '--max-events', '2', '--proxy', p.url, '--ca-file', CERT], { env: cleanEnv(tlsEnv(s)) });
    expect((await run.exit).code).toBe(0);
    expect(run.stdoutLines()).toEqual(sent(s, 2));
    expect(tunnelled(p)).toEqual([
      `127.0.0.1:${s.port} POST /oauth/token HTTP/1.1`,
      `127.0.0.1:${s.port} GET /ws?subscriptionId=${s.creds.subscriptionId}&access_token=… HTTP/1.1`,
    ]);
  });

  it('works with NODE_EXTRA_CA_CERTS (Node reads it itself)', async () => {
    const { s, p } = await setup(intercept);
    const run = runCli(['connect', '--max-events', '2', '--proxy', p.url], { env: cleanEnv({ ...tlsEnv(s), NODE_EXTRA_CA_CERTS: CERT }) });
    expect((await run.exit).code).toBe(0);
    expect(run.stdoutLines()).toEqual(sent(s, 2));
  });

  it('without the CA: one line saying the certificate is not trusted and what to do, exit 4', async () => {
    const { s, p } = await setup(intercept);
    const run = runCli(['connect', '--proxy', p.url, '--max-retries', '0'], { env: cleanEnv(tlsEnv(s)) });
    expect((await run.exit).code).toBe(4);
    expect(run.stderrLines().at(-1)).toMatch(
      /^zoomws: error: could not connect .*for a token: self-signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\); behind a TLS-inspecting proxy, give its CA certificate with --ca-file \(/,
    );
  });
});
