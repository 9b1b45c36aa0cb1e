import { describe, expect, it } from 'vitest';
import { createEventSource, type ZoomEvent } from '../../src/simulator/catalog.js';

function take(n: number, seed = 7): ZoomEvent[] {
  let t = 1_760_000_000_000;
  const source = createEventSource({ seed, accountId: 'acct', clock: () => (t += 500) });
  return Array.from({ length: n }, (_, i) => {
    const { seq, event } = source.next();
    expect(seq).toBe(i);
    return event;
  });
}

const object = (e: ZoomEvent) => (e.payload.object ?? {}) as Record<string, unknown>;

describe('simulated event stream', () => {
  it('is reproducible from its seed, and differs between seeds', () => {
    expect(JSON.stringify(take(200, 3))).toBe(JSON.stringify(take(200, 3)));
    expect(JSON.stringify(take(200, 3))).not.toBe(JSON.stringify(take(200, 4)));
  });

  it('shapes every event like a webhook body: event, increasing event_ts, payload.account_id', () => {
    const events = take(2000);
    let last = 0;
    for (const e of events) {
      // app_deauthorized is real and has no family prefix.
      expect(e.event).toMatch(/^[a-z_]+(\.[a-z_]+)*$/);
      expect(e.event_ts).toBeGreaterThan(last);
      last = e.event_ts;
      expect(e.payload.account_id).toBe('acct');
    }
  });

  it('covers many families, not only meetings', () => {
    const families = new Set(take(2000).map((e) => e.event.split('.')[0]));
    for (const f of ['meeting', 'webinar', 'recording', 'user', 'phone', 'chat_channel', 'team_chat', 'zoomroom', 'session', 'contact_center', 'whiteboard'])
      expect(families).toContain(f);
  });

  it('runs meeting lifecycles in order: created → started → joins → leaves → ended → recording.completed', () => {
    const byMeeting = new Map<string, string[]>();
    for (const e of take(3000)) {
      if (!/^(meeting|recording)\./.test(e.event)) continue;
      const uuid = object(e).uuid as string | undefined;
      if (uuid) byMeeting.set(uuid, [...(byMeeting.get(uuid) ?? []), e.event]);
    }
    let complete = 0;
    for (const events of byMeeting.values()) {
      const at = (name: string) => events.indexOf(name);
      if (at('meeting.started') < 0 || at('meeting.ended') < 0) continue;
      complete++;
      if (at('meeting.created') >= 0) expect(at('meeting.created')).toBeLessThan(at('meeting.started'));
      expect(at('meeting.participant_joined')).toBeGreaterThan(at('meeting.started'));
      expect(events.lastIndexOf('meeting.participant_joined')).toBeLessThan(at('meeting.ended'));
      if (at('recording.completed') >= 0) expect(at('recording.completed')).toBeGreaterThan(at('meeting.ended'));
    }
    expect(complete).toBeGreaterThan(10);
  });

  it('uses string ids on live meeting events and numeric ids on scheduling and recording events (protocol §4)', () => {
    const events = take(3000);
    const idType = (name: string) => new Set(events.filter((e) => e.event === name).map((e) => typeof object(e).id));
    expect(idType('meeting.started')).toEqual(new Set(['string']));
    expect(idType('meeting.participant_joined')).toEqual(new Set(['string']));
    expect(idType('meeting.created')).toEqual(new Set(['number']));
    expect(idType('recording.completed')).toEqual(new Set(['number']));
  });
});
