import { describe, expect, it } from 'vitest';
import { judgeEventFlow, judgeHeartbeat, judgeOpening, judgeSingleConsumer } from '../../src/doctor/connection.js';
import type { ZoomEvent } from '../../src/core/frames.js';

const at = { upgradeMs: 10, openMs: 14 };
const event = (name: string, ts?: number): ZoomEvent => ({ name, ts, json: '{}', event: {} });

describe('judgeOpening: the build_connection outcome', () => {
  it('passes an accepted connection with its timings', () => {
    const r = judgeOpening({ kind: 'accepted', content: 'ok', ...at }, 'SUB');
    expect(r).toMatchObject({ status: 'pass', finding: 'build_connection accepted for subscription SUB; open in 14 ms (upgrade 10 ms)', fix: null, timings: { upgrade: 10, build_connection: 14 } });
  });

  it('tells token empty, token expired and token invalid apart (by family, any wording)', () => {
    expect(judgeOpening({ kind: 'rejected', reason: 'token is empty', auth: true, ...at }, 'S').fix).toMatch(/query string/);
    expect(judgeOpening({ kind: 'rejected', reason: 'Token is expired', auth: true, ...at }, 'S').fix).toMatch(/clock/);
    const invalid = judgeOpening({ kind: 'token-rejected', reason: 'Invalid Token', ...at }, 'S');
    expect(invalid.finding).toBe('build_connection refused: Zoom rejected the freshly minted token ("Invalid Token")');
    expect(invalid.fix).toMatch(/same app/);
  });

  it('reports a rejected subscription with the fix to compare the id', () => {
    const r = judgeOpening({ kind: 'rejected', reason: 'Invalid subscriptionId: X', auth: false, ...at }, 'X');
    expect(r.finding).toBe('build_connection refused: Zoom refused subscription X ("Invalid subscriptionId: X")');
    expect(r.fix).toMatch(/^check ZOOM_SUBSCRIPTION_ID against the app's Features > Access > Event Subscription page/);
  });

  it('explains HTTP answers, network errors, early closes and silence', () => {
    expect(judgeOpening({ kind: 'http', status: 404 }, 'S').fix).toMatch(/path in ZOOM_WS_URL/);
    expect(judgeOpening({ kind: 'http', status: 407 }, 'S').fix).toMatch(/proxy wants credentials/);
    expect(judgeOpening({ kind: 'network', error: 'socket hang up' }, 'S').finding).toBe('could not open the socket: socket hang up');
    expect(judgeOpening({ kind: 'closed', code: 1006, reason: '', upgradeMs: 3 }, 'S').finding).toBe('the server closed the socket before build_connection (code 1006)');
    expect(judgeOpening({ kind: 'timeout', upgradeMs: 3, timeoutMs: 10_000 }, 'S').finding).toBe('no build_connection within 10 s after the upgrade');
  });
});

describe('judgeHeartbeat', () => {
  it('passes a quick ack, warns on a slow one, fails on none (half-open), skips when the socket closed', () => {
    expect(judgeHeartbeat({ rttMs: 3 }, undefined, 5000)).toMatchObject({ status: 'pass', timings: { roundTrip: 3 } });
    expect(judgeHeartbeat({ rttMs: 2500 }, undefined, 5000).status).toBe('warn');
    expect(judgeHeartbeat({}, undefined, 5000)).toMatchObject({ status: 'fail', finding: 'no acknowledgement within 5 s: the connection is half-open (frames go out, nothing comes back)' });
    expect(judgeHeartbeat({}, { afterOpenMs: 50, code: 1000, reason: '' }, 5000).status).toBe('skip');
  });
});

describe('judgeEventFlow', () => {
  const base = { waitedMs: 2000, halfOpen: false, action: 'start or end a test meeting' };
  it('reports the first event and its lag', () => {
    const r = judgeEventFlow({ ...base, waitSec: 5, first: event('meeting.started', 1_000_000), arrivedAt: 1_000_250, waitedMs: 800 });
    expect(r).toMatchObject({ status: 'pass', finding: 'first event meeting.started after 800 ms; lag 250 ms (now − event_ts)', details: { event: 'meeting.started', lagMs: 250 } });
  });

  it('warns on a very late event and on one stamped in the future', () => {
    expect(judgeEventFlow({ ...base, first: event('user.updated', 0), arrivedAt: 10 * 60_000 }).status).toBe('warn');
    expect(judgeEventFlow({ ...base, first: event('user.updated', 10 * 60_000), arrivedAt: 0 }).fix).toMatch(/clock is behind/);
  });

  it('says plainly that no event arrived and what to do', () => {
    const r = judgeEventFlow({ ...base, waitSec: 2 });
    expect(r.status).toBe('fail');
    expect(r.finding).toBe('no event arrived in 2 s');
    expect(r.fix).toMatch(/^start or end a test meeting while doctor waits \(run zoomws doctor --wait 60\)/);
  });

  it('is skipped without --wait, with a hint, and when the socket cannot carry events', () => {
    expect(judgeEventFlow(base)).toMatchObject({ status: 'skip', finding: 'skipped: doctor did not wait for an event (no --wait)', fix: 'run zoomws doctor --wait 60 and start or end a test meeting meanwhile' });
    expect(judgeEventFlow({ ...base, waitSec: 2, halfOpen: true }).finding).toMatch(/half-open/);
  });
});

describe('judgeSingleConsumer', () => {
  it('fails when the socket is closed right after opening: another consumer', () => {
    const r = judgeSingleConsumer({ afterOpenMs: 60, code: 1000, reason: 'another connection took over' }, 60, 'SUB', []);
    expect(r.finding).toBe('the socket was closed 60 ms after opening (code 1000 "another connection took over"): another consumer is probably connected to subscription SUB');
    expect(r.fix).toMatch(/^stop the other consumer/);
  });

  it('warns for a later close, and blames the token when Zoom said so', () => {
    expect(judgeSingleConsumer({ afterOpenMs: 12_000, code: 1000, reason: '' }, 12_000, 'S', []).status).toBe('warn');
    expect(judgeSingleConsumer({ afterOpenMs: 900, code: 1008, reason: 'Invalid Token', frame: 'Invalid Token' }, 900, 'S', []).finding).toBe(
      'Zoom closed the open socket after 900 ms with "Invalid Token"',
    );
  });

  it('passes when nobody took the connection, and counts the events doctor took', () => {
    expect(judgeSingleConsumer(undefined, 2000, 'S', [event('a'), event('b')]).finding).toBe(
      "doctor held subscription S's connection for 2.0 s and nobody took it over; 2 events arrived meanwhile and went to doctor, not to another consumer (Zoom does not replay them)",
    );
  });
});
