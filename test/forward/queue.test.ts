/** One target's delivery queue against a real HTTP handler on 127.0.0.1: retries, dead letters, order, spill, drain. */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeadLetter } from '../../src/forward/dead-letter.js';
import { Forwarder } from '../../src/forward/forwarder.js';
import { type QueueOptions, type Report, TargetQueue } from '../../src/forward/queue.js';
import { parseTarget } from '../../src/forward/target.js';
import { type Handler, type Respond, startHandler } from './handler.js';

const SECRET = 'queue-test-secret';
let handlers: Handler[] = [];
afterEach(async () => {
  await Promise.all(handlers.map((h) => h.close()));
  handlers = [];
});

async function handler(respond?: Respond): Promise<Handler> {
  const h = await startHandler({ secret: SECRET, respond });
  handlers.push(h);
  return h;
}

function deadLetterFile(): DeadLetter {
  return new DeadLetter(join(mkdtempSync(join(tmpdir(), 'zoomws-dl-')), 'dead.ndjson'), false, 'dead.ndjson');
}

function queue(url: string, opts: Partial<QueueOptions> = {}) {
  const reports: Report[] = [];
  const deadLetter = opts.deadLetter ?? deadLetterFile();
  const q = new TargetQueue(parseTarget(url, () => {}), {
    concurrency: 1,
    timeoutMs: 2000,
    retries: 3,
    capacity: 100,
    secret: SECRET,
    deadLetter,
    backoff: { baseMs: 20, capMs: 50 },
    onReport: (r) => reports.push(r),
    ...opts,
  });
  return { q, reports, deadLetter };
}

const delivery = (i: number, name = 'meeting.started') => {
  const event = { event: name, event_ts: 1_760_000_000_000 + i, payload: { account_id: 'acct', object: { id: String(i), topic: `Topic ${i} ✓` } } };
  return { name, body: JSON.stringify(event), event, requestId: `req-${i}` };
};

const records = (dl: DeadLetter) =>
  readFileSync(dl.path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown> & { event: { event_ts: number } });

