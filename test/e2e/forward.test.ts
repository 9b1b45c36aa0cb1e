/**
 * Forwarding end to end: the built CLI (connect, tail, forward, trigger) against the simulator and real webhook
 * handlers on 127.0.0.1. Every request is checked by the tests' own verifier (test/forward/handler.ts), which
 * follows the protocol page and is checked against its test vectors in test/forward/signature.test.ts.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/server.js';
import { sampleTypes } from '../../src/simulator/samples.js';
import { type Handler, type Respond, startHandler, zoomVerify } from '../forward/handler.js';
import { cleanEnv, runCli } from '../helpers/cli.js';

const SECRET = 'e2e-webhook-secret-token-Zx81';
let sim: Simulator | undefined;
let handlers: Handler[] = [];
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  await Promise.all(handlers.map((h) => h.close()));
  handlers = [];
});

async function simulator(rate = 0): Promise<Simulator> {
  sim = await startSimulator({ rate, seed: 21 });
  return sim;
}
async function handler(respond?: Respond): Promise<Handler> {
  const h = await startHandler({ secret: SECRET, respond });
  handlers.push(h);
  return h;
}
/** A URL where nothing listens. */
async function refusedUrl(): Promise<string> {
  const h = await startHandler();
  await h.close();
  return h.url;
}

