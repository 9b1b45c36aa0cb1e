/**
 * What a person wants to know about each event type, as one data-driven table.
 * A renderer is a list of parts; each part reads a few fields and returns text, or undefined when
 * its fields are missing (so nothing like `undefined` or `[object Object]` ever prints).
 * The first renderer whose glob matches the event name wins: put specific patterns first.
 * To support a new type, add a row (or a part) here; unknown types get the generic summary.
 */
import type { ChalkInstance } from 'chalk';
import { humanBytes, humanDuration } from './human.js';
import { scalar } from './text.js';

export type Rec = Record<string, unknown>;

export interface RenderContext {
  name: string;
  event: Rec;
  payload: Rec;
  /** `payload.object`, or {} when absent. */
  object: Rec;
  chalk: ChalkInstance;
}

export type Part = (x: RenderContext) => string | undefined;

export interface Renderer {
  /** Globs on the event name; `*` matches anything, dots included. */
  match: string[];
  parts: Part[];
}

export const rec = (v: unknown): Rec | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : undefined);

/** The first of several candidate fields that has something to show. */
const first = (...values: unknown[]): string | undefined => {
  for (const v of values) {
    const s = scalar(v);
    if (s !== undefined) return s;
  }
  return undefined;
};

const label = (chalk: ChalkInstance, name: string, value: string | undefined) =>
  value === undefined ? undefined : `${chalk.dim(name)} ${value}`;

const quoted = (chalk: ChalkInstance, value: string | undefined) => (value === undefined ? undefined : chalk.bold(`"${value}"`));

