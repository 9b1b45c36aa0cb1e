/**
 * `zoomws connect` end to end: the built CLI as a child process against the simulator over real
 * sockets on 127.0.0.1, asserting exact stdout, stderr lines and exit codes.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/simulator/server.js';
import { BIN, cleanEnv, runCli } from '../helpers/cli.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function simulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  sim = await startSimulator({ rate: 0, seed: 7, ...opts });
  return sim;
}

const sentJson = (s: Simulator) => s.sent.map((e) => e.json);

describe('connect', () => {
  it('prints exactly the decoded events, one per line, and exits 0 after --max-events', async () => {
    const s = await simulator({ rate: 50 });
    const run = runCli(['connect', '--max-events', '5'], { env: cleanEnv(s.env) });
    const { code } = await run.exit;
    expect(code).toBe(0);
    expect(run.stdoutLines()).toEqual(sentJson(s).slice(0, 5));
    for (const line of run.stdoutLines()) expect(JSON.parse(line)).toHaveProperty('event');
    const err = run.stderrLines();
    expect(err[0]).toBe(`zoomws: connecting to 127.0.0.1:${s.port} (subscription ${s.creds.subscriptionId})`);
    expect(err[1]).toBe('zoomws: connected; waiting for events');
    expect(err[2]).toMatch(/^zoomws: 5 events, 0 reconnects, 0 gaps, 0 duplicates dropped, 0 unreadable frames skipped in \d/);
    expect(err).toHaveLength(3);
  });

  it('sends the JSON heartbeat at --heartbeat-interval', async () => {
    const s = await simulator();
    const run = runCli(['connect', '--heartbeat-interval', '0.2', '--timeout', '1.3'], { env: cleanEnv(s.env) });
    expect((await run.exit).code).toBe(0);
    const beats = s.connectionLog[0]!.heartbeatsAt;
    expect(beats.length).toBeGreaterThanOrEqual(4);
    expect(beats.length).toBeLessThanOrEqual(7);
    const gaps = beats.slice(1).map((t, i) => t - beats[i]!);
    for (const g of gaps) {
      expect(g).toBeGreaterThan(120);
      expect(g).toBeLessThan(400);
    }
  });

  it('reconnects after a drop, reports the gap, and loses or repeats nothing sent while connected', async () => {
    const s = await simulator({ rate: 40 });
    const run = runCli(['connect'], { env: cleanEnv(s.env) });
    await run.waitFor('stdout', (t) => t.split('\n').length > 10);
    await s.control({ action: 'drop' });
    await run.waitFor('stderr', /reconnected/, 5000);
    await run.waitFor('stdout', (t) => t.split('\n').length > 25);
    run.proc.kill('SIGTERM');
    const { code } = await run.exit;
    expect(code).toBe(0);
    expect(run.stdoutLines()).toEqual(sentJson(s));
    expect(s.stats.missedEvents).toBeGreaterThanOrEqual(0);
    const err = run.stderr();
    expect(err).toMatch(/zoomws: warning: disconnected at \d\d:\d\d:\d\d\.\d{3}: closed by the server \(code 1006\); reconnecting/);
    expect(err).toMatch(
      /zoomws: warning: gap: no connection from \d\d:\d\d:\d\d\.\d{3} to \d\d:\d\d:\d\d\.\d{3} \(\d+ ms\); Zoom does not replay events sent then \(cause: closed by the server \(code 1006\)\)/,
    );
    expect(err).toMatch(/1 reconnect, 1 gap \(\d+ ms without a connection\)/);
  });

  it('gets a fresh token and reconnects when Zoom rejects the token mid-stream', async () => {
    const s = await simulator({ rate: 20 });
    const run = runCli(['connect'], { env: cleanEnv(s.env) });
    await run.waitFor('stdout', /\n.*\n/);
    await s.control({ action: 'reject-token' });
    await run.waitFor('stderr', /reconnected/, 5000);
    const before = run.stdoutLines().length;
    await run.waitFor('stdout', (t) => t.split('\n').length > before + 3);
    run.proc.kill('SIGTERM');
    expect((await run.exit).code).toBe(0);
    expect(s.stats.tokensMinted).toBe(2);
    expect(run.stderr()).toContain('disconnected at');
    expect(run.stderr()).toContain('Zoom rejected the token: "Invalid Token"; reconnecting');
    expect(run.stdoutLines()).toEqual(sentJson(s));
  });

  it('detects a half-open socket within a few seconds at --heartbeat-interval 1 and replaces it', async () => {
    const s = await simulator({ rate: 10 });
    const run = runCli(['connect', '--heartbeat-interval', '1'], { env: cleanEnv(s.env) });
    await run.waitFor('stderr', /connected/);
    const silentFrom = Date.now();
    await s.control({ action: 'half-open', on: true });
    await run.waitFor('stderr', /no frame for/, 6000);
    const detectedAfter = Date.now() - silentFrom;
    await s.control({ action: 'half-open', on: false });
    await run.waitFor('stderr', /reconnected/, 5000);
    run.proc.kill('SIGTERM');
    expect((await run.exit).code).toBe(0);
    expect(detectedAfter).toBeLessThan(4500);
    expect(run.stderr()).toMatch(/disconnected at [\d:.]+: no frame for \d\.\d s \(half-open socket\); reconnecting/);
    expect(s.stats.connections).toBe(2);
  });

  it('exits 3 within seconds on a wrong client secret, saying what to check', async () => {
    const s = await simulator();
    const run = runCli(['connect'], { env: cleanEnv({ ...s.env, ZOOM_CLIENT_SECRET: 'wrong-secret' }) });
    const { code, ms } = await run.exit;
    expect(code).toBe(3);
    expect(ms).toBeLessThan(5000);
    expect(run.stdout()).toBe('');
    expect(run.stderrLines().at(-1)).toBe(
      'zoomws: error: Zoom OAuth refused the token request: HTTP 400 Invalid client_id or client_secret (invalid_client) (check ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET on the App Credentials page (was the secret regenerated?))',
    );
    expect(run.stderr()).not.toContain('wrong-secret');
    expect(run.stderr()).not.toMatch(/\n\s+at /);
  });

  it('exits 3 on a wrong account id', async () => {
    const s = await simulator();
    const run = runCli(['connect'], { env: cleanEnv({ ...s.env, ZOOM_ACCOUNT_ID: 'nope' }) });
    expect((await run.exit).code).toBe(3);
    expect(run.stderrLines().at(-1)).toBe(
      "zoomws: error: Zoom OAuth refused the token request: HTTP 400 Account does not exist (invalid_request) (check ZOOM_ACCOUNT_ID on the app's App Credentials page)",
    );
  });

  it('names a wrong subscription id and exits 4 quickly, without looping', async () => {
    const s = await simulator();
    const run = runCli(['connect', '--subscription-id', 'WrongSubscriptionId00'], { env: cleanEnv(s.env) });
    const { code, ms } = await run.exit;
    expect(code).toBe(4);
    expect(ms).toBeLessThan(10_000);
    expect(s.stats.connections).toBe(1);
    expect(run.stderrLines().at(-1)).toBe(
      `zoomws: error: Zoom refused subscription WrongSubscriptionId00: build_connection refused: "Invalid subscriptionId: WrongSubscriptionId00" (check ZOOM_SUBSCRIPTION_ID against the app's Event Subscription page)`,
    );
  });

  it('gives up with exit 4 when nothing ever listens, after bounded retries', async () => {
    const s = await simulator();
    const env = cleanEnv({ ...s.env, ZOOM_WS_URL: `ws://127.0.0.1:1/ws?subscriptionId=${s.creds.subscriptionId}` });
    const run = runCli(['connect'], { env });
    const { code, ms } = await run.exit;
    expect(code).toBe(4);
    expect(ms).toBeLessThan(30_000);
    expect(run.stderrLines().at(-1)).toMatch(
      new RegExp(`^zoomws: error: could not connect subscription ${s.creds.subscriptionId} at 127\\.0\\.0\\.1:1: ECONNREFUSED connect ECONNREFUSED 127\\.0\\.0\\.1:1 \\(check ZOOM_WS_URL`),
    );
  });

  it('exits 2 naming the missing variable', async () => {
    const run = runCli(['connect'], { env: cleanEnv({ ZOOM_CLIENT_ID: 'x', ZOOM_SUBSCRIPTION_ID: 'y' }), cwd: mkdtempSync(join(tmpdir(), 'zoomws-')) });
    expect((await run.exit).code).toBe(2);
    expect(run.stderr()).toBe(
      "zoomws: missing ZOOM_CLIENT_SECRET: find it on your app's App Credentials page in the Zoom Marketplace (set it in the environment or .env, never as a flag) (copy .env.example to .env and fill it in)\n",
    );
  });

  it('survives malformed frames, counts them, and shows them with --debug', async () => {
    const s = await simulator({ rate: 20 });
    const run = runCli(['connect', '--debug', '--max-events', '6'], { env: cleanEnv(s.env) });
    await run.waitFor('stdout', /\n.*\n/);
    await s.control({ action: 'malformed' });
    const { code } = await run.exit;
    expect(code).toBe(0);
    expect(run.stdoutLines()).toEqual(sentJson(s).slice(0, 6));
    expect(run.stderr()).toContain('skipped frame (not JSON): this is not json');
    expect(run.stderr()).toContain('skipped frame (unknown module "presence")');
    expect(run.stderr()).toMatch(/6 unreadable frames skipped/);
  });

  it('drops repeated identical events and counts them', async () => {
    const s = await simulator({ rate: 20, duplicates: true });
    const run = runCli(['connect', '--max-events', '4'], { env: cleanEnv(s.env) });
    expect((await run.exit).code).toBe(0);
    const unique = [...new Set(sentJson(s))];
    expect(run.stdoutLines()).toEqual(unique.slice(0, 4));
    expect(run.stderr()).toMatch(/[34] duplicates dropped/);
  });

  it('on SIGTERM flushes every event and exits 0 with a summary', async () => {
    const s = await simulator({ rate: 200 });
    const run = runCli(['connect'], { env: cleanEnv(s.env) });
    await run.waitFor('stdout', (t) => t.split('\n').length > 50);
    run.proc.kill('SIGTERM');
    expect((await run.exit).code).toBe(0);
    expect(run.stdoutLines()).toEqual(sentJson(s));
    expect(run.stderrLines().at(-1)).toMatch(new RegExp(`^zoomws: ${s.sent.length} events, 0 reconnects, 0 gaps`));
  });

  it('exits 0 quietly when the reader goes away (| head -1)', async () => {
    const s = await simulator({ rate: 100 });
    const { stdout, stderr } = await promisify(execFile)(
      'bash',
      ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" connect --quiet | head -1; echo "exit=\${PIPESTATUS[0]}" >&2`],
      { env: cleanEnv(s.env) },
    );
    expect(stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(JSON.parse(stdout)).toHaveProperty('event');
    expect(stderr).toBe('exit=0\n');
  });

  it('exits 5 when another consumer keeps taking the subscription', async () => {
    const s = await simulator({ closeOnOpen: 100 });
    const run = runCli(['connect'], { env: cleanEnv(s.env) });
    const { code, ms } = await run.exit;
    expect(code).toBe(5);
    expect(ms).toBeLessThan(15_000);
    expect(run.stderr()).toContain(`another consumer may be connected to subscription ${s.creds.subscriptionId}`);
    expect(run.stderrLines().at(-1)).toBe(
      `zoomws: error: the socket was closed right after opening 3 times: another consumer is probably connected to subscription ${s.creds.subscriptionId} (stop the other consumer; Zoom allows one connection per subscription)`,
    );
  });

  it('exits 6 when --timeout elapses before --max-events', async () => {
    const s = await simulator();
    const run = runCli(['connect', '--max-events', '1', '--timeout', '0.5'], { env: cleanEnv(s.env) });
    expect((await run.exit).code).toBe(6);
    expect(run.stderr()).toContain('zoomws: error: timed out after 0.5 s with 0 of 1 events');
  });

  it('filters with --events and appends to --output (mode 0600)', async () => {
    const s = await simulator({ rate: 100 });
    const out = join(mkdtempSync(join(tmpdir(), 'zoomws-')), 'events.ndjson');
    const run = runCli(['connect', '--events', 'meeting.participant_*,user.*', '--max-events', '5', '--output', out], { env: cleanEnv(s.env) });
    expect((await run.exit).code).toBe(0);
    const lines = run.stdoutLines();
    expect(lines).toHaveLength(5);
    const expected = sentJson(s).filter((j) => /^(meeting\.participant_|user\.)/.test(JSON.parse(j).event)).slice(0, 5);
    expect(lines).toEqual(expected);
    expect(readFileSync(out, 'utf8')).toBe(lines.join('\n') + '\n');
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('writes status lines as JSON objects with --log-format json', async () => {
    const s = await simulator({ rate: 50 });
    const run = runCli(['connect', '--max-events', '2', '--log-format', 'json'], { env: cleanEnv(s.env) });
    expect((await run.exit).code).toBe(0);
    const objs = run.stderrLines().map((l) => JSON.parse(l));
    expect(objs.map((o) => [o.level, o.type])).toEqual([
      ['info', 'state'],
      ['info', 'state'],
      ['info', 'summary'],
    ]);
    expect(objs[2]).toMatchObject({ events: 2, reconnects: 0, gaps: 0 });
  });

  it('prints the wire frames verbatim with --raw', async () => {
    const s = await simulator({ rate: 50 });
    const run = runCli(['connect', '--raw', '--max-events', '2'], { env: cleanEnv(s.env) });
    expect((await run.exit).code).toBe(0);
    const frames = run.stdoutLines().map((l) => JSON.parse(l));
    expect(frames[0]).toEqual({ module: 'build_connection', success: true, content: 'connection established', header: {} });
    expect(frames.slice(1).map((f) => f.content)).toEqual(sentJson(s).slice(0, 2));
  });

  it('reconnects with a fresh token when the server cuts the socket at token expiry', async () => {
    const s = await simulator({ rate: 20, tokenTtlSec: 2, cutOnExpiry: true });
    const run = runCli(['connect', '--timeout', '4.5'], { env: cleanEnv(s.env) });
    expect((await run.exit).code).toBe(0);
    expect(s.stats.tokensMinted).toBeGreaterThanOrEqual(2);
    expect(s.stats.rejectedConnections).toBe(0);
    expect(run.stderr()).toMatch(/reconnected/);
    expect(run.stdoutLines()).toEqual(sentJson(s));
  });

  it('never prints the access token or the client secret, even with --debug', async () => {
    const s = await simulator({ rate: 20 });
    const run = runCli(['connect', '--debug', '--max-events', '3'], { env: cleanEnv(s.env) });
    await run.waitFor('stdout', /\n/);
    await s.control({ action: 'reject-token' });
    expect((await run.exit).code).toBe(0);
    const err = run.stderr();
    expect(err).toContain('access_token=***');
    expect(s.issuedTokens.length).toBe(2);
    for (const token of s.issuedTokens) {
      expect(err).not.toContain(token);
      expect(err).not.toContain(token.split('.')[2]);
    }
    expect(err).not.toContain(s.creds.clientSecret);
  });
});
