/**
 * Checks 4–7 judged from what the socket probe saw: build_connection, the heartbeat round trip,
 * the first event and its lag, and whether another consumer took the subscription's one connection.
 */
import type { ZoomEvent } from '../core/frames.js';
import { duration } from '../output/time.js';
import { type CheckResult, result, skipped } from './result.js';
import type { Closed, Opening } from './socket-probe.js';

/** A socket closed this soon after opening was most likely taken over by another consumer. */
export const QUICK_CLOSE_MS = 5_000;
export const SLOW_ACK_MS = 2_000;
/** Later than this, an event's delivery is worth mentioning (one has been seen ~2 h late). */
export const LATE_EVENT_MS = 5 * 60_000;

const STOP_OTHER_CONSUMER =
  'stop the other consumer (a running zoomws connect or tail, or your own app): Zoom allows one connection per subscription; then run zoomws doctor again';

/** The token-rejection texts by family: empty, expired, otherwise invalid (never one exact string). */
function tokenRejection(reason: string): { finding: string; fix: string } {
  const said = JSON.stringify(reason);
  if (/empty|missing/i.test(reason)) {
    return {
      finding: `build_connection refused: Zoom says the token is empty (${said})`,
      fix: 'the access_token query parameter did not reach Zoom: a proxy or gateway may strip the query string of the wss:// URL',
    };
  }
  if (/expired/i.test(reason)) {
    return {
      finding: `build_connection refused: Zoom says the freshly minted token has expired (${said})`,
      fix: 'check the clock (see the Token check) and run zoomws doctor again',
    };
  }
  return {
    finding: `build_connection refused: Zoom rejected the freshly minted token (${said})`,
    fix: 'the token and the subscription must belong to the same app: check that ZOOM_CLIENT_ID is the app whose Event Subscription has this subscription id, and that the app is activated',
  };
}

export function judgeOpening(o: Opening, subscriptionId: string): CheckResult {
  const timings: Record<string, number> = {};
  if ('upgradeMs' in o && o.upgradeMs !== undefined) timings.upgrade = o.upgradeMs;
  if ('openMs' in o) timings.build_connection = o.openMs;
  const details = { outcome: o.kind, ...o };
  switch (o.kind) {
    case 'accepted':
      return result('socket', 'pass', `build_connection accepted for subscription ${subscriptionId}; open in ${duration(o.openMs)} (upgrade ${duration(o.upgradeMs)})`, { timings, details });
    case 'rejected':
    case 'token-rejected': {
      if (o.kind === 'token-rejected' || o.auth) return result('socket', 'fail', tokenRejection(o.reason).finding, { fix: tokenRejection(o.reason).fix, timings, details });
      return result('socket', 'fail', `build_connection refused: Zoom refused subscription ${subscriptionId} (${JSON.stringify(o.reason)})`, {
        fix: "check ZOOM_SUBSCRIPTION_ID against the app's Features > Access > Event Subscription page: the subscription must belong to this app and use the WebSocket method",
        timings,
        details,
      });
    }
    case 'http': {
      const fix =
        o.status === 407
          ? 'the proxy wants credentials: put them in the proxy URL (http://user:password@host:port)'
          : o.status === 404
            ? "check the path in ZOOM_WS_URL (Zoom's endpoint is wss://ws.zoom.us/ws)"
            : 'check ZOOM_WS_URL (Zoom: wss://ws.zoom.us/ws); a proxy or firewall may refuse WebSocket upgrades';
      return result('socket', 'fail', `the WebSocket upgrade was answered with HTTP ${o.status}`, { fix, timings, details });
    }
    case 'network':
      return result('socket', 'fail', `could not open the socket: ${o.error}`, {
        fix: "check ZOOM_WS_URL (Zoom's endpoint is wss://ws.zoom.us/ws); a proxy or firewall may refuse WebSocket upgrades",
        timings,
        details,
      });
    case 'closed':
      return result('socket', 'fail', `the server closed the socket before build_connection (code ${o.code}${o.reason ? ` ${JSON.stringify(o.reason)}` : ''})`, {
        fix: 'check ZOOM_WS_URL and ZOOM_SUBSCRIPTION_ID; if it keeps happening, another consumer may be taking the subscription',
        timings,
        details,
      });
    case 'timeout':
      return result('socket', 'fail', `no build_connection within ${o.timeoutMs / 1000} s${o.upgradeMs !== undefined ? ' after the upgrade' : ' (the upgrade did not complete)'}`, {
        fix: 'a proxy may be holding WebSocket frames back, or Zoom is slow: check https://status.zoom.us and run zoomws doctor again',
        timings,
        details,
      });
  }
}

