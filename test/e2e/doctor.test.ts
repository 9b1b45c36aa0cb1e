/**
 * `zoomws doctor` end to end: the built CLI against the simulator over real sockets on 127.0.0.1.
 * Every failure mode is produced by the simulator's fault injection (or a wrong value), and each test
 * asserts the failing check, its finding and its fix text, and the exit code.
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/simulator/server.js';
import { validate } from '../doctor/json-schema.js';
import { cleanEnv, ROOT, runCli } from '../helpers/cli.js';
import { startProxy, type TestProxy } from '../helpers/connect-proxy.js';
import { mintLeaf } from '../helpers/mint-cert.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'docs/doctor.schema.json'), 'utf8')) as Record<string, unknown>;

let sim: Simulator | undefined;
const servers: Server[] = [];
let proxy: TestProxy | undefined;
afterEach(async () => {
  await sim?.close();
  await proxy?.close();
  sim = undefined;
  proxy = undefined;
  for (const s of servers.splice(0)) s.close();
});

async function simulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  sim = await startSimulator({ rate: 0, seed: 7, ...opts });
  return sim;
}

/** A working directory of its own, so no ./.env of the repository is read. */
const emptyDir = () => mkdtempSync(join(tmpdir(), 'zoomws-doctor-e2e-'));

interface Check {
  id: string;
  title: string;
  status: 'pass' | 'warn' | 'fail' | 'skip';
  finding: string;
  fix: string | null;
  timings: Record<string, number>;
  details: Record<string, unknown>;
}
interface Report {
  ok: boolean;
  exitCode: number;
  summary: Record<string, number>;
  checks: Check[];
}

async function doctor(args: string[], env: Record<string, string | undefined>, cwd = emptyDir()) {
  const run = runCli(['doctor', ...args], { env: cleanEnv(env), cwd });
  const { code } = await run.exit;
  return { code, out: run.stdout(), err: run.stderr(), lines: run.stdoutLines() };
}

/** Run with --json; the document must match docs/doctor.schema.json and agree with the exit code. */
async function doctorJson(args: string[], env: Record<string, string | undefined>, cwd?: string) {
  const r = await doctor([...args, '--json'], env, cwd);
  const report = JSON.parse(r.out) as Report;
  expect(validate(schema, report)).toEqual([]);
  expect(report.exitCode).toBe(r.code);
  const check = (id: string) => report.checks.find((c) => c.id === id)!;
  return { ...r, report, check, statuses: report.checks.map((c) => `${c.id}:${c.status}`) };
}

/** No secret may appear anywhere in doctor's output. */
function expectNoSecrets(s: Simulator, ...texts: string[]): void {
  for (const text of texts) {
    expect(text).not.toContain(s.creds.clientSecret);
    for (const token of s.issuedTokens) expect(text).not.toContain(token);
  }
}

const CONNECT_NOTICE = /^zoomws: opening the socket: doctor briefly takes subscription c2ltdWxhdG9yLWRlbW8tMQ's one connection, so a running consumer may be disconnected \(--no-connect skips this\)$/m;

