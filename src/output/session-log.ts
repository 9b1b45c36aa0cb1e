/** Turns the session's typed events into status lines on stderr (used by `connect`). */
import type { ZoomSession } from '../core/session.js';
import type { StatusLog } from './status-log.js';
import { clock, duration } from './time.js';

export function logSession(session: ZoomSession, log: StatusLog, subscriptionId: string): void {
  let connectedOnce = false;
  session.on('state', (state, { url }) => {
    const host = new URL(url).host;
    if (state === 'connecting') log.info('state', `connecting to ${host} (subscription ${subscriptionId})`, { state, host, subscriptionId });
    else if (state === 'open') {
      log.info('state', connectedOnce ? 'reconnected' : `connected; waiting for events`, { state });
      connectedOnce = true;
    } else if (state === 'reconnecting') log.verbose('state', 'reconnecting', { state });
  });
  session.on('disconnect', (d) => log.warn('disconnect', `disconnected at ${clock(d.at)}: ${d.cause}; reconnecting`, { at: new Date(d.at).toISOString(), kind: d.kind, cause: d.cause, code: d.code }));
  session.on('gap', (g) =>
    log.warn(
      'gap',
      `gap: no connection from ${clock(g.start)} to ${clock(g.end)} (${duration(g.durationMs)})${g.open ? ', still disconnected at exit' : ''}; Zoom does not replay events sent then (cause: ${g.cause})`,
      { start: new Date(g.start).toISOString(), end: new Date(g.end).toISOString(), durationMs: g.durationMs, cause: g.cause, open: g.open ?? false },
    ),
  );
  session.on('warning', (m) => log.warn('warning', m));
  session.on('heartbeat', ({ rttMs }) => log.verbose('heartbeat', `heartbeat acknowledged${rttMs === undefined ? '' : ` in ${rttMs} ms`}`, { rttMs }));
  session.on('token', (t) => log.verbose('token', `new access token, valid until ${clock(t.expiresAt)}`, { expiresAt: new Date(t.expiresAt).toISOString() }));
  session.on('duplicate', (e) => log.verbose('duplicate', `duplicate ${e.name} (event_ts ${e.ts}) dropped`, { event: e.name, event_ts: e.ts }));
  session.on('skipped', ({ why, text }) => log.debug('skipped', `skipped frame (${why}): ${text.slice(0, 500)}`, { why }));
  session.on('debug', (m) => log.debug('debug', m));
  if (log.enabled('debug')) session.on('frame', (text) => log.debug('frame', `frame: ${text.length > 2000 ? `${text.slice(0, 2000)}…` : text}`));
}
