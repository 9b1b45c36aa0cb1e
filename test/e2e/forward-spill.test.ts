/**
 * Forwarding's full-queue spill end to end: the built CLI (`connect --forward-to`) against the simulator and a
 * webhook handler on 127.0.0.1 that holds every request until the test lets it answer. Nothing here depends on how
 * fast the machine is: the handler's gate, not a clock, decides what is in flight, queued or spilled.
 *
 *   1. gate shut, burst of 2,500: event 1 is in flight (held), events 2..1001 wait (QUEUE_CAPACITY = 1000),
 *      events 1002..2500 spill to the dead-letter file ('queue-full');
 *   2. gate open: the 1,001 queued deliveries go through in order, a few of them refused (400, or 503 twice:
 *      'failed');
 *   3. gate shut, burst of 300: the first push finds room (spill-end), event 2501 is held, --max-events 2800 ends
 *      the run, and a SIGTERM during the drain writes the 300 unfinished deliveries to the file ('exit').
 *
 * The forward timeout is long on purpose: the held request must not time out while the burst is still arriving
 * (that would free a slot mid-burst at a moment that depends on the machine). The run never waits for it.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/server.js';
import { type Handler, type Received, startHandler } from '../forward/handler.js';
import { cleanEnv, runCli } from '../helpers/cli.js';

const SECRET = 'e2e-spill-secret-token-Qw73';
const CAPACITY = 1000; // QUEUE_CAPACITY in src/forward/forwarder.ts
const FIRST = 2500; // phase 1 burst
const SECOND = 300; // phase 3 burst
const TOTAL = FIRST + SECOND;
const QUEUED = 1 + CAPACITY; // one in flight + a full queue
const SPILLED = FIRST - QUEUED;
// Among the queued events (0-based index into everything sent): answered 400 once (final), or 503 on both attempts.
const REJECTED = new Set([37, 137, 237, 337, 437, 537, 637, 737, 837, 937]);
const BUSY = new Set([5, 404, 1000]);
const failed = (i: number) => REJECTED.has(i) || BUSY.has(i);
const DELIVERED = QUEUED - REJECTED.size - BUSY.size;

/** A gate in front of a handler's answers: while shut, requests are held without an answer. */
function gate(decide: (r: Received) => { status: number; body: string }) {
  const held: Array<() => void> = [];
  let shut = true;
  return {
    respond: (r: Received) => (shut ? new Promise<{ status: number; body: string }>((answer) => held.push(() => answer(decide(r)))) : decide(r)),
    open() {
      shut = false;
      held.splice(0).forEach((release) => release());
    },
    shut() {
      shut = true;
    },
  };
}

let sim: Simulator | undefined;
let hook: Handler | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  await hook?.close();
  hook = undefined;
});

const readNdjson = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const count = (text: string, re: RegExp) => text.split('\n').filter((l) => re.test(l)).length;
/** A duration as status lines write it ("12 ms", "1.5 s", "1m05s"): the held first delivery may take seconds on a loaded machine. */
const DURATION = '(\\d+ ms|\\d+\\.\\d s|\\d+m\\d\\ds)';