describe('doctor: a healthy setup', () => {
  it('passes every check, shows the first event and its lag, and exits 0', async () => {
    const s = await simulator();
    const run = runCli(['doctor', '--wait', '5'], { env: cleanEnv(s.env), cwd: emptyDir() });
    // The user does what doctor asks: events happen only after the prompt.
    await run.waitFor('stderr', /start or end a test meeting now/);
    await s.control({ action: 'burst', count: 3 });
    const code = (await run.exit).code;
    const [lines, out, err] = [run.stdoutLines(), run.stdout(), run.stderr()];
    expect(code).toBe(0);
    const checkLines = lines.filter((l) => !l.startsWith('    '));
    expect(checkLines).toHaveLength(8);
    expect(checkLines[0]).toBe('✔ Configuration: all values set; subscription id taken from the endpoint URL in ZOOM_WS_URL');
    expect(checkLines[1]).toMatch(new RegExp(`^✔ Network: 127\\.0\\.0\\.1:${s.port} DNS [\\d.]+ ms, TCP [\\d.]+ ms \\(plain http on a local host: no TLS needed\\)$`));
    expect(checkLines[2]).toMatch(/^✔ Token: minted in \d+ ms; expires in 1h00m00s \(at \d\d:\d\d:\d\d\); 4 scopes$/);
    expect(checkLines[3]).toMatch(/^✔ Subscription and socket: build_connection accepted for subscription c2ltdWxhdG9yLWRlbW8tMQ; open in [\d.]+ m?s \(upgrade [\d.]+ m?s\)$/);
    expect(checkLines[4]).toMatch(/^✔ Heartbeat: \{"module":"heartbeat"\} acknowledged in [\d.]+ m?s$/);
    const first = JSON.parse(s.sent[0]!.json) as { event: string };
    expect(checkLines[5]).toMatch(new RegExp(`^✔ Event flow: first event ${first.event.replace('.', '\\.')} after [\\d.]+ m?s; lag [\\d.]+ m?s \\(now − event_ts\\)$`));
    expect(checkLines[6]).toMatch(/^✔ Single consumer: doctor held subscription c2ltdWxhdG9yLWRlbW8tMQ's connection for [\d.]+ s and nobody took it over; \d+ events? arrived meanwhile and went to doctor, not to another consumer \(Zoom does not replay them\)$/);
    expect(checkLines[7]).toBe('All checks passed.');
    // Sources and the masked secret.
    expect(lines).toContain('    ZOOM_CLIENT_SECRET    zoom… (33 chars)  ← environment ZOOM_CLIENT_SECRET');
    expect(lines).toContain('    ZOOM_SUBSCRIPTION_ID  c2ltdWxhdG9yLWRlbW8tMQ  ← the subscriptionId in ZOOM_WS_URL');
    expect(lines).toContain('    no proxy variables set (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, ALL_PROXY)');
    // stderr: only the notices: the connection one before the socket opened, then what to do while waiting.
    expect(err.split('\n').filter(Boolean)).toHaveLength(2);
    expect(err).toMatch(CONNECT_NOTICE);
    expect(err).toMatch(/^zoomws: waiting up to 5 s for an event: start or end a test meeting now$/m);
    expect(out).not.toContain('\x1b[');
    expectNoSecrets(s, out, err);
    expect(s.connectionLog).toHaveLength(1);
    expect(s.openConnections).toBe(0);
  });

  it('--json: one document matching the schema, with the same results', async () => {
    const s = await simulator({ rate: 20 });
    const { code, report, statuses, check, err, out } = await doctorJson(['--wait', '2'], s.env);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(statuses).toEqual(['configuration:pass', 'network:pass', 'token:pass', 'socket:pass', 'heartbeat:pass', 'event-flow:pass', 'single-consumer:pass']);
    expect(report.summary).toEqual({ pass: 7, warn: 0, fail: 0, skip: 0 });
    expect(check('token').details.scopes).toEqual(['meeting:read:admin', 'user:read:admin', 'recording:read:admin', 'phone:read:admin']);
    expect(Math.abs(check('token').details.clockSkewMs as number)).toBeLessThan(2000);
    expect(check('event-flow').details.event).toBe((JSON.parse(s.sent[0]!.json) as { event: string }).event);
    expect(Object.keys(check('network').timings)).toEqual(['oauth.dns', 'oauth.tcp', 'ws.dns', 'ws.tcp']);
    expect(check('heartbeat').timings.roundTrip).toBeGreaterThanOrEqual(0);
    // The prompt is left out when an event arrived before the wait began (rate 20: it may).
    expect(err.split('\n').filter(Boolean).every((l) => CONNECT_NOTICE.test(l) || l === 'zoomws: waiting up to 2 s for an event: start or end a test meeting now')).toBe(true);
    expectNoSecrets(s, out, err);
  });

  it('without --wait, skips the event flow with a hint (no events sent)', async () => {
    const s = await simulator();
    const { code, lines } = await doctor([], s.env);
    expect(code).toBe(0);
    expect(lines).toContain('- Event flow: skipped: doctor did not wait for an event (no --wait)');
    expect(lines).toContain('    hint: run zoomws doctor --wait 60 and start or end a test meeting meanwhile');
    expect(lines.at(-1)).toBe('All checks passed. Not checked: Event flow.');
  });

  it('--no-connect never opens a socket and says why the socket checks were skipped', async () => {
    const s = await simulator();
    const { code, statuses, check, err } = await doctorJson(['--no-connect'], s.env);
    expect(code).toBe(0);
    expect(statuses.slice(3)).toEqual(['socket:skip', 'heartbeat:skip', 'event-flow:skip', 'single-consumer:skip']);
    expect(check('socket').finding).toBe('skipped: --no-connect');
    expect(check('socket').fix).toBe('run without --no-connect when a short interruption of a running consumer is acceptable');
    expect(check('heartbeat')).toMatchObject({ finding: 'skipped: --no-connect', fix: null });
    expect(s.stats.connections).toBe(0);
    expect(err).toBe('');
  });
});

describe('doctor: configuration', () => {
  it('reports a missing secret as a failed check (exit 1), still probes the network, and skips what needs it', async () => {
    const s = await simulator();
    const { ZOOM_CLIENT_SECRET: _, ...env } = s.env;
    const { code, check, statuses } = await doctorJson([], env);
    expect(code).toBe(1);
    expect(check('configuration')).toMatchObject({
      status: 'fail',
      finding: 'missing ZOOM_CLIENT_SECRET',
      fix: "find it on your app's App Credentials page in the Zoom Marketplace (set it in the environment or .env, never as a flag)",
    });
    expect(statuses).toEqual(['configuration:fail', 'network:pass', 'token:skip', 'socket:skip', 'heartbeat:skip', 'event-flow:skip', 'single-consumer:skip']);
    expect(check('token').finding).toBe('skipped: needs ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET (see Configuration)');
    expect(check('socket').finding).toBe('skipped: the configuration has errors (see Configuration)');
    expect(s.stats.tokensMinted).toBe(0);
  });

  it('shows which .env gave each value, warns about stray quotes and a .env others can read (exit 0)', async () => {
    const s = await simulator();
    const dir = emptyDir();
    writeFileSync(join(dir, '.env'), `ZOOM_CLIENT_ID=' ${s.creds.clientId}'\nZOOM_CLIENT_SECRET=${s.creds.clientSecret}\n`);
    chmodSync(join(dir, '.env'), 0o644);
    const { ZOOM_CLIENT_ID: _a, ZOOM_CLIENT_SECRET: _b, ...env } = s.env;
    const { code, lines, out } = await doctor(['--no-connect'], env, dir);
    expect(code).toBe(0);
    expect(lines[0]).toBe(`! Configuration: ZOOM_CLIENT_ID in ${join(dir, '.env')}: removed stray whitespace or quotes around the value (and 1 more below)`);
    expect(lines[1]).toBe('    fix: remove the extra characters where the value is set');
    expect(lines).toContain(`    ZOOM_CLIENT_ID        ${s.creds.clientId}  ← file .env`);
    expect(lines).toContain('    ZOOM_CLIENT_SECRET    zoom… (33 chars)  ← file .env');
    expect(lines).toContain('    ! .env is readable by other users (mode 644) and holds credentials: chmod 600 .env');
    expect(lines).toContain('✔ Token: ' + lines.find((l) => l.startsWith('✔ Token: '))!.slice(9));
    expect(lines.at(-1)).toBe('No check failed; 1 warning: Configuration.');
    expect(out).not.toContain(s.creds.clientSecret);
  });

  it('parses an endpoint URL pasted into ZOOM_SUBSCRIPTION_ID and says which id to set', async () => {
    const s = await simulator();
    const { code, check } = await doctorJson([], { ...s.env, ZOOM_WS_URL: `ws://127.0.0.1:${s.port}/ws`, ZOOM_SUBSCRIPTION_ID: s.wsUrl });
    expect(code).toBe(1);
    expect(check('configuration')).toMatchObject({
      status: 'fail',
      finding: 'ZOOM_SUBSCRIPTION_ID holds a URL, not a subscription id',
      fix: 'set ZOOM_SUBSCRIPTION_ID=c2ltdWxhdG9yLWRlbW8tMQ (the part after subscriptionId=), or put the whole URL in ZOOM_WS_URL instead',
    });
  });

  it('fails on a socket URL that is not ws/wss, and still shows the other values', async () => {
    const s = await simulator();
    const env = { ...s.env, ZOOM_WS_URL: `https://127.0.0.1:${s.port}/ws` };
    const { lines } = await doctor(['--no-connect'], env);
    const { code, check } = await doctorJson(['--no-connect'], env);
    expect(code).toBe(1);
    expect(check('configuration').finding).toBe('ZOOM_WS_URL must start with wss:// (got https://) (and 1 more below)');
    expect(lines).toContain('    ZOOM_WS_URL           invalid (see below)');
    expect(lines).toContain('    ZOOM_ACCOUNT_ID       zoomws-demo-account  ← environment ZOOM_ACCOUNT_ID');
  });
});

describe('doctor: network', () => {
  it('fails when nothing listens at the OAuth host, and skips the token', async () => {
    const s = await simulator();
    const closed = createTcpServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    const { code, check } = await doctorJson([], { ...s.env, ZOOM_OAUTH_URL: `http://127.0.0.1:${port}/oauth/token` });
    expect(code).toBe(1);
    expect(check('network').status).toBe('fail');
    expect(check('network').finding).toMatch(new RegExp(`^TCP connection to 127\\.0\\.0\\.1:${port} \\(OAuth\\) failed: .*ECONNREFUSED`));
    expect(check('network').fix).toBe(`nothing is listening on 127.0.0.1:${port}: check the port in ZOOM_OAUTH_URL`);
    expect(check('token').finding).toBe('skipped: the OAuth host cannot be reached (see Network)');
  });

  it('fails the TLS step when wss:// points at a server without TLS', async () => {
    const s = await simulator();
    const { code, check } = await doctorJson([], { ...s.env, ZOOM_WS_URL: `wss://127.0.0.1:${s.port}/ws?subscriptionId=${s.creds.subscriptionId}` });
    expect(code).toBe(1);
    expect(check('network').finding).toBe(`TLS handshake with 127.0.0.1:${s.port} (WebSocket) failed: ERR_SSL_WRONG_VERSION_NUMBER (wrong version number)`);
    expect(check('network').fix).toMatch(/^check the scheme in ZOOM_WS_URL \(wss:\/\/ and https:\/\/ need a TLS server/);
    expect(check('token').status).toBe('pass');
    expect(check('socket').finding).toBe('skipped: the WebSocket host cannot be reached (see Network)');
  });

  it('takes the path connect takes: every probe, the token and the socket through --proxy', async () => {
    const s = await simulator({ rate: 20 });
    proxy = await startProxy();
    const { code, check, statuses } = await doctorJson(['--proxy', proxy.url, '--wait', '2'], s.env);
    expect(code).toBe(0);
    expect(statuses.every((st) => st.endsWith(':pass'))).toBe(true);
    expect(check('network').finding).toMatch(new RegExp(`^127\\.0\\.0\\.1:${s.port} via proxy http://127\\.0\\.0\\.1:${proxy.port} DNS [\\d.]+ ms, CONNECT [\\d.]+ ms`));
    // The network probe, the token request and the socket: three tunnels to the simulator.
    expect(proxy.tunnels.map((t) => t.target)).toEqual([`127.0.0.1:${s.port}`, `127.0.0.1:${s.port}`, `127.0.0.1:${s.port}`]);
  });

  it('fails the network check when the proxy wants credentials (407)', async () => {
    const s = await simulator();
    proxy = await startProxy({ credentials: 'me:right' });
    const { code, check, out } = await doctorJson(['--proxy', `http://me:wrong@127.0.0.1:${proxy.port}`], s.env);
    expect(code).toBe(1);
    expect(check('network').finding).toBe(
      `no tunnel to 127.0.0.1:${s.port} (OAuth and WebSocket) through proxy http://me:***@127.0.0.1:${proxy.port}: proxy http://me:***@127.0.0.1:${proxy.port} refused the credentials in its URL (HTTP 407)`,
    );
    expect(check('network').fix).toMatch(/^check the proxy URL \(--proxy, HTTPS_PROXY\) and its credentials/);
    expect(check('token').finding).toBe('skipped: the OAuth host cannot be reached (see Network)');
    expect(out).not.toContain('wrong');
  });

  it('shows the proxy variables in effect, passwords hidden', async () => {
    const s = await simulator();
    const { lines, out } = await doctor(['--no-connect'], { ...s.env, https_proxy: 'http://me:hunter2@127.0.0.1:9', NO_PROXY: '127.0.0.1' });
    expect(lines).toContain('    proxy settings in effect: https_proxy=http://me:***@127.0.0.1:9, NO_PROXY=127.0.0.1');
    expect(out).not.toContain('hunter2');
  });
});

describe('doctor: a TLS-inspecting proxy in front of Zoom', () => {
  // The proxy's CA is the fixture; like a real inspecting proxy it answers TLS for Zoom's own host names
  // (which it resolves to the simulator) with a leaf certificate that CA signed.
  const CA_FILE = join(ROOT, 'test/fixtures/tls/cert.pem');
  const proxyCa = { cert: readFileSync(CA_FILE, 'utf8'), key: readFileSync(join(ROOT, 'test/fixtures/tls/key.pem'), 'utf8') };

  async function intercepted() {
    const s = await simulator();
    proxy = await startProxy({ hosts: { 'zoom.us': '127.0.0.1', 'ws.zoom.us': '127.0.0.1' }, intercept: mintLeaf(proxyCa, ['zoom.us', 'ws.zoom.us']) });
    const env = { ...s.env, ZOOM_OAUTH_URL: `https://zoom.us:${s.port}/oauth/token`, ZOOM_WS_URL: `wss://ws.zoom.us:${s.port}/ws?subscriptionId=${s.creds.subscriptionId}` };
    return { s, p: proxy, env, args: ['--proxy', proxy.url] };
  }

  it('with --ca-file: the chain is trusted, the unexpected issuer is a warning on both hosts, and everything else works (exit 0)', async () => {
    const { s, p, env, args } = await intercepted();
    const { code, lines, out, err } = await doctor([...args, '--ca-file', CA_FILE], env);
    expect(code).toBe(0);
    const at = lines.findIndex((l) => l.startsWith('! Network: '));
    expect(lines[at]).toBe(`! Network: the certificate of zoom.us:${s.port} (OAuth) was issued by zoomws-test-proxy-ca, not a public CA: TLS is probably intercepted (and 1 more below)`);
    expect(lines[at + 1]).toBe(
      "    fix: zoomws trusts this CA (from --ca-file PATH, NODE_EXTRA_CA_CERTS or Node's roots): fine if your network inspects TLS on purpose; otherwise ask your network team what is intercepting",
    );
    const via = `http://127\\.0\\.0\\.1:${p.port}`;
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^    zoom\\.us:${s.port} \\(OAuth\\): DNS \\(proxy\\) [\\d.]+ ms · CONNECT via ${via} [\\d.]+ ms · TLS [\\d.]+ ms; issuer zoomws-test-proxy-ca, TLSv1\\.3$`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^    ws\\.zoom\\.us:${s.port} \\(WebSocket\\): DNS \\(proxy\\) [\\d.]+ ms · CONNECT via ${via} [\\d.]+ ms · TLS [\\d.]+ ms; issuer zoomws-test-proxy-ca, TLSv1\\.3$`)));
    expect(lines).toContain(`    ! the certificate of zoom.us:${s.port} (OAuth) was issued by zoomws-test-proxy-ca, not a public CA: TLS is probably intercepted`);
    expect(lines).toContain(`    ! the certificate of ws.zoom.us:${s.port} (WebSocket) was issued by zoomws-test-proxy-ca, not a public CA: TLS is probably intercepted`);
    // A warning, not a failure: the token and the socket go through the same proxy with the same CA.
    for (const title of ['Configuration', 'Token', 'Subscription and socket', 'Heartbeat', 'Single consumer']) expect(lines.some((l) => l.startsWith(`✔ ${title}: `))).toBe(true);
    expect(lines.at(-1)).toBe('No check failed; 1 warning: Network.');
    expect(p.tunnels.map((t) => t.target).sort()).toEqual([`ws.zoom.us:${s.port}`, `ws.zoom.us:${s.port}`, `zoom.us:${s.port}`, `zoom.us:${s.port}`]);
    expect(s.stats.connections).toBe(1);
    expectNoSecrets(s, out, err);
  });

  it('trusts NODE_EXTRA_CA_CERTS alongside --ca-file, as connect does', async () => {
    const { s, env, args } = await intercepted();
    // --ca-file names some other certificate; the proxy's CA comes only from NODE_EXTRA_CA_CERTS.
    const other = join(emptyDir(), 'other.pem');
    writeFileSync(other, mintLeaf(proxyCa, ['other.example']).cert);
    const { code, lines } = await doctor([...args, '--ca-file', other], { ...env, NODE_EXTRA_CA_CERTS: CA_FILE });
    expect(code).toBe(0);
    expect(lines.find((l) => l.startsWith('! Network: '))).toBe(
      `! Network: the certificate of zoom.us:${s.port} (OAuth) was issued by zoomws-test-proxy-ca, not a public CA: TLS is probably intercepted (and 1 more below)`,
    );
    expect(lines.at(-1)).toBe('No check failed; 1 warning: Network.');
  });

  it('without --ca-file: the certificate is not trusted, a failure naming --ca-file and NODE_EXTRA_CA_CERTS (exit 1, --json)', async () => {
    const { s, env, args } = await intercepted();
    const { code, report, check, statuses } = await doctorJson(args, env);
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(check('network')).toMatchObject({
      status: 'fail',
      finding: `the certificate of zoom.us:${s.port} (OAuth) is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE), issued by zoomws-test-proxy-ca: a proxy may be intercepting TLS (and 1 more below)`,
      fix: 'if your network inspects TLS on purpose, give zoomws its CA certificate with --ca-file PATH (or NODE_EXTRA_CA_CERTS); otherwise ask your network team what is intercepting',
    });
    const hosts = check('network').details.hosts as Array<{ host: string; tls: Record<string, unknown> }>;
    expect(hosts.map((h) => [h.host, h.tls.ok, h.tls.authorized, h.tls.authorizationError, h.tls.issuer, h.tls.subject])).toEqual([
      ['zoom.us', true, false, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'zoomws-test-proxy-ca', 'zoom.us'],
      // One leaf for both names (its subject is the first).
      ['ws.zoom.us', true, false, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'zoomws-test-proxy-ca', 'zoom.us'],
    ]);
    expect(Object.keys(check('network').timings)).toEqual(['oauth.dns', 'oauth.tcp', 'oauth.tls', 'ws.dns', 'ws.tcp', 'ws.tls']);
    expect(statuses).toEqual(['configuration:pass', 'network:fail', 'token:skip', 'socket:skip', 'heartbeat:skip', 'event-flow:skip', 'single-consumer:skip']);
    expect(check('token').finding).toBe('skipped: the OAuth host cannot be reached (see Network)');
    expect(s.stats.tokensMinted).toBe(0);
    expect(s.stats.connections).toBe(0);
  });
});