describe('TargetQueue', () => {
  it('retries a 503 with backoff, then delivers; every attempt signed, one request id', async () => {
    const h = await handler((r) => (r.n <= 2 ? { status: 503, body: 'busy' } : 200));
    const { q, reports, deadLetter } = queue(h.url);
    q.push(delivery(1));
    await q.drain(10_000);
    expect(h.received).toHaveLength(3);
    expect(h.received.every((r) => r.verified)).toBe(true);
    expect(new Set(h.received.map((r) => r.headers['x-zm-request-id']))).toEqual(new Set(['req-1']));
    expect(h.received.every((r) => r.body === delivery(1).body)).toBe(true);
    expect(reports.map((r) => r.kind)).toEqual(['retry', 'retry', 'delivered']);
    expect(reports[0]).toMatchObject({ error: 'HTTP 503: busy', attempt: 1, attempts: 4 });
    expect(reports[2]).toMatchObject({ status: 200, attempt: 3 });
    expect(q.stats).toEqual({ delivered: 1, retried: 2, deadLettered: 0, spilled: 0, lost: 0 });
    expect(await deadLetter.close()).toBeUndefined();
    expect(() => statSync(deadLetter.path)).toThrow();
  });

  it('dead-letters after the last retry, with the last error, in a 0600 file', async () => {
    const h = await handler(() => ({ status: 500, body: 'database down' }));
    const { q, reports, deadLetter } = queue(h.url, { retries: 2 });
    q.push(delivery(7));
    await q.drain(10_000);
    await deadLetter.close();
    expect(h.received).toHaveLength(3);
    expect(reports.map((r) => r.kind)).toEqual(['retry', 'retry', 'dead-letter']);
    expect(statSync(deadLetter.path).mode & 0o777).toBe(0o600);
    const [rec, ...more] = records(deadLetter);
    expect(more).toEqual([]);
    expect(rec).toMatchObject({ target: h.url, reason: 'failed', attempts: 3, last_error: 'HTTP 500: database down', status: 500, event: delivery(7).event });
    expect(Date.parse(rec!.failed_at as string)).toBeGreaterThan(Date.now() - 10_000);
    expect(q.stats).toEqual({ delivered: 0, retried: 2, deadLettered: 1, spilled: 0, lost: 0 });
  });

  it('retries refused connections and timeouts; a 4xx answer is final', async () => {
    const gone = await handler();
    await gone.close();
    handlers = [];
    const refused = queue(gone.url, { retries: 1 });
    refused.q.push(delivery(1));
    await refused.q.drain(10_000);
    await refused.deadLetter.close();
    expect(records(refused.deadLetter)[0]).toMatchObject({ attempts: 2, last_error: 'connection refused', status: null });

    const slow = await handler(() => ({ status: 200, delayMs: 1500 }));
    const timedOut = queue(slow.url, { retries: 1, timeoutMs: 200 });
    timedOut.q.push(delivery(2));
    await timedOut.q.drain(10_000);
    await timedOut.deadLetter.close();
    expect(slow.received).toHaveLength(2);
    expect(records(timedOut.deadLetter)[0]).toMatchObject({ attempts: 2, last_error: 'no answer within 0.2 s' });

    const strict = await handler(() => ({ status: 401, body: 'invalid signature' }));
    const rejected = queue(strict.url);
    rejected.q.push(delivery(3));
    await rejected.q.drain(10_000);
    await rejected.deadLetter.close();
    expect(strict.received).toHaveLength(1);
    expect(records(rejected.deadLetter)[0]).toMatchObject({ attempts: 1, last_error: 'HTTP 401: invalid signature', status: 401 });
  });

  it('delivers in order, one at a time, even when some attempts fail and are retried', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const h = await handler((r) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      const delayMs = (r.n * 7) % 23;
      setTimeout(() => inFlight--, delayMs);
      return { status: r.n % 4 === 0 ? 503 : 200, delayMs };
    });
    const { q } = queue(h.url);
    for (let i = 0; i < 30; i++) q.push(delivery(i));
    await q.drain(20_000);
    const accepted = h.received.filter((r) => r.n % 4 !== 0).map((r) => (JSON.parse(r.body) as { event_ts: number }).event_ts - 1_760_000_000_000);
    expect(accepted).toEqual([...Array(30).keys()]);
    expect(maxInFlight).toBe(1);
    expect(q.stats.delivered).toBe(30);
    expect(q.stats.retried).toBeGreaterThan(0);
  });

  it('runs --forward-concurrency requests in parallel', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const h = await handler(() => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      setTimeout(() => inFlight--, 150);
      return { status: 204, delayMs: 150 };
    });
    const { q } = queue(h.url, { concurrency: 3 });
    for (let i = 0; i < 9; i++) q.push(delivery(i));
    await q.drain(20_000);
    expect(maxInFlight).toBe(3);
    expect(q.stats.delivered).toBe(9);
  });

  it('never waits in push: a full queue spills to the dead-letter file and says so', async () => {
    const h = await handler(() => ({ status: 200, delayMs: 200 }));
    const { q, reports, deadLetter } = queue(h.url, { capacity: 2 });
    const started = performance.now();
    for (let i = 0; i < 6; i++) q.push(delivery(i));
    expect(performance.now() - started).toBeLessThan(50);
    // 1 in flight, 2 waiting, 3 spilled.
    expect(q.stats.spilled).toBe(3);
    expect(reports.filter((r) => r.kind === 'spill-start')).toEqual([{ kind: 'spill-start', target: q.target, waiting: 2 }]);
    await q.drain(10_000);
    q.push(delivery(6));
    expect(reports.at(-1)).toEqual({ kind: 'spill-end', target: q.target, spilled: 3 });
    await q.drain(10_000);
    await deadLetter.close();
    const spilled = records(deadLetter);
    expect(spilled.map((r) => [r.reason, r.attempts, r.event.event_ts - 1_760_000_000_000])).toEqual([
      ['queue-full', 0, 3],
      ['queue-full', 0, 4],
      ['queue-full', 0, 5],
    ]);
    expect(q.stats).toMatchObject({ delivered: 4, deadLettered: 3, spilled: 3 });
  });

  it('at the drain deadline, cancels what is in flight and dead-letters the rest', async () => {
    const h = await handler(() => ({ status: 200, delayMs: 10_000 }));
    const { q, deadLetter } = queue(h.url, { timeoutMs: 20_000 });
    for (let i = 0; i < 3; i++) q.push(delivery(i));
    await h.waitFor(1);
    const started = Date.now();
    await q.drain(300);
    expect(Date.now() - started).toBeLessThan(2000);
    await deadLetter.close();
    expect(records(deadLetter).map((r) => [r.reason, r.last_error, r.event.event_ts - 1_760_000_000_000])).toEqual([
      ['exit', 'cancelled at exit', 0],
      ['exit', 'not sent before exit', 1],
      ['exit', 'not sent before exit', 2],
    ]);
    expect(q.stats).toMatchObject({ delivered: 0, deadLettered: 3 });
  });

  it('counts records it could not write as lost', async () => {
    const gone = await handler();
    await gone.close();
    handlers = [];
    const unwritable = new DeadLetter('/nonexistent-dir/dead.ndjson', false);
    const { q, reports } = queue(gone.url, { retries: 0, deadLetter: unwritable });
    q.push(delivery(1));
    await q.drain(10_000);
    expect(q.stats).toMatchObject({ deadLettered: 1, lost: 1 });
    expect(reports.at(-1)).toMatchObject({ kind: 'dead-letter', written: false });
    expect(await unwritable.close()).toMatch(/no such directory/);
  });
});

describe('Forwarder', () => {
  it('routes each event to the targets whose globs match, and counts the unrouted', async () => {
    const all = await handler();
    const recordings = await handler();
    const fwd = new Forwarder({
      targets: [parseTarget(all.url, () => {}), parseTarget(`recording.*=${recordings.url}`, () => {})],
      secret: { value: SECRET, source: 'test' },
      concurrency: 1,
      timeoutMs: 2000,
      retries: 0,
      capacity: 10,
      deadLetter: deadLetterFile(),
      onReport: () => {},
    });
    const names = ['meeting.started', 'recording.completed', 'user.updated', 'recording.started'];
    for (const [i, name] of names.entries()) {
      const event = { event: name, event_ts: i, payload: {} };
      fwd.push({ name, ts: i, json: JSON.stringify(event), event });
    }
    await fwd.drain();
    expect(all.received.map((r) => (JSON.parse(r.body) as { event: string }).event)).toEqual(names);
    expect(recordings.received.map((r) => (JSON.parse(r.body) as { event: string }).event)).toEqual(['recording.completed', 'recording.started']);
    expect([...all.received, ...recordings.received].every((r) => r.verified)).toBe(true);
    expect(fwd.unrouted).toBe(0);
  });
});
