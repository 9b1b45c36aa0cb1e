/**
 * meeting.*, webinar.* and recording.* payloads, shaped after Zoom's webhook reference (Rivet SDK types).
 * The one trap consumers hit: `object.id` is a string on live events (started, ended, participant_*, sharing_*)
 * and a number on scheduling and recording events (created, updated, deleted, recording.*, chat_message_sent).
 */
import { base64, iso, type Gen } from './gen.js';
import { zoomEvent, type ZoomEvent } from './event.js';
import { CHAT_LINES, type Person } from './people.js';

export interface Meeting {
  kind: 'meeting' | 'webinar';
  id: number;
  uuid: string;
  host: Person;
  topic: string;
  /** Zoom meeting types: 2 scheduled, 8 recurring fixed time; webinars 5. */
  type: number;
  scheduledStart: number;
  /** Scheduled duration in minutes, as Zoom reports it on every meeting event. */
  duration: number;
  timezone: string;
  password: string;
  startedAt?: number;
  endedAt?: number;
}

/** A participant's presence in one meeting instance: Zoom gives each join its own session user_id and participant_uuid. */
export interface Attendee {
  person: Person;
  userId: string;
  participantUuid: string;
}

export function newMeeting(g: Gen, kind: Meeting['kind'], host: Person, topic: string, scheduledStart: number): Meeting {
  return {
    kind,
    id: g.meetingNumber(),
    uuid: g.uuid(),
    host,
    topic,
    type: kind === 'webinar' ? 5 : g.pick([2, 2, 2, 8]),
    // Zoom schedules on the minute.
    scheduledStart: Math.ceil(scheduledStart / 60_000) * 60_000,
    duration: g.pick([15, 30, 30, 45, 60, 60, 90]),
    timezone: host.timezone,
    password: base64(g.bytes(6), true).slice(0, 8),
  };
}

export function newAttendee(g: Gen, person: Person): Attendee {
  return { person, userId: `1677${g.digits(4)}`, participantUuid: g.guid().toUpperCase() };
}

const operator = (m: Meeting) => ({ operator: m.host.email, operator_id: m.host.id });

/** The scheduling view of a meeting (numeric id). */
function scheduled(m: Meeting): Record<string, unknown> {
  return {
    uuid: m.uuid,
    id: m.id,
    host_id: m.host.id,
    topic: m.topic,
    type: m.type,
    start_time: iso(m.scheduledStart),
    duration: m.duration,
    timezone: m.timezone,
  };
}

/** The live view of a meeting (string id), as on started/ended/participant events. */
function live(m: Meeting): Record<string, unknown> {
  return {
    id: String(m.id),
    uuid: m.uuid,
    host_id: m.host.id,
    topic: m.topic,
    type: m.type,
    start_time: iso(m.startedAt ?? m.scheduledStart),
    timezone: m.timezone,
    duration: m.duration,
  };
}

export function created(g: Gen, m: Meeting): ZoomEvent {
  const object = {
    ...scheduled(m),
    join_url: `https://us06web.zoom.us/${m.kind === 'webinar' ? 'w' : 'j'}/${m.id}?pwd=${g.userId()}`,
    password: m.password,
    settings: { use_pmi: false, alternative_hosts: '', join_before_host: g.chance(0.3) },
    ...(m.kind === 'webinar' ? { creation_source: 'web_portal' } : {}),
  };
  return zoomEvent(g, `${m.kind}.created`, g.clock(), { ...operator(m), operation: 'single', object });
}

/** Reschedules or renames, reporting only what changed in object and old_object, as Zoom does. */
export function updated(g: Gen, m: Meeting): ZoomEvent {
  const ts = g.clock();
  const renamed = g.chance(0.5);
  const before = renamed ? { topic: m.topic } : { start_time: iso(m.scheduledStart) };
  if (renamed) m.topic = `${m.topic} (moved)`;
  else m.scheduledStart += g.pick([15, 30, 60]) * 60_000;
  const after = renamed ? { topic: m.topic } : { start_time: iso(m.scheduledStart) };
  return zoomEvent(g, `${m.kind}.updated`, ts, {
    ...operator(m),
    object: { id: m.id, uuid: m.uuid, ...after },
    time_stamp: ts,
    old_object: { id: m.id, uuid: m.uuid, ...before },
  });
}

export function deleted(g: Gen, m: Meeting): ZoomEvent {
  return zoomEvent(g, `${m.kind}.deleted`, g.clock(), { ...operator(m), operation: 'single', object: scheduled(m) });
}

export function started(g: Gen, m: Meeting): ZoomEvent {
  const ts = g.clock();
  m.startedAt = ts;
  return zoomEvent(g, `${m.kind}.started`, ts, { object: live(m) });
}