describe('doctor: token', () => {
  const cases: Array<[string, (s: Simulator) => Promise<Record<string, string>>, string, RegExp]> = [
    ['a wrong client secret', async (s) => ({ ...s.env, ZOOM_CLIENT_SECRET: 'a-regenerated-secret' }), 'wrong client id or client secret: Zoom OAuth refused the token request: HTTP 400 Invalid client_id or client_secret (invalid_client)', /was the secret regenerated\? was it copied with a space or a missing character\? \(in use: client id zoomws-demo-client, secret a-re… \(20 chars\)\)$/],
    ['a wrong account id', async (s) => ({ ...s.env, ZOOM_ACCOUNT_ID: 'someone-else' }), 'wrong account id: Zoom OAuth refused the token request: HTTP 400 Account does not exist (invalid_request)', /^copy ZOOM_ACCOUNT_ID again from the App Credentials page of the same app as the client id \(in use: someone-else\)$/],
    ['a general app (unsupported grant type)', async (s) => (await s.control({ action: 'oauth', mode: 'unsupported-grant' }), s.env), 'not a Server-to-Server OAuth app: Zoom OAuth refused the token request: HTTP 400 Unsupported grant type (unsupported_grant_type)', /^create a Server-to-Server OAuth app in the Zoom Marketplace/],
    ['a deactivated app', async (s) => (await s.control({ action: 'oauth', mode: 'app-disabled' }), s.env), 'the app is deactivated: Zoom OAuth refused the token request: HTTP 400 The app has been disabled (invalid_client)', /^open the app in the Zoom Marketplace and activate it/],
    ['an OAuth server error', async (s) => (await s.control({ action: 'oauth', mode: 'error-500' }), s.env), "Zoom's OAuth endpoint answered with an error (HTTP 500): Zoom OAuth refused the token request: HTTP 500 Internal Server Error (server_error)", /status\.zoom\.us/],
  ];
  it.each(cases)('explains %s and skips the socket checks', async (_name, setup, finding, fix) => {
    const s = await simulator();
    const env = await setup(s);
    const { code, check, statuses, out, err } = await doctorJson([], env);
    expect(code).toBe(1);
    expect(check('token').status).toBe('fail');
    expect(check('token').finding).toBe(finding);
    expect(check('token').fix).toMatch(fix);
    expect(statuses.slice(3)).toEqual(['socket:skip', 'heartbeat:skip', 'event-flow:skip', 'single-consumer:skip']);
    expect(check('socket').finding).toBe('skipped: no token (see Token)');
    expect(s.stats.connections).toBe(0);
    expectNoSecrets(s, out, err);
  });

  it("warns about clock skew from the response's Date header (> 60 s)", async () => {
    const s = await simulator();
    // A gateway in front of the simulator's token endpoint whose clock is 10 minutes ahead.
    const gateway = createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      const upstream = await fetch(s.oauthUrl, { method: 'POST', headers: { authorization: req.headers.authorization!, 'content-type': req.headers['content-type']! }, body });
      res.writeHead(upstream.status, { 'content-type': 'application/json', date: new Date(Date.now() + 10 * 60_000).toUTCString() });
      res.end(await upstream.text());
    });
    servers.push(gateway);
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    const port = (gateway.address() as { port: number }).port;
    const { code, check } = await doctorJson(['--no-connect'], { ...s.env, ZOOM_OAUTH_URL: `http://127.0.0.1:${port}/oauth/token` });
    expect(code).toBe(0);
    expect(check('token').status).toBe('warn');
    expect(check('token').finding).toMatch(/; but the local clock is (9m5\d|10m0\d)s behind Zoom's$/);
    expect(check('token').fix).toBe('synchronise the clock (enable NTP / automatic time): event lag and token expiry are computed from it');
    expect(check('token').details.clockSkewMs as number).toBeLessThan(-590_000);
  });
});

