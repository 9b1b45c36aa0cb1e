/** decodeFrame against seeded random and malformed frames: it never throws and every result is well-typed. */
import { describe, expect, it } from 'vitest';
import { decodeFrame, type Frame } from '../../src/core/frames.js';
import { Fuzz } from './inputs.js';

/** The contract each kind promises to the session. */
function checkShape(frame: Frame, text: string): void {
  switch (frame.kind) {
    case 'event': {
      const { name, ts, json, event } = frame.event;
      expect(typeof name).toBe('string');
      expect(ts === undefined || Number.isFinite(ts)).toBe(true);
      expect(json).not.toMatch(/[\r\n]/); // one event, one NDJSON line
      const parsed = JSON.parse(json) as Record<string, unknown>;
      expect(parsed.event).toBe(name);
      expect(event.event).toBe(name);
      return;
    }
    case 'rejected':
      expect(typeof frame.reason).toBe('string');
      expect(typeof frame.auth).toBe('boolean');
      return;
    case 'auth':
      expect(typeof frame.reason).toBe('string');
      return;
    case 'unknown':
      expect(frame.why).toMatch(/\S/);
      expect(frame.module === undefined || typeof frame.module === 'string').toBe(true);
      return;
    case 'connected':
    case 'heartbeat':
      return;
    default:
      throw new Error(`unexpected kind for ${text.slice(0, 80)}: ${JSON.stringify(frame)}`);
  }
}

function decode(text: string): Frame {
  let frame: Frame;
  try {
    frame = decodeFrame(text);
  } catch (err) {
    throw new Error(`decodeFrame threw on ${JSON.stringify(text.slice(0, 200))}: ${(err as Error).message}`);
  }
  checkShape(frame, text);
  return frame;
}

describe('decodeFrame fuzz', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: random structures, mangled frames and random bytes`, () => {
      const f = new Fuzz(seed);
      const kinds = new Map<string, number>();
      for (let i = 0; i < 2000; i++) {
        const event = f.event();
        const texts = [
          JSON.stringify(f.value()),
          JSON.stringify({ module: f.pick(['message', 'heartbeat', 'build_connection', 'presence']), success: f.value(3), content: f.value(1), header: f.value(3) }),
          f.mangle(JSON.stringify({ module: 'message', content: event, header: {} })),
          JSON.stringify({ module: 'message', content: f.mangle(event), header: {} }),
          f.bytes(f.int(64)).toString(f.random() < 0.5 ? 'utf8' : 'latin1'),
        ];
        for (const text of texts) {
          if (text === undefined) continue;
          const { kind } = decode(text);
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        }
        // A well-formed message frame always yields its event, with Zoom's bytes kept.
        const ok = decode(JSON.stringify({ module: 'message', content: event, header: {} }));
        expect(ok.kind === 'event' && ok.event.json).toBe(event);
      }
      // The fuzz reached every branch that matters.
      for (const kind of ['event', 'unknown', 'heartbeat', 'connected', 'rejected']) expect(kinds.get(kind), kind).toBeGreaterThan(0);
    });
  }

  it('survives absurd nesting and huge frames', () => {
    decode('['.repeat(200_000) + ']'.repeat(200_000));
    decode(`{"module":"message","content":"${'['.repeat(200_000)}"}`);
    decode(JSON.stringify({ module: 'message', content: JSON.stringify({ event: 'meeting.started', payload: 'x'.repeat(5_000_000) }) }));
    decode('{"module":"message","content":' + '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000) + '}');
  });
});