const tmp = () => mkdtempSync(join(tmpdir(), 'zoomws-fwd-'));
const env = (s?: Simulator, extra: Record<string, string> = {}) => cleanEnv({ ...(s?.env ?? {}), ZOOM_WEBHOOK_SECRET_TOKEN: SECRET, ...extra });
const names = (h: Handler) => h.received.map((r) => (JSON.parse(r.body) as { event: string }).event);
const readNdjson = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('connect --forward-to', () => {
  it("sends each event as Zoom's webhook would: a Zoom-style verifier accepts every request, routes by glob", async () => {
    const s = await simulator(40);
    const all = await handler();
    const meetings = await handler(() => 204);
    const run = runCli(['connect', '--max-events', '20', '--forward-to', all.url, '--forward-to', `meeting.*,webinar.*=${meetings.url}`], { env: env(s), cwd: tmp() });
    const { code } = await run.exit;
    expect(code).toBe(0);
    const out = run.stdoutLines();
    expect(out).toEqual(s.sent.slice(0, 20).map((e) => e.json));

    // Exactly the stdout events, in order, byte for byte as JSON.stringify writes them.
    expect(all.received.map((r) => r.body)).toEqual(out.map((l) => JSON.stringify(JSON.parse(l))));
    const routed = out.filter((l) => /^(meeting|webinar)\./.test((JSON.parse(l) as { event: string }).event));
    expect(routed.length).toBeGreaterThan(0);
    expect(meetings.received.map((r) => r.body)).toEqual(routed);
    for (const r of [...all.received, ...meetings.received]) {
      expect(r.verified).toBe(true);
      expect(r.method).toBe('POST');
      expect(r.path).toBe('/zoom/webhook');
      expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(r.headers['user-agent']).toBe('Zoom Marketplace/1.0a');
      expect(r.headers['x-zm-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(new Set(all.received.map((r) => r.headers['x-zm-request-id'])).size).toBe(20);

    const err = run.stderrLines();
    expect(err[0]).toBe(`zoomws: forwarding events to ${all.url}, signed with ZOOM_WEBHOOK_SECRET_TOKEN`);
    expect(err[1]).toBe(`zoomws: forwarding meeting.*,webinar.* events to ${meetings.url}, signed with ZOOM_WEBHOOK_SECRET_TOKEN`);
    const delivered = err.filter((l) => l.startsWith('zoomws: forwarded ') && / in \d+ ms$/.test(l));
    expect(delivered).toHaveLength(20 + routed.length);
    expect(delivered[0]).toMatch(new RegExp(`^zoomws: forwarded [a-z_.]+ to ${esc(all.url)}: 200 in \\d+ ms$`));
    expect(err.slice(-2)).toEqual([
      `zoomws: forwarded to ${all.url}: 20 delivered, 0 retried, 0 dead-lettered`,
      `zoomws: forwarded to ${meetings.url}: ${routed.length} delivered, 0 retried, 0 dead-lettered`,
    ]);
    expect(run.stdout() + run.stderr()).not.toContain(SECRET);
  });

  it('retries a failing handler until it answers; dead-letters (with the last error) what never gets through; forward replays the file', async () => {
    const s = await simulator(20);
    const flaky = await handler((r) => (r.n <= 2 ? { status: 503, body: 'warming up' } : 200));
    const down = await refusedUrl();
    const dir = tmp();
    const dl = join(dir, 'dead.ndjson');
    const run = runCli(['connect', '--max-events', '3', '--forward-retries', '2', '--forward-to', flaky.url, '--forward-to', down, '--dead-letter', dl], { env: env(s), cwd: dir });
    expect((await run.exit).code).toBe(0);
    const out = run.stdoutLines();
    expect(out).toHaveLength(3);

    expect(flaky.received.filter((r) => r.n > 2).map((r) => r.body)).toEqual(out);
    expect(flaky.received.every((r) => r.verified)).toBe(true);
    const err = run.stderr();
    expect(err).toMatch(new RegExp(`zoomws: warning: forwarding [a-z_.]+ to ${esc(flaky.url)} failed: HTTP 503: warming up after \\d+ ms \\(attempt 1 of 3\\); retrying in \\d+ ms`));
    expect(err).toMatch(new RegExp(`zoomws: error: [a-z_.]+ not delivered to ${esc(down)}: connection refused after 3 attempts; written to ${esc(dl)}`));
    expect(err).toContain(`zoomws: forwarded to ${flaky.url}: 3 delivered, 2 retried, 0 dead-lettered\n`);
    expect(err).toContain(`zoomws: warning: forwarded to ${down}: 0 delivered, 6 retried, 3 dead-lettered (in ${dl})\n`);

    expect(statSync(dl).mode & 0o777).toBe(0o600);
    const records = readNdjson(dl);
    expect(records.map((r) => JSON.stringify(r.event))).toEqual(out);
    for (const r of records) {
      expect(r).toMatchObject({ target: down, reason: 'failed', attempts: 3, last_error: 'connection refused', status: null });
      expect(Date.parse(r.failed_at as string)).toBeGreaterThan(Date.now() - 60_000);
    }

    // The dead-letter file replays into a handler that is up: same bodies, in order, signed.
    const back = await handler();
    const replay = runCli(['forward', '--file', dl, '--to', back.url, '--dead-letter', join(dir, 'again.ndjson')], { env: env(), cwd: dir });
    expect((await replay.exit).code).toBe(0);
    expect(back.received.map((r) => r.body)).toEqual(out);
    expect(back.received.every((r) => r.verified)).toBe(true);
    expect(replay.stderrLines().slice(-2)).toEqual([
      expect.stringMatching(new RegExp(`^zoomws: replayed 3 events from ${esc(dl)} in \\d+ ms$`)),
      `zoomws: forwarded to ${back.url}: 3 delivered, 0 retried, 0 dead-lettered`,
    ]);
  });

  it('a handler that takes 10 s per request delays neither stdout nor another target; exit dead-letters its backlog', async () => {
    const s = await simulator(0);
    const slow = await handler(() => ({ status: 200, delayMs: 10_000 }));
    const fast = await handler();
    const dir = tmp();
    const dl = join(dir, 'dead.ndjson');
    const run = runCli(['connect', '--forward-timeout', '30', '--forward-to', slow.url, '--forward-to', fast.url, '--dead-letter', dl], { env: env(s), cwd: dir });
    await run.waitFor('stderr', /connected; waiting for events/);
    const sentAt = Date.now();
    await s.control({ action: 'burst', count: 8 });
    await run.waitFor('stdout', (t) => t.split('\n').length > 8, 3000);
    await fast.waitFor(8, 3000);
    const fastDone = Math.max(...fast.received.map((r) => r.at)) - sentAt;
    expect(fastDone).toBeLessThan(2500);
    expect(fast.received.map((r) => r.body)).toEqual(s.sent.map((e) => e.json));
    // The slow handler has the first request and nothing else: one in flight, the rest queued behind it.
    expect(slow.received).toHaveLength(1);

    run.proc.kill('SIGTERM');
    await run.waitFor('stderr', new RegExp(`finishing 8 deliveries \\(at most 2m15s; Ctrl-C again writes them to ${esc(dl)} now\\)`), 5000);
    const stoppedAt = Date.now();
    run.proc.kill('SIGTERM');
    const { code, signal } = await run.exit;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(Date.now() - stoppedAt).toBeLessThan(3000);
    expect(run.stdoutLines()).toEqual(s.sent.map((e) => e.json));
    const records = readNdjson(dl);
    expect(records.map((r) => [r.reason, r.last_error])).toEqual([
      ['exit', 'cancelled at exit'],
      ...Array(7).fill(['exit', 'not sent before exit']),
    ]);
    expect(records.map((r) => JSON.stringify(r.event))).toEqual(s.sent.map((e) => e.json));
    const err = run.stderrLines();
    expect(err).toContain(`zoomws: forwarded to ${fast.url}: 8 delivered, 0 retried, 0 dead-lettered`);
    expect(err).toContain(`zoomws: warning: forwarded to ${slow.url}: 0 delivered, 0 retried, 8 dead-lettered (in ${dl})`);
  });

  // Zoom's event subscriptions can send a basic-auth header; fetch refuses URLs with credentials, so zoomws sends them as Zoom would.
  it('sends user:password from the handler URL as Basic auth, warns that argv shows it, and never prints it', async () => {
    const s = await simulator(40);
    const h = await handler();
    const withAuth = h.url.replace('http://', 'http://hook%20user:pa%3Ass-Q7@');
    const run = runCli(['connect', '--max-events', '3', '--forward-to', withAuth], { env: env(s), cwd: tmp() });
    expect((await run.exit).code).toBe(0);
    expect(h.received).toHaveLength(3);
    for (const r of h.received) expect(r.headers.authorization).toBe(`Basic ${Buffer.from('hook user:pa:ss-Q7').toString('base64')}`);
    expect(h.received.every((r) => r.verified)).toBe(true);
    const label = h.url.replace('http://', 'http://hook%20user:***@');
    expect(run.stderrLines().slice(0, 2)).toEqual([
      'zoomws: warning: the password in --forward-to is visible to other users in the process list (ps)',
      `zoomws: forwarding events to ${label}, signed with ZOOM_WEBHOOK_SECRET_TOKEN`,
    ]);
    expect(run.stderrLines().at(-1)).toBe(`zoomws: forwarded to ${label}: 3 delivered, 0 retried, 0 dead-lettered`);
    for (const secret of ['pa%3Ass-Q7', 'pa:ss-Q7', Buffer.from('hook user:pa:ss-Q7').toString('base64')]) {
      expect(run.stdout() + run.stderr()).not.toContain(secret);
    }

    const trig = runCli(['trigger', 'meeting.started', '--to', withAuth], { env: env(), cwd: tmp() });
    expect((await trig.exit).code).toBe(0);
    expect(h.received.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from('hook user:pa:ss-Q7').toString('base64')}`);
    expect(trig.stderr()).not.toContain('pa%3Ass-Q7');
  });

  it('rejects bad forwarding flags before connecting, in one line', async () => {
    const bad = runCli(['connect', '--demo', '--forward-to', 'localhost:4000/hook'], { env: env(), cwd: tmp() });
    expect((await bad.exit).code).toBe(2);
    expect(bad.stderrLines()).toEqual(['zoomws: --forward-to must be an http:// or https:// URL (got localhost://)']);
    const noFile = runCli(['connect', '--demo', '--forward-to', 'http://127.0.0.1:1234/', '--secret-token-file', 'nope.txt'], { env: env(), cwd: tmp() });
    expect((await noFile.exit).code).toBe(2);
    expect(noFile.stderrLines()).toEqual(['zoomws: cannot read --secret-token-file nope.txt: no such file']);
  });
});

describe('tail --forward-to', () => {
  it("shows each delivery's status and latency under the events; the secret comes from a file and is never printed", async () => {
    const s = await simulator(20);
    const h = await handler();
    const dir = tmp();
    writeFileSync(join(dir, 'secret.txt'), SECRET + '\n');
    const run = runCli(['tail', '--max-events', '4', '--forward-to', h.url, '--secret-token-file', 'secret.txt', '--debug'], { env: cleanEnv(s.env), cwd: dir });
    expect((await run.exit).code).toBe(0);
    expect(h.received).toHaveLength(4);
    expect(h.received.every((r) => r.verified)).toBe(true);
    const inline = run.stderrLines().filter((l) => l.startsWith('  ↳ '));
    expect(inline).toEqual(names(h).map((n) => expect.stringMatching(new RegExp(`^  ↳ ${esc(n)} → ${esc(h.url)} 200 in \\d+ ms$`))));
    expect(run.stderr()).toContain(`zoomws: forwarded to ${h.url}: 4 delivered, 0 retried, 0 dead-lettered`);
    expect(run.stdout() + run.stderr()).not.toContain(SECRET);
  });
});

describe('forward --file', () => {
  it('replays a recording in order at --rate, skipping (and reporting) bad lines; stdin works too', async () => {
    const s = await simulator(30);
    const rec = runCli(['connect', '--max-events', '6'], { env: cleanEnv(s.env) });
    expect((await rec.exit).code).toBe(0);
    const events = rec.stdoutLines();
    const dir = tmp();
    const file = join(dir, 'events.ndjson');
    writeFileSync(file, [...events.slice(0, 3), '', 'not json', ...events.slice(3)].join('\n') + '\n');

    const h = await handler();
    const run = runCli(['forward', '--file', file, '--to', h.url, '--rate', '10'], { env: env(), cwd: dir });
    const { code, ms } = await run.exit;
    expect(code).toBe(0);
    expect(ms).toBeGreaterThan(500);
    expect(h.received.map((r) => r.body)).toEqual(events);
    expect(h.received.every((r) => r.verified)).toBe(true);
    const err = run.stderrLines();
    expect(err).toContain(`zoomws: warning: ${file}:5: not JSON: not json; skipped`);
    expect(err.at(-2)).toMatch(new RegExp(`^zoomws: replayed 6 events from ${esc(file)}, 1 bad line skipped in \\d`));

    const h2 = await handler();
    const piped = runCli(['forward', '--file', '-', '--to', h2.url, '--quiet'], { env: env(), cwd: dir, input: events.join('\n') + '\n' });
    expect((await piped.exit).code).toBe(0);
    expect(h2.received.map((r) => r.body)).toEqual(events);
    expect(piped.stderr()).toBe('');
  });

  it('exits 4 when the handler stays unreachable, with the events in the dead-letter file; refuses to append to its own input', async () => {
    const dir = tmp();
    const file = join(dir, 'events.ndjson');
    writeFileSync(file, '{"event":"meeting.started","event_ts":1,"payload":{}}\n');
    const down = await refusedUrl();
    const run = runCli(['forward', '--file', file, '--to', down, '--forward-retries', '1'], { env: env(), cwd: dir });
    expect((await run.exit).code).toBe(4);
    expect(run.stderrLines().at(-1)).toBe(`zoomws: warning: forwarded to ${down}: 0 delivered, 1 retried, 1 dead-lettered (in zoomws-dead-letter.ndjson)`);
    const [record] = readNdjson(join(dir, 'zoomws-dead-letter.ndjson'));
    expect(record).toMatchObject({ reason: 'failed', attempts: 2, last_error: 'connection refused', event: { event: 'meeting.started', event_ts: 1, payload: {} } });

    const loop = runCli(['forward', '--file', 'zoomws-dead-letter.ndjson', '--to', down], { env: env(), cwd: dir });
    expect((await loop.exit).code).toBe(2);
    expect(loop.stderrLines()).toEqual(['zoomws: zoomws-dead-letter.ndjson is both the file being replayed and the dead-letter file (pass --dead-letter with another file name)']);
  });
});

describe('trigger', () => {
  it('lists the event types it has samples for', async () => {
    const run = runCli(['trigger', '--list']);
    expect((await run.exit).code).toBe(0);
    expect(run.stdoutLines()).toEqual(sampleTypes());
    expect(run.stdoutLines()).toContain('recording.completed');
  });

  it('sends one signed sample, with --set overrides, to a handler', async () => {
    const h = await handler();
    const run = runCli(['trigger', 'meeting.started', '--set', 'payload.object.topic=Standup', '--set', 'payload.object.duration=15', '--to', h.url], { env: env(), cwd: tmp() });
    expect((await run.exit).code).toBe(0);
    const [line, ...rest] = run.stdoutLines();
    expect(rest).toEqual([]);
    const event = JSON.parse(line!) as { event: string; event_ts: number; payload: { object: { topic: string; duration: number } } };
    expect(event.event).toBe('meeting.started');
    expect(event.payload.object).toMatchObject({ topic: 'Standup', duration: 15 });
    expect(Math.abs(event.event_ts - Date.now())).toBeLessThan(10_000);
    expect(h.received.map((r) => r.body)).toEqual([line]);
    expect(h.received[0]!.verified).toBe(true);
    expect(run.stderrLines()).toEqual([expect.stringMatching(new RegExp(`^zoomws: forwarded meeting.started to ${esc(h.url)}: 200 in \\d+ ms$`))]);
  });

  it('says what is wrong: an unknown type (did you mean), an unreachable handler (exit 4), a missing signature', async () => {
    const typo = runCli(['trigger', 'meeting.strated']);
    expect((await typo.exit).code).toBe(2);
    expect(typo.stderrLines()).toEqual([`zoomws: unknown event type "meeting.strated" (did you mean meeting.started? zoomws trigger --list lists the ${sampleTypes().length} types)`]);

    const down = await refusedUrl();
    const unreachable = runCli(['trigger', 'user.created', '--to', down], { env: env(), cwd: tmp() });
    expect((await unreachable.exit).code).toBe(4);
    expect(unreachable.stderrLines().at(-1)).toBe(`zoomws: user.created not delivered to ${down}: connection refused after 4 attempts (is the handler running and listening on that URL?)`);

    const h = await handler();
    const unsigned = runCli(['trigger', 'user.created', '--to', h.url], { env: cleanEnv(), cwd: tmp() });
    expect((await unsigned.exit).code).toBe(0);
    expect(unsigned.stderrLines()[0]).toBe('zoomws: warning: not signed: no ZOOM_WEBHOOK_SECRET_TOKEN (or --secret-token-file); a handler that verifies x-zm-signature will reject it');
    expect(h.received[0]!.headers).not.toHaveProperty('x-zm-signature');
    expect(zoomVerify(SECRET, h.received[0]!.headers, h.received[0]!.body)).toBe(false);
  });

  it('emits the sample from a running simulator to its connected consumer', async () => {
    const s = await simulator(0);
    const consumer = runCli(['connect', '--max-events', '1'], { env: cleanEnv(s.env) });
    await consumer.waitFor('stderr', /connected; waiting for events/);
    const run = runCli(['trigger', 'recording.completed', '--set', 'payload.object.topic=Board meeting', '--simulator', s.origin]);
    expect((await run.exit).code).toBe(0);
    expect(run.stderrLines()).toEqual([`zoomws: recording.completed sent by the simulator at ${s.origin}/`]);
    expect((await consumer.exit).code).toBe(0);
    expect(consumer.stdoutLines()).toEqual(run.stdoutLines());
    expect((JSON.parse(run.stdout()) as { payload: { object: { topic: string } } }).payload.object.topic).toBe('Board meeting');

    const nobody = runCli(['trigger', 'meeting.ended', '--simulator', s.origin]);
    expect((await nobody.exit).code).toBe(4);
    expect(nobody.stderrLines().at(-1)).toMatch(/^zoomws: the simulator at .* has no consumer connected, so the event went nowhere \(connect first/);
  });
});