describe('doctor: subscription and socket', () => {
  it('explains a subscription id Zoom refuses', async () => {
    const s = await simulator();
    const { code, check, statuses } = await doctorJson([], { ...s.env, ZOOM_WS_URL: `ws://127.0.0.1:${s.port}/ws`, ZOOM_SUBSCRIPTION_ID: 'AAAAAAAAAAAAAAAAAAAAAA' });
    expect(code).toBe(1);
    expect(check('socket').finding).toBe('build_connection refused: Zoom refused subscription AAAAAAAAAAAAAAAAAAAAAA ("Invalid subscriptionId: AAAAAAAAAAAAAAAAAAAAAA")');
    expect(check('socket').fix).toBe(
      "check ZOOM_SUBSCRIPTION_ID against the app's Features > Access > Event Subscription page: the subscription must belong to this app and use the WebSocket method",
    );
    expect(statuses.slice(4)).toEqual(['heartbeat:skip', 'event-flow:skip', 'single-consumer:skip']);
    expect(check('heartbeat').finding).toBe('skipped: the socket did not open (see Subscription and socket)');
  });

  it('explains a token the socket refuses at build_connection', async () => {
    const s = await simulator();
    await s.control({ action: 'token-ttl', seconds: 0 });
    const { code, check } = await doctorJson([], s.env);
    expect(code).toBe(1);
    expect(check('token').status).toBe('pass');
    expect(check('socket').finding).toBe('build_connection refused: Zoom says the freshly minted token has expired ("Token is expired")');
    expect(check('socket').fix).toBe('check the clock (see the Token check) and run zoomws doctor again');
  });

  it('reports a token rejected on the open socket', async () => {
    const s = await simulator();
    const run = runCli(['doctor', '--wait', '10', '--json'], { env: cleanEnv(s.env), cwd: emptyDir() });
    await run.waitFor('stderr', /waiting up to 10 s/);
    await s.control({ action: 'reject-token' });
    const { code } = await run.exit;
    const report = JSON.parse(run.stdout()) as Report;
    expect(validate(schema, report)).toEqual([]);
    expect(code).toBe(1);
    const single = report.checks.find((c) => c.id === 'single-consumer')!;
    expect(single.status).toBe('fail');
    expect(single.finding).toMatch(/^Zoom closed the open socket after \d+ ms with "Invalid Token"$/);
    expect(single.fix).toBe('Zoom rejected the token on an open socket: run zoomws doctor again; if it repeats, check that the app is activated');
    expect(report.checks.find((c) => c.id === 'event-flow')!.finding).toMatch(/^skipped: the socket was closed \d+ ms after opening/);
  });

  it('explains a wrong socket path', async () => {
    const s = await simulator();
    const { code, check } = await doctorJson([], { ...s.env, ZOOM_WS_URL: `ws://127.0.0.1:${s.port}/wrong?subscriptionId=${s.creds.subscriptionId}` });
    expect(code).toBe(1);
    expect(check('socket').finding).toBe('could not open the socket: ECONNRESET socket hang up');
    expect(check('socket').fix).toBe("check ZOOM_WS_URL (Zoom's endpoint is wss://ws.zoom.us/ws); a proxy or firewall may refuse WebSocket upgrades");
  });
});