export function ended(g: Gen, m: Meeting): ZoomEvent {
  const ts = g.clock();
  m.endedAt = ts;
  return zoomEvent(g, `${m.kind}.ended`, ts, { object: { ...live(m), end_time: iso(ts) } });
}

export type ParticipantStep = 'joined' | 'left' | 'joined_waiting_room' | 'admitted' | 'left_waiting_room';

const LEAVE_REASONS = [
  'left the meeting', 'left the meeting', 'Network connection error', 'Host removed the participant', 'Connection lost',
];

export function participant(g: Gen, m: Meeting, step: ParticipantStep, a: Attendee, hostEnded = false): ZoomEvent {
  const ts = g.clock();
  const p = a.person;
  const when =
    step === 'joined'
      ? { join_time: iso(ts) }
      : step === 'left'
        ? {
            leave_time: iso(ts),
            // Zoom really sends this half-HTML sentence.
            leave_reason: `${p.name} left the meeting.<br>Reason : ${hostEnded ? 'Host ended the meeting' : g.pick(LEAVE_REASONS)}.`,
          }
        : { date_time: iso(ts) };
  const object = {
    ...live(m),
    participant: {
      user_id: a.userId,
      user_name: p.name,
      id: p.id,
      participant_uuid: a.participantUuid,
      ...when,
      email: p.email,
      ...(p.internal ? { participant_user_id: p.id } : {}),
    },
  };
  return zoomEvent(g, `${m.kind}.participant_${step}`, ts, { object });
}

export function sharing(g: Gen, m: Meeting, a: Attendee, state: 'started' | 'ended', content: string): ZoomEvent {
  const ts = g.clock();
  const object = {
    ...live(m),
    participant: {
      user_id: a.userId,
      user_name: a.person.name,
      id: a.person.id,
      sharing_details: { content, link_source: '', file_link: '', date_time: iso(ts), source: '' },
    },
  };
  return zoomEvent(g, `${m.kind}.sharing_${state}`, ts, { object });
}

export function chatMessageSent(g: Gen, m: Meeting, from: Attendee): ZoomEvent {
  const ts = g.clock();
  const chat_message = {
    date_time: iso(ts),
    sender_session_id: from.participantUuid,
    sender_name: from.person.name,
    sender_email: from.person.email,
    sender_type: from.person === m.host ? 'host' : 'guest',
    recipient_type: 'everyone',
    message_id: g.guid().toUpperCase(),
    message_content: g.pick(CHAT_LINES),
  };
  return zoomEvent(g, `${m.kind}.chat_message_sent`, ts, { object: { id: m.id, uuid: m.uuid, chat_message } });
}

export function alert(g: Gen, m: Meeting): ZoomEvent {
  const issues = [g.pick(['Unstable audio quality', 'Unstable video quality', 'Unstable screen share quality', 'High CPU occupation'])];
  return zoomEvent(g, `${m.kind}.alert`, g.clock(), { object: { ...live(m), issues } });
}

export function registrationCreated(g: Gen, m: Meeting, who: Person): ZoomEvent {
  const registrant = {
    id: g.userId(),
    first_name: who.first,
    last_name: who.last,
    email: who.email,
    status: 'approved',
    join_url: `https://us06web.zoom.us/w/${m.id}?tk=${base64(g.bytes(30), true)}`,
  };
  return zoomEvent(g, `${m.kind}.registration_created`, g.clock(), { object: { ...scheduled(m), registrant } });
}

export function summaryCompleted(g: Gen, m: Meeting): ZoomEvent {
  const ts = g.clock();
  const start = m.startedAt ?? ts - m.duration * 60_000;
  const end = m.endedAt ?? ts - 60_000;
  const object = {
    meeting_host_id: m.host.id,
    meeting_host_email: m.host.email,
    meeting_uuid: m.uuid,
    meeting_id: m.id,
    meeting_topic: m.topic,
    meeting_start_time: iso(start),
    meeting_end_time: iso(end),
    summary_start_time: iso(start),
    summary_end_time: iso(end),
    summary_created_time: iso(ts),
    summary_last_modified_time: iso(ts),
    summary_title: `Meeting summary for ${m.topic}`,
    summary_overview: 'The team reviewed open items and agreed on owners for next week.',
    summary_details: [{ label: 'Decisions', summary: 'Ship the beta behind a flag; revisit pricing in two weeks.' }],
    next_steps: [`${m.host.first} will circulate the notes.`],
  };
  return zoomEvent(g, 'meeting.summary_completed', ts, { object });
}

// ---- recordings -------------------------------------------------------------

