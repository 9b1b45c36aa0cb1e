/** phone.* payloads (Zoom Phone), shaped after Zoom's webhook reference (Rivet SDK types). */
import { iso, type Gen } from './gen.js';
import { zoomEvent, type ZoomEvent } from './event.js';
import type { Person } from './people.js';

export interface Party {
  person?: Person;
  number: string;
  name: string;
}

export interface Call {
  callId: string;
  callLogId: string;
  caller: Party;
  callee: Party;
  direction: 'inbound' | 'outbound';
  ringAt?: number;
  answeredAt?: number;
  endedAt?: number;
}

const CLIENTS = ['MAC_Client(6.2.5.48932)', 'WIN_Client(6.2.3.47823)', 'iOS_Client(6.2.0.21340)', 'Poly VVX 450'];

export function newCall(g: Gen, inside: Person, outside: Person): Call {
  const internal = g.chance(0.25);
  const them: Party = internal ? { person: outside, number: outside.phone, name: outside.name } : { number: g.phone(), name: g.pick(['WIRELESS CALLER', outside.name.toUpperCase(), 'UNKNOWN']) };
  const us: Party = { person: inside, number: inside.phone, name: inside.name };
  const inbound = g.chance(0.6);
  return {
    callId: g.digits(19),
    callLogId: g.guid(),
    caller: inbound ? them : us,
    callee: inbound ? us : them,
    direction: inbound ? 'inbound' : 'outbound',
  };
}

function party(g: Gen, p: Party): Record<string, unknown> {
  if (!p.person?.internal) return { name: p.name, phone_number: p.number, connection_type: 'pstn_off_net' };
  return {
    extension_id: p.person.id.slice(0, 10) + 'Ext',
    extension_number: p.person.extension,
    extension_type: 'user',
    user_id: p.person.id,
    name: p.name,
    phone_number: p.number,
    timezone: p.person.timezone,
    device_type: g.pick(CLIENTS),
    connection_type: 'voip',
  };
}

function callObject(g: Gen, c: Call): Record<string, unknown> {
  return { call_id: c.callId, caller: party(g, c.caller), callee: party(g, c.callee), ringing_start_time: iso(c.ringAt ?? 0) };
}

/** phone.caller_ringing / phone.callee_ringing: the first one fixes ringing_start_time. */
export function ringing(g: Gen, c: Call, side: 'caller' | 'callee'): ZoomEvent {
  const ts = g.clock();
  c.ringAt ??= ts;
  return zoomEvent(g, `phone.${side}_ringing`, ts, { object: callObject(g, c) });
}

export function answered(g: Gen, c: Call): ZoomEvent {
  const ts = g.clock();
  c.ringAt ??= ts;
  c.answeredAt = ts;
  return zoomEvent(g, 'phone.callee_answered', ts, { object: { ...callObject(g, c), answer_start_time: iso(ts) } });
}

export function connected(g: Gen, c: Call): ZoomEvent {
  const ts = g.clock();
  c.ringAt ??= ts;
  return zoomEvent(g, 'phone.caller_connected', ts, { object: { ...callObject(g, c), connected_start_time: iso(ts) } });
}

export function missed(g: Gen, c: Call): ZoomEvent {
  const ts = g.clock();
  c.ringAt ??= ts;
  c.endedAt = ts;
  return zoomEvent(g, 'phone.callee_missed', ts, { object: { ...callObject(g, c), call_end_time: iso(ts), handup_result: 'No Answer' } });
}

export function hungUp(g: Gen, c: Call, side: 'caller' | 'callee'): ZoomEvent {
  const ts = g.clock();
  c.ringAt ??= ts;
  c.endedAt ??= ts;
  const object = {
    ...callObject(g, c),
    ...(c.answeredAt ? { answer_start_time: iso(c.answeredAt) } : {}),
    call_end_time: iso(c.endedAt),
    handup_result: c.answeredAt ? 'Call connected' : g.pick(['No Answer', 'Call Cancel']),
  };
  return zoomEvent(g, `phone.${side}_ended`, ts, { object });
}

const numberType = (p: Party) => (p.person?.internal ? 1 : 2);

export function voicemail(g: Gen, c: Call): ZoomEvent {
  const ts = g.clock();
  const object = {
    id: g.hex(32),
    date_time: iso(ts),
    download_url: `https://zoom.us/v2/phone/voice_mails/download/${g.hex(32)}`,
    duration: g.int(4, 95),
    ...(c.caller.person?.internal ? { caller_user_id: c.caller.person.id } : {}),
    caller_number: c.caller.number,
    caller_number_type: numberType(c.caller),
    caller_name: c.caller.name,
    callee_user_id: c.callee.person?.id ?? '',
    callee_number: c.callee.number,
    callee_number_type: numberType(c.callee),
    callee_name: c.callee.name,
    callee_extension_type: 'user',
    callee_id: c.callee.person?.id ?? '',
    call_log_id: c.callLogId,
    call_id: c.callId,
  };
  return zoomEvent(g, 'phone.voicemail_received', ts, { object });
}

export function callRecordingCompleted(g: Gen, c: Call): ZoomEvent {
  const ts = g.clock();
  const owner = (c.direction === 'inbound' ? c.callee : c.caller).person;
  const start = c.answeredAt ?? ts - 60_000;
  const recording = {
    id: g.hex(32),
    caller_number: c.caller.number,
    caller_number_type: numberType(c.caller),
    caller_name: c.caller.name,
    callee_number: c.callee.number,
    callee_number_type: numberType(c.callee),
    callee_name: c.callee.name,
    direction: c.direction,
    duration: Math.max(1, Math.round(((c.endedAt ?? ts) - start) / 1000)),
    download_url: `https://zoom.us/v2/phone/recording/download/${g.hex(32)}`,
    date_time: iso(start),
    recording_type: g.pick(['Automatic', 'OnDemand']),
    call_log_id: c.callLogId,
    call_id: c.callId,
    owner: { type: 'user', id: owner?.id ?? '', name: owner?.name ?? '', extension_number: owner?.extension ?? 0 },
    site: { id: g.userId() },
    end_time: iso(c.endedAt ?? ts),
  };
  return zoomEvent(g, 'phone.recording_completed', ts, { object: { recordings: [recording] } });
}

const SMS = ['Running 5 min late, sorry!', 'Is the 3pm still on?', 'Votre colis est arrivé 📦', 'Call me back when you can', 'STOP'];

export function smsReceived(g: Gen, to: Person): ZoomEvent {
  const ts = g.clock();
  const object = {
    sender: { phone_number: g.phone(), display_name: '' },
    to_members: [{ id: to.id, display_name: to.name, phone_number: to.phone, is_message_owner: true }],
    owner: { type: 'user', id: to.id },
    session_id: g.hex(32),
    message_id: g.userId(),
    message_type: 1,
    message: g.pick(SMS),
    date_time: iso(ts),
    attachments: [],
  };
  return zoomEvent(g, 'phone.sms_received', ts, { object });
}