describe('doctor: heartbeat, event flow, single consumer', () => {
  it('fails the heartbeat on a half-open connection', async () => {
    const s = await simulator({ halfOpen: true });
    const { code, check } = await doctorJson(['--wait', '2'], s.env);
    expect(code).toBe(1);
    expect(check('heartbeat')).toMatchObject({ status: 'fail', finding: 'no acknowledgement within 5 s: the connection is half-open (frames go out, nothing comes back)' });
    expect(check('heartbeat').fix).toMatch(/^a proxy, VPN or firewall is probably holding the connection without passing frames/);
    expect(check('event-flow').finding).toBe('skipped: the connection is half-open, nothing can arrive on it (see Heartbeat)');
    expect(s.stats.heartbeats).toBe(1);
  });

  it('says plainly that no event arrived and what to do to produce one', async () => {
    const s = await simulator({ rate: 0 });
    const { code, lines, err } = await doctor(['--wait', '2'], s.env);
    expect(code).toBe(1);
    expect(lines).toContain('✖ Event flow: no event arrived in 2 s');
    expect(lines).toContain(
      "    fix: start or end a test meeting while doctor waits (run zoomws doctor --wait 60); if still nothing, check that the app's Event Subscription lists that event and the app has its read scope",
    );
    expect(lines.at(-1)).toBe('1 check failed: Event flow. Fix the first one and run zoomws doctor again.');
    expect(err).toMatch(/^zoomws: waiting up to 2 s for an event: start or end a test meeting now$/m);
  });

  it('reports another consumer when the socket is closed right after opening', async () => {
    const s = await simulator({ closeOnOpen: 1 });
    const { code, lines } = await doctor([], s.env);
    expect(code).toBe(1);
    const line = lines.find((l) => l.startsWith('✖ Single consumer'))!;
    expect(line).toMatch(/^✖ Single consumer: the socket was closed \d+ ms after opening \(code 1000 "another connection took over"\): another consumer is probably connected to subscription c2ltdWxhdG9yLWRlbW8tMQ$/);
    expect(lines[lines.indexOf(line) + 1]).toBe(
      '    fix: stop the other consumer (a running zoomws connect or tail, or your own app): Zoom allows one connection per subscription; then run zoomws doctor again',
    );
  });

  it('takes the connection from a running consumer, which takes it back: reported as another consumer', async () => {
    const s = await simulator();
    const consumer = runCli(['connect'], { env: cleanEnv(s.env), cwd: emptyDir() });
    await consumer.waitFor('stderr', /connected; waiting for events/);
    const { code, check, err } = await doctorJson(['--wait', '8'], s.env);
    consumer.proc.kill('SIGTERM');
    await consumer.exit;
    expect(err).toMatch(CONNECT_NOTICE);
    expect(code).toBe(1);
    expect(check('single-consumer').finding).toMatch(/^the socket was closed [\d.]+ m?s after opening \(code 1000 "replaced by a new connection"\): another consumer is probably connected/);
  });
});
