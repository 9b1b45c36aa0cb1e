/**
 * Seeded fuzz inputs: valid Zoom events and wire frames from the catalog, mangled copies of them, random
 * bytes, non-object JSON, absurd nesting and huge lines. Each line comes with what it is, so a test can
 * check that every bad one was reported.
 */
import { createEventSource, createRandom } from '../../src/simulator/catalog.js';

export type LineKind = 'event' | 'frame' | 'heartbeat' | 'json' | 'invalid' | 'blank';

export interface FuzzLine {
  bytes: Buffer;
  kind: LineKind;
}

export class Fuzz {
  readonly random: () => number;
  private readonly events;

  constructor(seed: number) {
    this.random = createRandom(seed);
    this.events = createEventSource({ seed });
  }

  int(max: number): number {
    return Math.floor(this.random() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  event(): string {
    return JSON.stringify(this.events.next().event);
  }

  /** Random bytes, any value but a newline (a line is one line). */
  bytes(n: number): Buffer {
    return Buffer.from(Array.from({ length: n }, () => this.int(256)).map((b) => (b === 10 ? 11 : b)));
  }

  /** A valid text broken the ways transports and editors break text. */
  mangle(text: string): string {
    const at = this.int(text.length);
    switch (this.int(5)) {
      case 0:
        return text.slice(0, at); // truncated
      case 1:
        return text.slice(0, at) + this.pick(['"', '{', '}', ']', ',', '\\', '\u0000', '\u001f']) + text.slice(at); // stray byte
      case 2:
        return text.slice(0, at) + text.slice(at + 1 + this.int(8)); // bytes lost
      case 3:
        return `${text}${text}`; // two values on one line
      default:
        return text.replace(/"/g, "'"); // wrong quotes
    }
  }

  /** A whole frame of random JSON-ish structure, as a frame decoder may meet it. */
  value(depth = 0): unknown {
    const k = this.int(depth > 3 ? 5 : 8);
    if (k === 0) return null;
    if (k === 1) return this.random() < 0.5;
    if (k === 2) return this.pick([0, -1, 1e308, 2 ** 53 + 1, 0.1, NaN]);
    if (k === 3) return this.pick(['', 'message', 'heartbeat', 'build_connection', 'Invalid access token', this.bytes(this.int(20)).toString('latin1')]);
    if (k === 4) return this.pick([this.event(), '{"event":1}', '{"event":"a.b","event_ts":"x"}']);
    if (k === 5) return Array.from({ length: this.int(4) }, () => this.value(depth + 1));
    const keys = ['module', 'content', 'success', 'header', 'event', 'event_ts', 'payload', '__proto__', 'constructor'];
    return Object.fromEntries(Array.from({ length: this.int(5) }, () => [this.pick(keys), this.value(depth + 1)]));
  }

  /** One input line for `filter`/`tail -`, with its kind by the documented rules. */
  line(): FuzzLine {
    const text = (s: string, kind: LineKind): FuzzLine => ({ bytes: Buffer.from(s), kind });
    switch (this.int(12)) {
      case 0:
      case 1:
      case 2:
        return text(this.event(), 'event');
      case 3:
        return text(JSON.stringify({ module: 'message', content: this.event(), header: {} }), 'frame');
      case 4:
        return text(this.pick(['{"module":"heartbeat","success":true}', '{"module":"build_connection","success":true,"content":"ok"}']), 'heartbeat');
      case 5:
        return text(this.pick(['', '   ', '\t']), 'blank');
      case 6:
        return text(this.pick(['42', 'null', '"a string"', '[1,2]', '{"no_event":true}', 'true']), 'json');
      case 7:
        return this.invalid(() => this.bytes(1 + this.int(200)));
      case 8:
        return text(`${'['.repeat(20_000)}${']'.repeat(20_000)}`, 'invalid'); // deeper than jq's limit (10,000)
      case 9:
        return text(`{"event":"meeting.started","payload":"${'x'.repeat(100_000 + this.int(1000))}"`, 'invalid'); // huge and unterminated
      default:
        return this.invalid(() => Buffer.from(this.mangle(this.event())));
    }
  }

  /** Draw until the line really is not JSON (random bytes can be `7`; a lost field can leave valid JSON). */
  private invalid(draw: () => Buffer): FuzzLine {
    for (;;) {
      const bytes = draw();
      const text = bytes.toString('utf8');
      if (text.trim() === '') continue;
      try {
        JSON.parse(text);
      } catch {
        return { bytes, kind: 'invalid' };
      }
    }
  }
}

/** Join lines as a file: LF, with a CRLF now and then and no final newline sometimes. */
export function joinLines(f: Fuzz, lines: FuzzLine[]): Buffer {
  const parts: Buffer[] = [];
  lines.forEach((l, i) => {
    parts.push(l.bytes);
    if (i < lines.length - 1 || f.random() < 0.5) parts.push(Buffer.from(f.random() < 0.1 ? '\r\n' : '\n'));
  });
  return Buffer.concat(parts);
}