export function judgeHeartbeat(ack: { rttMs?: number }, closed: Closed | undefined, timeoutMs: number): CheckResult {
  if (ack.rttMs !== undefined) {
    const timings = { roundTrip: ack.rttMs };
    if (ack.rttMs > SLOW_ACK_MS) {
      return result('heartbeat', 'warn', `acknowledged, but only after ${duration(ack.rttMs)}`, {
        fix: 'a slow network or a buffering proxy: events will arrive late too; try another network or bypass the proxy for the WebSocket host (NO_PROXY)',
        timings,
      });
    }
    return result('heartbeat', 'pass', `{"module":"heartbeat"} acknowledged in ${duration(ack.rttMs)}`, { timings });
  }
  if (closed) return skipped('heartbeat', `the socket was closed ${duration(closed.afterOpenMs)} after opening, before the acknowledgement (see Single consumer)`);
  return result('heartbeat', 'fail', `no acknowledgement within ${timeoutMs / 1000} s: the connection is half-open (frames go out, nothing comes back)`, {
    fix: 'a proxy, VPN or firewall is probably holding the connection without passing frames: try another network or bypass the proxy for the WebSocket host (NO_PROXY); zoomws connect detects this and reconnects',
    details: { timeoutMs },
  });
}

export interface EventFlowInputs {
  waitSec?: number;
  first?: ZoomEvent;
  /** When the first event arrived, and when doctor started waiting (epoch ms). */
  arrivedAt?: number;
  waitedMs: number;
  closed?: Closed;
  /** The heartbeat went unanswered: nothing will arrive on this socket. */
  halfOpen: boolean;
  action: string;
}

export function judgeEventFlow(i: EventFlowInputs): CheckResult {
  const produce = `${i.action} while doctor waits`;
  if (i.first) {
    const lag = i.first.ts !== undefined && i.arrivedAt !== undefined ? i.arrivedAt - i.first.ts : undefined;
    const details = { event: i.first.name, eventTs: i.first.ts ?? null, lagMs: lag ?? null };
    const timings = { firstEvent: i.waitedMs, ...(lag !== undefined ? { lag } : {}) };
    const base = `first event ${i.first.name} after ${duration(i.waitedMs)}`;
    if (lag === undefined) return result('event-flow', 'pass', `${base} (it has no event_ts, so no lag)`, { timings, details });
    if (lag > LATE_EVENT_MS) {
      return result('event-flow', 'warn', `${base}, delivered ${duration(lag)} after it happened (lag = now − event_ts)`, {
        fix: 'Zoom sometimes delivers late; if every event is late, check the clock (see the Token check)',
        timings,
        details,
      });
    }
    if (lag < -60_000) {
      return result('event-flow', 'warn', `${base}, stamped ${duration(-lag)} in the future (lag = now − event_ts)`, {
        fix: 'the local clock is behind: synchronise it (NTP)',
        timings,
        details,
      });
    }
    return result('event-flow', 'pass', `${base}; lag ${duration(Math.max(0, lag))} (now − event_ts)`, { timings, details });
  }
  if (i.halfOpen) return skipped('event-flow', 'the connection is half-open, nothing can arrive on it (see Heartbeat)');
  if (i.closed) return skipped('event-flow', `the socket was closed ${duration(i.closed.afterOpenMs)} after opening (see Single consumer)`);
  if (i.waitSec === undefined) {
    return skipped('event-flow', 'doctor did not wait for an event (no --wait)', `run zoomws doctor --wait 60 and ${i.action} meanwhile`);
  }
  return result('event-flow', 'fail', `no event arrived in ${i.waitSec} s`, {
    fix: `${produce} (run zoomws doctor --wait 60); if still nothing, check that the app's Event Subscription lists that event and the app has its read scope`,
    timings: { waited: i.waitedMs },
    details: { waitedSec: i.waitSec },
  });
}

export function judgeSingleConsumer(closed: Closed | undefined, heldMs: number, subscriptionId: string, events: ZoomEvent[]): CheckResult {
  const details = { heldMs, closed: closed ?? null, eventsReceived: events.length, events: events.map((e) => e.name) };
  const timings = { held: heldMs };
  if (closed?.frame) {
    return result('single-consumer', 'fail', `Zoom closed the open socket after ${duration(closed.afterOpenMs)} with ${JSON.stringify(closed.frame)}`, {
      fix: 'Zoom rejected the token on an open socket: run zoomws doctor again; if it repeats, check that the app is activated',
      timings,
      details,
    });
  }
  const how = closed && `(code ${closed.code}${closed.reason ? ` ${JSON.stringify(closed.reason)}` : ''})`;
  if (closed && closed.afterOpenMs < QUICK_CLOSE_MS) {
    return result('single-consumer', 'fail', `the socket was closed ${duration(closed.afterOpenMs)} after opening ${how}: another consumer is probably connected to subscription ${subscriptionId}`, {
      fix: STOP_OTHER_CONSUMER,
      timings,
      details,
    });
  }
  if (closed) {
    return result('single-consumer', 'warn', `the socket was closed ${duration(closed.afterOpenMs)} after opening ${how}: another consumer may have connected`, {
      fix: STOP_OTHER_CONSUMER,
      timings,
      details,
    });
  }
  const taken = events.length
    ? `; ${events.length} event${events.length === 1 ? '' : 's'} arrived meanwhile and went to doctor, not to another consumer (Zoom does not replay them)`
    : '';
  return result('single-consumer', 'pass', `doctor held subscription ${subscriptionId}'s connection for ${duration(heldMs)} and nobody took it over${taken}`, { timings, details });
}