export interface RecordingFile {
  id: string;
  meeting_id: string;
  recording_start: string;
  recording_end: string;
  file_type: string;
  file_size: number;
  file_extension: string;
  play_url?: string;
  download_url: string;
  status: string;
  recording_type: string;
}

const MB = 1024 * 1024;

/** The files Zoom produces for one cloud recording; the video is occasionally over 1 GB (long or high-resolution shares). */
export function recordingFiles(g: Gen, m: Meeting, from: number, to: number, withChat: boolean): RecordingFile[] {
  const minutes = Math.max(1, m.duration);
  const file = (file_type: string, ext: string, recording_type: string, size: number): RecordingFile => {
    const id = g.guid();
    return {
      id,
      meeting_id: m.uuid,
      recording_start: iso(from),
      recording_end: iso(to),
      file_type,
      file_size: size,
      file_extension: ext,
      ...(file_type === 'MP4' || file_type === 'M4A' ? { play_url: `https://us06web.zoom.us/rec/play/${base64(g.bytes(48), true)}` } : {}),
      download_url: `https://us06web.zoom.us/rec/webhook_download/${base64(g.bytes(48), true)}`,
      status: 'completed',
      recording_type,
    };
  };
  const video = g.chance(0.15) ? g.int(1024, 3400) * MB + g.int(0, MB) : g.int(Math.round(0.8 * MB), 3 * MB) * minutes;
  const files = [
    file('MP4', 'MP4', 'shared_screen_with_speaker_view', video),
    file('M4A', 'M4A', 'audio_only', g.int(Math.round(0.4 * MB), Math.round(0.6 * MB)) * minutes),
    file('TIMELINE', 'JSON', 'timeline', g.int(2_000, 40_000)),
  ];
  if (withChat) files.push(file('CHAT', 'TXT', 'chat_file', g.int(300, 6_000)));
  return files;
}

/** A download token looks like a JWT; it is opaque to consumers, who pass it back as a bearer token. */
const downloadToken = (g: Gen) =>
  `eyJzdiI6IjAwMDAwMSIsImFsZyI6IkhTNTEyIiwidiI6IjIuMCIsImtpZCI6I${base64(g.bytes(9), true)}.${base64(g.bytes(180), true)}.${base64(g.bytes(64), true)}`;

function recordingObject(g: Gen, m: Meeting, files: RecordingFile[]): Record<string, unknown> {
  return {
    id: m.id,
    uuid: m.uuid,
    host_id: m.host.id,
    account_id: g.accountId,
    topic: m.topic,
    type: m.type,
    start_time: iso(m.startedAt ?? m.scheduledStart),
    password: base64(g.bytes(9), true).slice(0, 10),
    timezone: m.timezone,
    host_email: m.host.email,
    duration: m.duration,
    share_url: `https://us06web.zoom.us/rec/share/${base64(g.bytes(60), true)}`,
    total_size: files.reduce((sum, f) => sum + f.file_size, 0),
    recording_count: files.length,
    recording_files: files,
  };
}

export function recordingCompleted(g: Gen, m: Meeting, files: RecordingFile[]): ZoomEvent {
  return zoomEvent(g, 'recording.completed', g.clock(), { object: recordingObject(g, m, files) }, { download_token: downloadToken(g) });
}

export function transcriptCompleted(g: Gen, m: Meeting, from: number, to: number): ZoomEvent {
  const [base] = recordingFiles(g, m, from, to, false);
  const transcript = { ...base!, file_type: 'TRANSCRIPT', file_extension: 'VTT', recording_type: 'audio_transcript', file_size: g.int(8_000, 90_000) };
  delete transcript.play_url;
  return zoomEvent(g, 'recording.transcript_completed', g.clock(), { object: recordingObject(g, m, [transcript]) }, { download_token: downloadToken(g) });
}

/** recording.started / stopped / paused / resumed: recording_end is empty while the recorder runs. */
export function recordingProgress(g: Gen, m: Meeting, state: 'started' | 'stopped' | 'paused' | 'resumed', since: number): ZoomEvent {
  const ts = g.clock();
  const running = state === 'started' || state === 'resumed';
  const recording_file = { recording_start: iso(running ? ts : since), recording_end: running ? '' : iso(ts) };
  const object = { ...scheduled(m), start_time: iso(m.startedAt ?? m.scheduledStart), recording_file };
  return zoomEvent(g, `recording.${state}`, ts, { object });
}

export function recordingHousekeeping(g: Gen, m: Meeting, state: 'trashed' | 'deleted' | 'recovered', files: RecordingFile[]): ZoomEvent {
  return zoomEvent(g, `recording.${state}`, g.clock(), { ...operator(m), object: recordingObject(g, m, files) });
}