/** `Jane Doe <jane@example.com>`, or whichever half exists. */
function person(chalk: ChalkInstance, name: string | undefined, email: string | undefined): string | undefined {
  if (name && email) return `${name} ${chalk.dim(`<${email}>`)}`;
  return name ?? email;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

// ---- parts -----------------------------------------------------------------------------------

const topic: Part = ({ object, chalk }) => quoted(chalk, scalar(object.topic));
const meetingId: Part = ({ object, chalk }) => label(chalk, 'id', scalar(object.id));
const host: Part = ({ object, chalk }) => label(chalk, 'host', first(object.host_email, object.host_id));
const operator: Part = ({ payload, object, chalk }) => {
  const who = first(payload.operator, object.operator);
  return who === undefined || who === scalar(object.email) ? undefined : label(chalk, 'by', who);
};

/** How long it lasted: from start/end times when both parse, else Zoom's `duration` (minutes). */
const lasted: Part = ({ name, object, chalk }) => {
  if (!name.endsWith('.ended')) return undefined;
  const start = typeof object.start_time === 'string' ? Date.parse(object.start_time) : NaN;
  const end = typeof object.end_time === 'string' ? Date.parse(object.end_time) : NaN;
  if (end >= start) return label(chalk, 'lasted', humanDuration(end - start));
  return minutes(chalk, 'duration', object.duration);
};

function minutes(chalk: ChalkInstance, name: string, value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? label(chalk, name, humanDuration(value * 60_000)) : undefined;
}

/** Keys whose value differs between `payload.old_object` and `payload.object` (on `*.updated`). */
const changed: Part = ({ payload, object, chalk }) => {
  const old = rec(payload.old_object);
  if (!old) return undefined;
  const keys = [...new Set([...Object.keys(old), ...Object.keys(object)])].filter(
    (k) => k !== 'id' && JSON.stringify(old[k]) !== JSON.stringify(object[k]),
  );
  if (keys.length === 0) return undefined;
  const shown = keys.slice(0, 6).join(', ') + (keys.length > 6 ? ` +${keys.length - 6} more` : '');
  return label(chalk, 'changed', shown);
};

const participant: Part = ({ object, chalk }) => {
  const p = rec(object.participant);
  return p && person(chalk, first(p.user_name, p.name), scalar(p.email));
};
const inTopic: Part = (x) => label(x.chalk, 'in', topic(x));
/** Zoom writes "Jane left the meeting.<br>Reason : Connection lost." — the reason is the part after "Reason :". */
const leaveReason: Part = ({ object, chalk }) => {
  const raw = scalar(rec(object.participant)?.leave_reason, 200);
  const why = raw?.match(/Reason\s*:\s*(.+?)\.?$/i)?.[1] ?? raw?.replace(/<br\s*\/?>/gi, ' ');
  return label(chalk, 'reason', why);
};

const fileCount: Part = ({ object }) => {
  const files = Array.isArray(object.recording_files) ? object.recording_files.length : object.recording_count;
  return typeof files === 'number' && Number.isInteger(files) ? plural(files, 'file') : undefined;
};
const totalSize: Part = ({ object }) => {
  if (typeof object.total_size === 'number' && Number.isFinite(object.total_size)) return humanBytes(object.total_size);
  const sizes = (Array.isArray(object.recording_files) ? object.recording_files : [])
    .map((f) => rec(f)?.file_size)
    .filter((s): s is number => typeof s === 'number' && Number.isFinite(s));
  return sizes.length ? humanBytes(sizes.reduce((a, b) => a + b, 0)) : undefined;
};
const recordingDuration: Part = ({ object, chalk }) => minutes(chalk, 'duration', object.duration);

const userEmail: Part = ({ object }) => scalar(object.email);
const userName: Part = ({ object }) => {
  const full = [scalar(object.first_name), scalar(object.last_name)].filter(Boolean).join(' ');
  return full || first(object.display_name, object.name);
};
const presence: Part = ({ object, chalk }) => label(chalk, 'status', scalar(object.presence_status));
const client: Part = ({ object, chalk }) => label(chalk, 'via', first(object.client_type));

/** Recording and voicemail events carry the call in a list (`recordings`, `voice_mails`): its first entry. */
const call = (object: Rec): Rec => {
  for (const key of ['recordings', 'voice_mails', 'call_logs']) {
    const list = object[key];
    const entry = Array.isArray(list) ? rec(list[0]) : undefined;
    if (entry) return entry;
  }
  return object;
};

/** A phone party, nested (`caller: {…}`) or flat (`caller_number`, `caller_name`). */
function party(chalk: ChalkInstance, nested: unknown, flat: Rec, side: string): string | undefined {
  const p = rec(Array.isArray(nested) ? nested[0] : nested) ?? {};
  const name = first(p.name, p.user_name, p.display_name, flat[`${side}_name`]);
  const number = first(p.phone_number, p.extension_number, flat[`${side}_number`]);
  if (name && number) return `${name} ${chalk.dim(`(${number})`)}`;
  return name ?? number;
}
const callParties: Part = ({ object: outer, chalk }) => {
  const object = call(outer);
  const from = party(chalk, object.caller ?? object.sender, object, 'caller');
  const to = party(chalk, object.callee ?? object.to_members, object, 'callee');
  if (from && to) return `${from} → ${to}`;
  return label(chalk, 'from', from) ?? label(chalk, 'to', to);
};
const callResult: Part = ({ object, chalk }) => label(chalk, 'result', first(object.handup_result, object.result, object.call_result));
/** Call recordings and voicemails: Zoom's `duration` is in seconds here. */
const callDuration: Part = ({ object, chalk }) => {
  const d = call(object).duration;
  return object === call(object) || typeof d !== 'number' || !(d >= 0) ? undefined : label(chalk, 'duration', humanDuration(d * 1000));
};

/** In-meeting chat (`object.chat_message`): who wrote what. */
const meetingChat = (x: RenderContext) => rec(x.object.chat_message) ?? {};
const meetingChatSender: Part = (x) => person(x.chalk, first(meetingChat(x).sender_name), scalar(meetingChat(x).sender_email)) ?? participant(x);
const meetingChatText: Part = (x) => {
  const m = first(meetingChat(x).message_content, meetingChat(x).message, x.object.message);
  return m && `"${m.length > 60 ? m.slice(0, 59) + '…' : m}"`;
};

const chatFrom: Part = ({ payload, object }) => first(payload.operator, object.sender, object.sender_email, object.operator);
const chatWhere: Part = ({ object, chalk }) => {
  const channel = first(object.channel_name, object.name);
  return channel ? label(chalk, 'in', chalk.bold(`#${channel}`)) : label(chalk, 'to', first(object.to_contact_email, object.contact_email, object.to_contact));
};
const chatMessage: Part = ({ object }) => {
  const m = scalar(object.message, 60);
  return m && `"${m}"`;
};

const roomName: Part = ({ object, chalk }) => quoted(chalk, first(object.room_name, object.name));
const roomIssue: Part = ({ object, chalk }) => label(chalk, 'alert', first(object.issue, object.alert_type));
const calendar: Part = ({ object, chalk }) => label(chalk, 'calendar', first(object.calendar_name));

const accountName: Part = ({ object }) => first(object.account_name, object.owner_email);

// ---- the generic summary, for every type without a row -------------------------------------

/** Lower rank shows first; undefined never shows (ids of no interest to a person, secrets, timestamps). */
function rank(key: string): number | undefined {
  if (/uuid|token|signature|secret|password|^account_id$|(^|_)(time|ts|timestamp|time_stamp|date|at)$/.test(key)) return undefined;
  if (key === 'topic') return 0;
  if (/(^|_)name$/.test(key) && key !== 'first_name' && key !== 'last_name') return 1;
  if (/(^|_)email$/.test(key)) return 2;
  if (key === 'id') return 3;
  return 4;
}

const generic: Part = (x) => {
  const { object, payload, chalk } = x;
  const source = rec(payload.object) ?? Object.fromEntries(Object.entries(payload).filter(([k]) => k !== 'object'));
  const fields = Object.entries(source)
    .map(([k, v]) => ({ k, v: scalar(v, 40), r: rank(k) }))
    .filter((f): f is { k: string; v: string; r: number } => f.v !== undefined && f.r !== undefined)
    .sort((a, b) => a.r - b.r)
    .slice(0, 4)
    .map(({ k, v, r }) => (r === 0 ? quoted(chalk, v) : r <= 2 ? v : `${chalk.dim(`${k}=`)}${v}`));
  const who = rec(object.participant) ? participant(x) : undefined;
  const parts = [who, ...fields, operator(x)].filter((p): p is string => p !== undefined);
  return parts.length ? parts.join(' ') : undefined;
};

// ---- the table -------------------------------------------------------------------------------

export const RENDERERS: Renderer[] = [
  { match: ['meeting.participant_*', 'webinar.participant_*', 'meeting.sharing_*', 'webinar.sharing_*'], parts: [participant, inTopic, leaveReason] },
  { match: ['meeting.chat_message_*', 'webinar.chat_message_*'], parts: [meetingChatSender, inTopic, meetingChatText] },
  { match: ['meeting.*', 'webinar.*'], parts: [topic, meetingId, host, lasted, changed, operator] },
  { match: ['recording.completed', 'recording.transcript_completed'], parts: [topic, fileCount, totalSize, recordingDuration] },
  { match: ['recording.*'], parts: [topic, meetingId, operator] },
  { match: ['user.*'], parts: [userEmail, userName, presence, client, changed, operator] },
  { match: ['phone.*'], parts: [callParties, callResult, callDuration] },
  { match: ['chat_message.*', 'team_chat.*', 'chat_channel.*'], parts: [chatFrom, chatWhere, chatMessage, changed] },
  { match: ['zoomroom.*', 'zoom_room.*'], parts: [roomName, roomIssue, calendar] },
  { match: ['account.*'], parts: [accountName, changed, operator] },
];

const compiled = RENDERERS.map((r) => ({
  test: new RegExp(`^(?:${r.match.map((g) => g.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')).join('|')})$`),
  parts: r.parts,
}));

/** The detail text after the event name: the matching row's parts, else the generic summary. */
export function renderDetails(x: RenderContext): string | undefined {
  const row = compiled.find((r) => r.test.test(x.name));
  const parts = (row?.parts ?? []).map((p) => p(x)).filter((p): p is string => p !== undefined && p !== '');
  return parts.length ? parts.join(' ') : generic(x);
}
