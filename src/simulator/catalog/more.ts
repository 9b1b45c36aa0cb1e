/**
 * Families a consumer is less likely to know: Zoom Rooms, Video SDK sessions, Contact Center and Whiteboard.
 * zoomroom.* and session.* follow real payloads; contact_center.* and whiteboard.* follow Zoom's docs loosely
 * (no public sample was found), which is fine: their job here is to be unfamiliar, well-formed events.
 */
import { base64, iso, type Gen } from './gen.js';
import { zoomEvent, type ZoomEvent } from './event.js';
import { ROOMS, type Person } from './people.js';

export interface Room {
  id: string;
  name: string;
  resourceEmail: string;
}

export function newRoom(g: Gen): Room {
  const name = g.pick(ROOMS);
  return { id: base64(g.bytes(9), true), name, resourceEmail: `zr-${g.hex(6)}@northwind-labs.com` };
}

export function roomChecked(g: Gen, room: Room, who: Person, what: 'checked_in' | 'checked_out', eventId: string): ZoomEvent {
  return zoomEvent(g, `zoomroom.${what}`, g.clock(), {
    object: {
      id: room.id,
      room_name: room.name,
      calendar_name: room.resourceEmail,
      email: who.email,
      event_id: eventId,
      change_key: base64(g.bytes(30)),
      resource_email: room.resourceEmail,
      calendar_id: room.resourceEmail,
      calendar_type: '2',
      api_type: '0',
    },
  });
}

export function roomAlert(g: Gen, room: Room): ZoomEvent {
  const [issue, component] = g.pick([
    ['Zoom room is offline', 1],
    ['Microphone is disconnected', 2],
    ['Camera is disconnected', 3],
    ['Low battery of the controller', 6],
  ] as const);
  return zoomEvent(g, 'zoomroom.alert', g.clock(), {
    object: { id: room.id, room_name: room.name, email: room.resourceEmail, issue, alert_type: 1, component, alert_kind: 1 },
  });
}

// ---- Video SDK sessions --------------------------------------------------------

export interface Session {
  id: string;
  sessionId: string;
  name: string;
  key: string;
  startedAt?: number;
}

export const newSession = (g: Gen): Session => ({
  id: String(g.meetingNumber()),
  sessionId: g.uuid(),
  name: g.pick(['telehealth-room-17', 'tutoring/maths-42', 'support-call']),
  key: `sk_${g.hex(10)}`,
});

const sessionBase = (s: Session) => ({ id: s.id, session_id: s.sessionId, session_name: s.name, session_key: s.key });

export function sessionStarted(g: Gen, s: Session): ZoomEvent {
  const ts = g.clock();
  s.startedAt = ts;
  return zoomEvent(g, 'session.started', ts, { object: { ...sessionBase(s), start_time: iso(ts) } });
}

export function sessionEnded(g: Gen, s: Session): ZoomEvent {
  const ts = g.clock();
  return zoomEvent(g, 'session.ended', ts, { object: { ...sessionBase(s), start_time: iso(s.startedAt ?? ts), end_time: iso(ts) } });
}

export function sessionUser(g: Gen, s: Session, who: Person, userId: string, what: 'user_joined' | 'user_left'): ZoomEvent {
  const ts = g.clock();
  const when = what === 'user_joined' ? { join_time: iso(ts) } : { leave_time: iso(ts), leave_reason: 'left the session' };
  return zoomEvent(g, `session.${what}`, ts, {
    object: { ...sessionBase(s), user: { id: userId, name: who.name, ...when, user_key: who.email.split('@')[0] } },
  });
}

// ---- Contact Center and Whiteboard ----------------------------------------------

export interface Engagement {
  id: string;
  consumer: Person;
  channel: string;
  startedAt?: number;
}

function engagementObject(e: Engagement, ts: number) {
  return {
    engagement_id: e.id,
    channel: e.channel,
    channel_source: e.channel === 'voice' ? 'in_app_voice' : 'web_chat',
    direction: 'inbound',
    consumer_display_name: e.consumer.name,
    consumer_number: e.consumer.phone,
    flow_name: 'Main support line',
    date_time: iso(ts),
  };
}

export function engagementStarted(g: Gen, e: Engagement): ZoomEvent {
  const ts = g.clock();
  e.startedAt = ts;
  return zoomEvent(g, 'contact_center.engagement_started', ts, { object: engagementObject(e, ts) });
}

export function engagementEnded(g: Gen, e: Engagement): ZoomEvent {
  const ts = g.clock();
  const duration = Math.round((ts - (e.startedAt ?? ts)) / 1000);
  return zoomEvent(g, 'contact_center.engagement_ended', ts, { object: { ...engagementObject(e, ts), duration } });
}

export function whiteboard(g: Gen, owner: Person, what: 'created' | 'deleted', id: string, name: string): ZoomEvent {
  const ts = g.clock();
  return zoomEvent(g, `whiteboard.${what}`, ts, {
    operator: owner.email,
    operator_id: owner.id,
    object: { id, name, owner_id: owner.id, date_time: iso(ts) },
  });
}