describe('connect --forward-to with a handler that falls behind', () => {
  it('spills a full queue to the dead-letter file, says so once each way, never stalls stdout, and accounts for every event exactly once', async () => {
    sim = await startSimulator({ rate: 0, seed: 33 });
    const s = sim;
    // Which event a request carries: its index in everything the simulator sent (bodies are unique, checked below).
    let index: Map<string, number> | undefined;
    const indexOf = (body: string) => {
      if (!index || !index.has(body)) index = new Map(s.sent.map((e, i) => [e.json, i]));
      return index.get(body)!;
    };
    const g = gate(({ body }) => {
      const i = indexOf(body);
      if (REJECTED.has(i)) return { status: 400, body: 'bad request' };
      if (BUSY.has(i)) return { status: 503, body: 'busy' };
      return { status: 200, body: '' };
    });
    hook = await startHandler({ secret: SECRET, respond: g.respond });
    const h = hook;
    const dir = mkdtempSync(join(tmpdir(), 'zoomws-spill-'));
    const dl = join(dir, 'dead.ndjson');
    const run = runCli(
      ['connect', '--max-events', String(TOTAL), '--forward-to', h.url, '--dead-letter', dl, '--forward-timeout', '60', '--forward-retries', '1', '--forward-concurrency', '1'],
      { env: cleanEnv({ ...s.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET }), cwd: dir },
    );
    await run.waitFor('stderr', /connected; waiting for events/);

    // 1. The gate is shut: one request in flight, held; the queue fills; the rest spill. stdout gets every event.
    void s.control({ action: 'burst', count: FIRST });
    await run.waitFor('stdout', (t) => t.split('\n').length > FIRST, 20_000);
    await run.waitFor('stderr', /is falling behind/, 5000);
    await h.waitFor(1);
    expect(h.received).toHaveLength(1);
    expect(run.stdoutLines()).toEqual(s.sent.map((e) => e.json));
    const fallingBehind = `zoomws: warning: ${h.url} is falling behind (${CAPACITY} deliveries waiting): new events for it go to the dead-letter file ${dl} until it catches up`;
    expect(run.stderrLines().filter((l) => l.includes(' is falling behind '))).toEqual([fallingBehind]);

    // 2. The gate opens: the queued 1,001 go through in order (a few refused). Wait until zoomws has an outcome for
    //    each, so its queue is empty before phase 3.
    g.open();
    const outcomes = new RegExp(`^zoomws: (forwarded \\S+ to ${esc(h.url)}: 200 in ${DURATION}$|error: \\S+ not delivered to ${esc(h.url)}: HTTP (400|503))`);
    await run.waitFor('stderr', (t) => count(t, outcomes) === QUEUED, 20_000);

    // 3. The gate shuts again; a second burst finds room (spill-end), --max-events ends the run, the drain waits on
    //    the held request, and SIGTERM writes what is left to the dead-letter file.
    g.shut();
    void s.control({ action: 'burst', count: SECOND });
    await run.waitFor('stderr', new RegExp(`finishing ${SECOND} deliveries \\(at most 2m05s; Ctrl-C writes them to ${esc(dl)} now\\)`), 20_000);
    await h.waitFor(QUEUED + BUSY.size + 1);
    run.proc.kill('SIGTERM');
    const { code, signal } = await run.exit;
    expect({ code, signal }).toEqual({ code: 0, signal: null });

    // stdout: every event, in order, none lost, none added.
    const sent = s.sent.map((e) => e.json);
    expect(sent).toHaveLength(TOTAL);
    expect(new Set(sent).size).toBe(TOTAL);
    expect(run.stdoutLines()).toEqual(sent);

    // The handler: strictly in order (concurrency 1), each 503 retried once with the same request id, all signed.
    const expectedRequests = sent.slice(0, QUEUED).flatMap((json, i) => (BUSY.has(i) ? [json, json] : [json]));
    expect(h.received.map((r) => r.body)).toEqual([...expectedRequests, sent[FIRST]]);
    expect(h.received.every((r) => r.verified)).toBe(true);
    for (const i of BUSY) {
      const tries = h.received.filter((r) => r.body === sent[i]);
      expect(tries.map((r) => r.status)).toEqual([503, 503]);
      expect(tries[0]!.headers['x-zm-request-id']).toBe(tries[1]!.headers['x-zm-request-id']);
    }
    // The last request (event 2501) was never answered: zoomws cancelled it at exit.
    expect(h.received.at(-1)!.status).toBeUndefined();
    const delivered = h.received.filter((r) => r.status === 200).map((r) => r.body);
    expect(delivered).toHaveLength(DELIVERED);

    // The dead-letter file: 0600, one record per undelivered event, in the order they were given up on.
    expect(statSync(dl).mode & 0o777).toBe(0o600);
    const records = readNdjson(dl);
    for (const r of records) expect(Date.parse(r.failed_at as string)).toBeGreaterThan(Date.now() - 120_000);
    const record = (i: number, reason: string, attempts: number, last_error: string, status: number | null) => ({
      target: h.url,
      reason,
      attempts,
      last_error,
      status,
      event: JSON.parse(sent[i]!) as unknown,
    });
    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
    expect(records.map(({ failed_at: _, ...r }) => r)).toEqual([
      ...range(QUEUED, FIRST).map((i) => record(i, 'queue-full', 0, `not sent: ${CAPACITY} deliveries were already waiting`, null)),
      ...range(0, QUEUED)
        .filter(failed)
        .map((i) => (BUSY.has(i) ? record(i, 'failed', 2, 'HTTP 503: busy', 503) : record(i, 'failed', 1, 'HTTP 400: bad request', 400))),
      record(FIRST, 'exit', 1, 'cancelled at exit', null),
      ...range(FIRST + 1, TOTAL).map((i) => record(i, 'exit', 0, 'not sent before exit', null)),
    ]);

    // Delivered + dead-lettered = every event, each exactly once.
    const dead = records.map((r) => JSON.stringify(r.event));
    const accounted = [...delivered, ...dead];
    expect(accounted).toHaveLength(TOTAL);
    expect(new Set(accounted)).toEqual(new Set(sent));

    // stderr: the spill said once each way, with the counts; the spilled events themselves are not one line each.
    const err = run.stderrLines();
    expect(err.filter((l) => / is falling behind | is catching up; /.test(l))).toEqual([
      fallingBehind,
      `zoomws: warning: ${h.url} is catching up; ${SPILLED} events went to ${dl} meanwhile (replay them with zoomws forward --file ${dl} --to ${h.url})`,
    ]);
    expect(err.filter((l) => l.includes('its queue was full'))).toEqual([]);
    expect(count(run.stderr(), new RegExp(`^zoomws: forwarded \\S+ to ${esc(h.url)}: 200 in ${DURATION}$`))).toBe(DELIVERED);
    expect(count(run.stderr(), new RegExp(`^zoomws: warning: forwarding \\S+ to ${esc(h.url)} failed: HTTP 503: busy after ${DURATION} \\(attempt 1 of 2\\); retrying in \\d+ ms$`))).toBe(BUSY.size);
    const notDelivered = err.filter((l) => l.startsWith('zoomws: error: '));
    const name = (i: number) => (JSON.parse(sent[i]!) as { event: string }).event;
    expect(notDelivered).toEqual([
      ...range(0, QUEUED)
        .filter(failed)
        .map((i) => `zoomws: error: ${name(i)} not delivered to ${h.url}: ${BUSY.has(i) ? 'HTTP 503: busy after 2 attempts' : 'HTTP 400: bad request'}; written to ${dl}`),
      `zoomws: error: ${name(FIRST)} not delivered to ${h.url}: not finished before exit (cancelled at exit); written to ${dl}`,
      ...range(FIRST + 1, TOTAL).map((i) => `zoomws: error: ${name(i)} not delivered to ${h.url}: not finished before exit (not sent before exit); written to ${dl}`),
    ]);
    // The exit summary: every event received, and the target's counts (dead-lettered = spilled + failed + exit).
    expect(err.slice(-2)).toEqual([
      expect.stringMatching(new RegExp(`^zoomws: ${TOTAL} events, 0 reconnects, 0 gaps, 0 duplicates dropped, 0 unreadable frames skipped in \\S+`)),
      `zoomws: warning: forwarded to ${h.url}: ${DELIVERED} delivered, ${BUSY.size} retried, ${TOTAL - DELIVERED} dead-lettered (in ${dl}, ${SPILLED} because the queue was full)`,
    ]);
  }, 60_000);
});
