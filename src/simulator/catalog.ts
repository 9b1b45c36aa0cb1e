/**
 * The simulated account's event stream: small stories (a meeting's lifecycle, a phone call, a user being
 * edited…) that run concurrently and interleave, as on a real account. Each story is a generator of events;
 * the source advances a random live story per `next()`, so one seed fixes the whole stream.
 */
import { createRandom, Gen } from './catalog/gen.js';
import type { ZoomEvent } from './catalog/event.js';
import { makeDirectory, makeGuest, MEETING_TOPICS, WEBINAR_TOPICS, type Person } from './catalog/people.js';
import * as mtg from './catalog/meetings.js';
import * as phone from './catalog/phone.js';
import * as users from './catalog/users.js';
import * as chat from './catalog/chat.js';
import * as more from './catalog/more.js';

export type { ZoomEvent } from './catalog/event.js';
export { createRandom } from './catalog/gen.js';

export interface SourceOptions {
  seed?: number;
  accountId?: string;
  /** Where event_ts comes from; the simulator uses the wall clock so lag (now − event_ts) is real. */
  clock?: () => number;
}

export interface EventSource {
  /** The next event; `seq` numbers the stream from 0 so tests can check order and loss. */
  next(): { seq: number; event: ZoomEvent };
}

type Story = Generator<ZoomEvent, void, void>;

interface World {
  g: Gen;
  people: Person[];
}

function* meeting(w: World, kind: 'meeting' | 'webinar'): Story {
  const { g } = w;
  const host = g.pick(w.people);
  const m = mtg.newMeeting(g, kind, host, g.pick(kind === 'webinar' ? WEBINAR_TOPICS : MEETING_TOPICS), g.clock() + 3_600_000);
  yield mtg.created(g, m);
  if (g.chance(0.2)) yield mtg.updated(g, m);
  if (kind === 'webinar') for (let i = g.int(1, 2); i > 0; i--) yield mtg.registrationCreated(g, m, makeGuest(g));
  if (g.chance(0.05)) return yield mtg.deleted(g, m);
  yield mtg.started(g, m);
  const attendees = g.sample(w.people.filter((p) => p !== host), g.int(1, 4)).concat(g.chance(0.5) ? [makeGuest(g)] : []);
  const present: mtg.Attendee[] = [mtg.newAttendee(g, host)];
  yield mtg.participant(g, m, 'joined', present[0]!);
  const recording = g.chance(0.6);
  const recordFrom = g.clock();
  if (recording) yield mtg.recordingProgress(g, m, 'started', recordFrom);
  for (const person of attendees) {
    const a = mtg.newAttendee(g, person);
    if (!person.internal && g.chance(0.5)) {
      yield mtg.participant(g, m, 'joined_waiting_room', a);
      yield mtg.participant(g, m, 'admitted', a);
    }
    yield mtg.participant(g, m, 'joined', a);
    present.push(a);
    if (g.chance(0.3)) yield mtg.chatMessageSent(g, m, a);
  }
  if (g.chance(0.5)) {
    const presenter = g.pick(present);
    yield mtg.sharing(g, m, presenter, 'started', 'application');
    yield mtg.sharing(g, m, presenter, 'ended', 'application');
  }
  if (g.chance(0.1)) yield mtg.alert(g, m);
  // Everyone but the host leaves; the host ends the meeting, which removes the host too.
  for (const a of g.sample(present.slice(1), present.length - 1)) yield mtg.participant(g, m, 'left', a);
  const recordTo = g.clock();
  if (recording) yield mtg.recordingProgress(g, m, 'stopped', recordFrom);
  yield mtg.ended(g, m);
  yield mtg.participant(g, m, 'left', present[0]!, true);
  if (kind === 'meeting' && g.chance(0.4)) yield mtg.summaryCompleted(g, m);
  if (!recording) return;
  const files = mtg.recordingFiles(g, m, recordFrom, recordTo, g.chance(0.5));
  yield mtg.recordingCompleted(g, m, files);
  if (g.chance(0.5)) yield mtg.transcriptCompleted(g, m, recordFrom, recordTo);
  if (g.chance(0.1)) yield mtg.recordingHousekeeping(g, m, 'trashed', files);
}

function* call(w: World): Story {
  const { g } = w;
  const [inside, other] = g.sample(w.people, 2) as [Person, Person];
  const c = phone.newCall(g, inside, g.chance(0.5) ? other : makeGuest(g));
  yield phone.ringing(g, c, 'caller');
  yield phone.ringing(g, c, 'callee');
  if (g.chance(0.25)) {
    yield phone.missed(g, c);
    if (g.chance(0.6)) yield phone.voicemail(g, c);
    return;
  }
  yield phone.answered(g, c);
  yield phone.connected(g, c);
  yield phone.hungUp(g, c, g.chance(0.5) ? 'caller' : 'callee');
  if (g.chance(0.3)) yield phone.callRecordingCompleted(g, c);
}

