/** Seeded randomness and Zoom-shaped identifiers: everything the catalog draws goes through here, so one seed fixes a whole stream. */

/** mulberry32: tiny, fast, and good enough for test data; the seed is mixed first so nearby seeds diverge. */
export function createRandom(seed: number): () => number {
  let a = Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 of bytes; `url` switches to the base64url alphabet without padding. */
export function base64(bytes: ArrayLike<number>, url = false): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += left > 1 ? B64[(n >> 6) & 63]! : '=';
    out += left > 2 ? B64[n & 63]! : '=';
  }
  return url ? out.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') : out;
}

/** Zoom writes times as ISO-8601 UTC without milliseconds. */
export const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class Gen {
  constructor(
    readonly rnd: () => number,
    readonly accountId: string,
    /** Every event_ts comes from here (the simulator passes Date.now). */
    readonly clock: () => number,
  ) {}

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rnd() * items.length)]!;
  }
  /** n distinct items, order randomised. */
  sample<T>(items: readonly T[], n: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < n && pool.length) out.push(pool.splice(Math.floor(this.rnd() * pool.length), 1)[0]!);
    return out;
  }
  bytes(n: number): number[] {
    return Array.from({ length: n }, () => Math.floor(this.rnd() * 256));
  }
  digits(n: number): string {
    let s = String(this.int(1, 9));
    while (s.length < n) s += String(this.int(0, 9));
    return s;
  }
  hex(n: number): string {
    let s = '';
    while (s.length < n) s += Math.floor(this.rnd() * 16).toString(16);
    return s;
  }
  /** Meeting and webinar numbers: 10–11 digits, safely below 2^53. */
  meetingNumber(): number {
    return Number(this.digits(this.chance(0.6) ? 11 : 10));
  }
  /** Meeting instance UUIDs: base64 of 16 bytes, 24 chars ending "==" (may contain "/" and "+", as Zoom's do). */
  uuid(): string {
    return base64(this.bytes(16));
  }
  /** User, account and client IDs: 22-char base64url. */
  userId(): string {
    return base64(this.bytes(16), true);
  }
  /** RFC 4122-looking ids, used for recording files, chat messages and channels. */
  guid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20)}`;
  }
  /** E.164 numbers from a few real numbering plans. */
  phone(): string {
    const [prefix, rest] = this.pick(E164_PLANS);
    return prefix + this.digits(rest);
  }
}

const E164_PLANS: readonly (readonly [string, number])[] = [
  ['+1415', 7], ['+1212', 7], ['+1646', 7], ['+1312', 7], ['+4420', 8], ['+331', 8], ['+4930', 8], ['+813', 8], ['+6129', 8], ['+9180', 8],
];
