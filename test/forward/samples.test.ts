import { describe, expect, it } from 'vitest';
import { createEventSource } from '../../src/simulator/catalog.js';
import { sampleEvent, sampleTypes } from '../../src/simulator/samples.js';

describe('trigger samples', () => {
  it('has a sample for every event type the simulated stream produces', () => {
    const source = createEventSource({ seed: 11 });
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(source.next().event.event);
    const types = sampleTypes();
    expect([...seen].filter((t) => !types.includes(t))).toEqual([]);
    // Variants the generators can make that the stream's stories rarely or never pick are there too.
    for (const t of ['meeting.participant_left_waiting_room', 'recording.paused', 'recording.recovered', 'user.activated', 'webinar.sharing_started']) expect(types).toContain(t);
    expect(types).toEqual([...new Set(types)].sort());
  });

  it('builds each sample as a fresh webhook body of its type, stamped now', () => {
    const now = 1_760_000_000_000;
    for (const type of sampleTypes()) {
      const e = sampleEvent(type, { now: () => now, accountId: 'acct' })!;
      expect(e.event).toBe(type);
      expect(e.event_ts).toBe(now);
      expect(e.payload.account_id).toBe('acct');
      expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    }
  });

  it('keeps a story coherent: an ended meeting started before it ended', () => {
    const e = sampleEvent('meeting.ended', { seed: 3 })!;
    const o = e.payload.object as { start_time: string; end_time: string; id: unknown };
    expect(Date.parse(o.start_time)).toBeLessThan(Date.parse(o.end_time));
    expect(typeof o.id).toBe('string');
    expect(typeof (sampleEvent('recording.completed')!.payload.object as { id: unknown }).id).toBe('number');
  });

  it('is reproducible from a seed and knows nothing of unknown types', () => {
    const now = () => 1_760_000_000_000;
    expect(sampleEvent('phone.callee_ended', { seed: 5, now })).toEqual(sampleEvent('phone.callee_ended', { seed: 5, now }));
    expect(sampleEvent('meeting.strated')).toBeUndefined();
  });
});
