/** user.*, account.updated and app_deauthorized payloads, shaped after Zoom's webhook reference (Rivet SDK types). */
import { base64, iso, type Gen } from './gen.js';
import { zoomEvent, type ZoomEvent } from './event.js';
import { TIMEZONES, type Person } from './people.js';

const by = (admin: Person) => ({ operator: admin.email, operator_id: admin.id });
const basics = (p: Person) => ({ id: p.id, first_name: p.first, last_name: p.last, email: p.email, type: 2 });

export function userCreated(g: Gen, p: Person, admin: Person): ZoomEvent {
  return zoomEvent(g, 'user.created', g.clock(), {
    ...by(admin),
    creation_type: g.pick(['create', 'autoCreate', 'ssoCreate']),
    object: { ...basics(p), display_name: p.name },
  });
}

/** Only the changed fields appear, in object and in old_object. */
export function userUpdated(g: Gen, p: Person, admin: Person): ZoomEvent {
  const ts = g.clock();
  const change = g.int(0, 2);
  let before: Record<string, unknown>;
  let after: Record<string, unknown>;
  if (change === 0) {
    before = { timezone: p.timezone };
    p.timezone = g.pick(TIMEZONES.filter((tz) => tz !== p.timezone));
    after = { timezone: p.timezone };
  } else if (change === 1) {
    before = { dept: 'Engineering' };
    after = { dept: g.pick(['Customer Success', 'Product', 'Recherche & Développement']) };
  } else {
    before = { type: 1 };
    after = { type: 2 };
  }
  return zoomEvent(g, 'user.updated', ts, {
    ...by(admin),
    operation: 'update',
    object: { id: p.id, ...after },
    time_stamp: ts,
    old_object: { id: p.id, ...before },
  });
}

export function userChanged(g: Gen, p: Person, admin: Person, what: 'deleted' | 'activated' | 'deactivated'): ZoomEvent {
  return zoomEvent(g, `user.${what}`, g.clock(), { ...by(admin), object: basics(p) });
}

const CLIENTS = ['mac', 'win', 'iphone', 'android', 'browser'];

export function signedInOut(g: Gen, p: Person, what: 'signed_in' | 'signed_out', client = g.pick(CLIENTS)): ZoomEvent {
  const ts = g.clock();
  return zoomEvent(g, `user.${what}`, ts, {
    object: { id: p.id, client_type: client, date_time: iso(ts), email: p.email, version: '6.2.5.48932', login_type: g.pick([100, 100, 101, 1]) },
  });
}

export const PRESENCE = ['Available', 'Away', 'Do_Not_Disturb', 'In_Meeting', 'Presenting', 'On_Phone_Call', 'In_Calendar_Event', 'Offline'];

export function presenceUpdated(g: Gen, p: Person, status = g.pick(PRESENCE)): ZoomEvent {
  const ts = g.clock();
  return zoomEvent(g, 'user.presence_status_updated', ts, {
    object: { id: p.id, email: p.email, date_time: iso(ts), presence_status: status },
  });
}

export function accountUpdated(g: Gen, admin: Person): ZoomEvent {
  const ts = g.clock();
  const field = g.pick(['account_support_email', 'account_alias', 'account_support_name'] as const);
  const values = {
    account_support_email: ['it@northwind-labs.com', 'helpdesk@northwind-labs.com'],
    account_alias: ['Northwind', 'Northwind Labs GmbH'],
    account_support_name: ['IT Helpdesk', 'Service informatique'],
  }[field];
  return zoomEvent(g, 'account.updated', ts, {
    ...by(admin),
    operation: 'update',
    object: { id: g.accountId, account_name: 'Northwind Labs', [field]: values[1] },
    time_stamp: ts,
    old_object: { id: g.accountId, [field]: values[0] },
  });
}

/** No `object` here: Zoom sends the fields straight in the payload, with a millisecond timestamp. */
export function appDeauthorized(g: Gen, p: Person): ZoomEvent {
  const ts = g.clock();
  return zoomEvent(g, 'app_deauthorized', ts, {
    user_id: p.id,
    signature: g.hex(64),
    deauthorization_time: new Date(ts).toISOString(),
    client_id: base64(g.bytes(16), true),
  });
}
