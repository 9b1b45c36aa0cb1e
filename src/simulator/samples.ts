/**
 * One realistic sample per event type the catalog's generators produce, for `zoomws trigger` and `trigger --list`.
 * Each sample runs the same generators as the simulated stream, with a little story before it where the event
 * needs one (a meeting.ended has started; a phone.callee_ended was answered), so its fields are coherent.
 */
import { createRandom, Gen } from './catalog/gen.js';
import type { ZoomEvent } from './catalog/event.js';
import { makeDirectory, makeGuest, MEETING_TOPICS, WEBINAR_TOPICS, type Person } from './catalog/people.js';
import * as mtg from './catalog/meetings.js';
import * as phone from './catalog/phone.js';
import * as users from './catalog/users.js';
import * as chat from './catalog/chat.js';
import * as more from './catalog/more.js';

interface World {
  g: Gen;
  /** Two distinct people of the account (a host and someone else, a user and an admin…). */
  a: Person;
  b: Person;
  guest: Person;
}

type Build = (w: World) => ZoomEvent;

function meetingSamples(kind: mtg.Meeting['kind']): Array<[string, Build]> {
  const meeting = ({ g, a }: World) => mtg.newMeeting(g, kind, a, g.pick(kind === 'webinar' ? WEBINAR_TOPICS : MEETING_TOPICS), g.clock() + 3_600_000);
  /** A meeting that has started, with `b` in it. */
  const live = (w: World) => {
    const m = meeting(w);
    mtg.started(w.g, m);
    return { m, who: mtg.newAttendee(w.g, w.b) };
  };
  const steps: mtg.ParticipantStep[] = ['joined', 'left', 'joined_waiting_room', 'admitted', 'left_waiting_room'];
  return [
    [`${kind}.created`, (w) => mtg.created(w.g, meeting(w))],
    [`${kind}.updated`, (w) => mtg.updated(w.g, meeting(w))],
    [`${kind}.deleted`, (w) => mtg.deleted(w.g, meeting(w))],
    [`${kind}.started`, (w) => mtg.started(w.g, meeting(w))],
    [`${kind}.ended`, (w) => mtg.ended(w.g, live(w).m)],
    ...steps.map((step): [string, Build] => [`${kind}.participant_${step}`, (w) => {
      const { m, who } = live(w);
      return mtg.participant(w.g, m, step, who);
    }]),
    ...(['started', 'ended'] as const).map((state): [string, Build] => [`${kind}.sharing_${state}`, (w) => {
      const { m, who } = live(w);
      return mtg.sharing(w.g, m, who, state, 'application');
    }]),
    [`${kind}.chat_message_sent`, (w) => {
      const { m, who } = live(w);
      return mtg.chatMessageSent(w.g, m, who);
    }],
    [`${kind}.alert`, (w) => mtg.alert(w.g, live(w).m)],
    [`${kind}.registration_created`, (w) => mtg.registrationCreated(w.g, meeting(w), w.guest)],
  ];
}

/** A meeting that was recorded from `from` to `to`. */
function recorded(w: World) {
  const m = mtg.newMeeting(w.g, 'meeting', w.a, w.g.pick(MEETING_TOPICS), w.g.clock() - 3_600_000);
  const from = w.g.clock() - 45 * 60_000;
  mtg.started(w.g, m);
  const to = w.g.clock() - 60_000;
  return { m, from, to, files: mtg.recordingFiles(w.g, m, from, to, true) };
}

function call(w: World, answered: boolean) {
  const c = phone.newCall(w.g, w.a, w.b);
  phone.ringing(w.g, c, 'caller');
  if (answered) phone.answered(w.g, c);
  return c;
}