function* people(w: World): Story {
  const { g } = w;
  const [p, admin] = g.sample(w.people, 2) as [Person, Person];
  switch (g.int(0, 5)) {
    case 0: {
      const hire = { ...makeGuest(g), id: g.userId(), internal: true, email: `${g.hex(6)}@northwind-labs.com` };
      yield users.userCreated(g, hire, admin);
      if (g.chance(0.3)) yield users.userChanged(g, hire, admin, 'deactivated');
      return;
    }
    case 1:
      return yield users.userUpdated(g, p, admin);
    case 2:
      yield users.signedInOut(g, p, 'signed_in');
      yield users.presenceUpdated(g, p);
      return;
    case 3:
      return yield users.signedInOut(g, p, 'signed_out');
    case 4:
      return yield g.chance(0.5) ? users.accountUpdated(g, admin) : users.appDeauthorized(g, p);
    default:
      return yield phone.smsReceived(g, p);
  }
}

function* teamChat(w: World): Story {
  const { g } = w;
  const [from, to, owner] = g.sample(w.people, 3) as [Person, Person, Person];
  const ch = chat.newChannel(g);
  if (g.chance(0.3)) {
    yield chat.channelCreated(g, owner, ch, g.sample(w.people, 3));
    yield chat.memberInvited(g, owner, ch, [from]);
  }
  const posted = g.chance(0.5) ? chat.channelMessagePosted(g, from, ch) : chat.dmMessagePosted(g, from, to);
  yield posted;
  const obj = posted.payload.object as { message_id?: string } | undefined;
  if (g.chance(0.4)) yield chat.channelReactionAdded(g, to, ch, obj?.message_id ?? g.guid());
  if (g.chance(0.3)) {
    const msg = { id: g.guid(), text: 'see the thread above' };
    yield chat.chatMessage(g, 'sent', from, ch, msg);
    if (g.chance(0.5)) yield chat.chatMessage(g, g.chance(0.5) ? 'updated' : 'deleted', from, ch, msg);
  }
}

function* elsewhere(w: World): Story {
  const { g } = w;
  const who = g.pick(w.people);
  switch (g.int(0, 3)) {
    case 0: {
      const room = more.newRoom(g);
      const eventId = g.guid();
      yield more.roomChecked(g, room, who, 'checked_in', eventId);
      if (g.chance(0.2)) yield more.roomAlert(g, room);
      return yield more.roomChecked(g, room, who, 'checked_out', eventId);
    }
    case 1: {
      const s = more.newSession(g);
      const guest = makeGuest(g);
      yield more.sessionStarted(g, s);
      const ids = [g.digits(8), g.digits(8)];
      yield more.sessionUser(g, s, who, ids[0]!, 'user_joined');
      yield more.sessionUser(g, s, guest, ids[1]!, 'user_joined');
      yield more.sessionUser(g, s, guest, ids[1]!, 'user_left');
      yield more.sessionUser(g, s, who, ids[0]!, 'user_left');
      return yield more.sessionEnded(g, s);
    }
    case 2: {
      const e: more.Engagement = { id: g.guid(), consumer: makeGuest(g), channel: g.pick(['voice', 'chat', 'sms']) };
      yield more.engagementStarted(g, e);
      return yield more.engagementEnded(g, e);
    }
    default: {
      const id = g.hex(22);
      yield more.whiteboard(g, who, 'created', id, 'Sprint retro board');
      if (g.chance(0.3)) yield more.whiteboard(g, who, 'deleted', id, 'Sprint retro board');
    }
  }
}

/** Story kinds with their weights: meetings dominate a real account's traffic. */
const STORIES: readonly [number, (w: World) => Story][] = [
  [6, (w) => meeting(w, 'meeting')],
  [1, (w) => meeting(w, 'webinar')],
  [3, call],
  [2, people],
  [2, teamChat],
  [1, elsewhere],
];
const TOTAL = STORIES.reduce((n, [weight]) => n + weight, 0);

/** How many stories run at once: enough to interleave, few enough that a meeting finishes within a minute at 2/s. */
const CONCURRENT = 3;

export function createEventSource(opts: SourceOptions = {}): EventSource {
  const clock = opts.clock ?? Date.now;
  // Strictly increasing event_ts: two identical events in one millisecond would be (rightly) deduplicated downstream.
  let last = 0;
  const tick = () => (last = Math.max(last + 1, clock()));
  const g = new Gen(createRandom(opts.seed ?? Date.now()), opts.accountId ?? 'sim-account', tick);
  const w: World = { g, people: makeDirectory(g) };
  const live: Story[] = [];
  let seq = 0;
  const begin = (): Story => {
    let r = g.rnd() * TOTAL;
    for (const [weight, story] of STORIES) if ((r -= weight) < 0) return story(w);
    return STORIES[0]![1](w);
  };
  return {
    next() {
      for (;;) {
        while (live.length < CONCURRENT) live.push(begin());
        const i = Math.floor(g.rnd() * live.length);
        const step = live[i]!.next();
        if (step.done) live.splice(i, 1);
        else return { seq: seq++, event: step.value };
      }
    },
  };
}