const SAMPLES: Array<[string, Build]> = [
  ...meetingSamples('meeting'),
  ...meetingSamples('webinar'),
  ['meeting.summary_completed', (w) => {
    const m = mtg.newMeeting(w.g, 'meeting', w.a, w.g.pick(MEETING_TOPICS), w.g.clock() - 3_600_000);
    mtg.started(w.g, m);
    mtg.ended(w.g, m);
    return mtg.summaryCompleted(w.g, m);
  }],
  ['recording.completed', (w) => {
    const r = recorded(w);
    return mtg.recordingCompleted(w.g, r.m, r.files);
  }],
  ['recording.transcript_completed', (w) => {
    const r = recorded(w);
    return mtg.transcriptCompleted(w.g, r.m, r.from, r.to);
  }],
  ...(['started', 'stopped', 'paused', 'resumed'] as const).map((state): [string, Build] => [`recording.${state}`, (w) => {
    const r = recorded(w);
    return mtg.recordingProgress(w.g, r.m, state, r.from);
  }]),
  ...(['trashed', 'deleted', 'recovered'] as const).map((state): [string, Build] => [`recording.${state}`, (w) => {
    const r = recorded(w);
    return mtg.recordingHousekeeping(w.g, r.m, state, r.files);
  }]),
  ['phone.caller_ringing', (w) => phone.ringing(w.g, phone.newCall(w.g, w.a, w.b), 'caller')],
  ['phone.callee_ringing', (w) => phone.ringing(w.g, phone.newCall(w.g, w.a, w.b), 'callee')],
  ['phone.callee_answered', (w) => phone.answered(w.g, call(w, false))],
  ['phone.caller_connected', (w) => phone.connected(w.g, call(w, true))],
  ['phone.callee_missed', (w) => phone.missed(w.g, call(w, false))],
  ['phone.caller_ended', (w) => phone.hungUp(w.g, call(w, true), 'caller')],
  ['phone.callee_ended', (w) => phone.hungUp(w.g, call(w, true), 'callee')],
  ['phone.voicemail_received', (w) => {
    const c = call(w, false);
    phone.missed(w.g, c);
    return phone.voicemail(w.g, c);
  }],
  ['phone.recording_completed', (w) => {
    const c = call(w, true);
    phone.hungUp(w.g, c, 'caller');
    return phone.callRecordingCompleted(w.g, c);
  }],
  ['phone.sms_received', (w) => phone.smsReceived(w.g, w.a)],
  ['user.created', (w) => users.userCreated(w.g, w.a, w.b)],
  ['user.updated', (w) => users.userUpdated(w.g, w.a, w.b)],
  ...(['deleted', 'activated', 'deactivated'] as const).map((what): [string, Build] => [`user.${what}`, (w) => users.userChanged(w.g, w.a, w.b, what)]),
  ['user.signed_in', (w) => users.signedInOut(w.g, w.a, 'signed_in')],
  ['user.signed_out', (w) => users.signedInOut(w.g, w.a, 'signed_out')],
  ['user.presence_status_updated', (w) => users.presenceUpdated(w.g, w.a)],
  ['account.updated', (w) => users.accountUpdated(w.g, w.b)],
  ['app_deauthorized', (w) => users.appDeauthorized(w.g, w.a)],
  ...(['sent', 'updated', 'deleted'] as const).map((what): [string, Build] => [`chat_message.${what}`, (w) =>
    chat.chatMessage(w.g, what, w.a, chat.newChannel(w.g), { id: w.g.guid(), text: 'see the thread above' })]),
  ['chat_channel.created', (w) => chat.channelCreated(w.g, w.a, chat.newChannel(w.g), [w.b])],
  ['chat_channel.member_invited', (w) => chat.memberInvited(w.g, w.a, chat.newChannel(w.g), [w.b])],
  ['team_chat.channel_message_posted', (w) => chat.channelMessagePosted(w.g, w.a, chat.newChannel(w.g))],
  ['team_chat.dm_message_posted', (w) => chat.dmMessagePosted(w.g, w.a, w.b)],
  ['team_chat.channel_reaction_added', (w) => chat.channelReactionAdded(w.g, w.b, chat.newChannel(w.g), w.g.guid().toUpperCase())],
  ['zoomroom.checked_in', (w) => more.roomChecked(w.g, more.newRoom(w.g), w.a, 'checked_in', w.g.guid())],
  ['zoomroom.checked_out', (w) => more.roomChecked(w.g, more.newRoom(w.g), w.a, 'checked_out', w.g.guid())],
  ['zoomroom.alert', (w) => more.roomAlert(w.g, more.newRoom(w.g))],
  ['session.started', (w) => more.sessionStarted(w.g, more.newSession(w.g))],
  ['session.ended', (w) => {
    const s = more.newSession(w.g);
    more.sessionStarted(w.g, s);
    return more.sessionEnded(w.g, s);
  }],
  ...(['user_joined', 'user_left'] as const).map((what): [string, Build] => [`session.${what}`, (w) => {
    const s = more.newSession(w.g);
    more.sessionStarted(w.g, s);
    return more.sessionUser(w.g, s, w.a, w.g.digits(8), what);
  }]),
  ['contact_center.engagement_started', (w) => more.engagementStarted(w.g, { id: w.g.guid(), consumer: w.guest, channel: 'voice' })],
  ['contact_center.engagement_ended', (w) => {
    const e: more.Engagement = { id: w.g.guid(), consumer: w.guest, channel: 'chat' };
    more.engagementStarted(w.g, e);
    return more.engagementEnded(w.g, e);
  }],
  ['whiteboard.created', (w) => more.whiteboard(w.g, w.a, 'created', w.g.hex(22), 'Sprint retro board')],
  ['whiteboard.deleted', (w) => more.whiteboard(w.g, w.a, 'deleted', w.g.hex(22), 'Sprint retro board')],
];

const BY_TYPE = new Map(SAMPLES);

/** Every event type with a sample, sorted. */
export function sampleTypes(): string[] {
  return [...BY_TYPE.keys()].sort();
}

export interface SampleOptions {
  seed?: number;
  accountId?: string;
  /** event_ts and the times inside; now by default, so a handler that checks freshness accepts it. */
  now?: () => number;
}

/** A fresh sample of `type`, or undefined when there is none. */
export function sampleEvent(type: string, opts: SampleOptions = {}): ZoomEvent | undefined {
  const build = BY_TYPE.get(type);
  if (!build) return undefined;
  const now = (opts.now ?? Date.now)();
  const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
  const run = (clock: () => number) => {
    const g = new Gen(createRandom(seed), opts.accountId ?? 'sim-account', clock);
    const [a, b] = g.sample(makeDirectory(g), 2) as [Person, Person];
    return build({ g, a, b, guest: makeGuest(g) });
  };
  // Count the story's clock reads, then run it again (same seed), steps ten minutes apart, so the sample itself is `now`.
  let reads = 0;
  run(() => (reads++, now));
  return run(() => now - --reads * 600_000);
}
