/**
 * Differential test of the JS fast path against jq-wasm: generated programs from the fast
 * subset over generated inputs (number literals in many spellings, unicode, escapes). Wherever
 * the fast path answers, its bytes must equal jq's; where jq fails, the fast path must decline.
 */
import { describe, expect, it } from 'vitest';
import { loadJq } from 'jq-wasm';
import { compileFast } from '../../src/filter/fast/compile.js';
import { parseFast } from '../../src/filter/fast/parse.js';

// A small deterministic PRNG so a failure can be reproduced.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['event', 'payload', 'object', 'topic', 'id', 'a', 'b', 'user_name', '1', 'é'];
const NUMBERS = ['0', '1', '-1', '42', '-17', '123456789012345', '1234567890123456', '12345678901234567890', '1.50', '1e3', '-0', '0.1', '3.0', '1E-2'];
const STRINGS = ['meeting.started', 'meeting.ended', '', ' padded ', 'Réunion', '会议', '😀', 'tab\\t', 'quote\\"', 'del\u007f', 'ctl\\u0001', 'nul\\u0000', '\\ud83d\\ude00', 'a/b'];

function genJson(r: () => number, depth: number): string {
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const x = r();
  if (depth <= 0 || x < 0.45) {
    const y = r();
    if (y < 0.3) return pick(NUMBERS);
    if (y < 0.7) return `"${pick(STRINGS)}"`;
    return pick(['null', 'true', 'false']);
  }
  if (x < 0.65) return `[${Array.from({ length: Math.floor(r() * 4) }, () => genJson(r, depth - 1)).join(',')}]`;
  const n = Math.floor(r() * 4);
  const keys = Array.from({ length: n }, () => pick(r() < 0.9 ? KEYS.slice(0, 8) : KEYS));
  return `{${keys.map((k) => `"${k}":${genJson(r, depth - 1)}`).join(',')}}`;
}

function genProgram(r: () => number, depth: number): string {
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const path = () => {
    let p = pick(['.', `.${pick(KEYS.slice(0, 8))}`, `."${pick(KEYS)}"`, '.[0]', '.[-1]', '.[]', '.["a"]']);
    while (r() < 0.4) {
      const next = pick([`.${pick(KEYS.slice(0, 8))}`, '[0]', '[]', '.["b"]', '[1]']);
      p = (p === '.' && next[0] === '.' ? '' : p) + next;
    }
    return p;
  };
  const lit = () => pick(['1', '0', '42', 'null', 'true', 'false', '"meeting.started"', '"a"', '""', '"é"', '[]', '{}']);
  const term = (): string => {
    if (depth <= 0) return r() < 0.7 ? path() : lit();
    const x = r();
    if (x < 0.35) return path();
    if (x < 0.45) return lit();
    if (x < 0.55) return `(${genProgram(r, depth - 1)})`;
    if (x < 0.65) return `select(${genProgram(r, depth - 1)})`;
    if (x < 0.72) return `[${genProgram(r, depth - 1)}]`;
    if (x < 0.8) return `{${pick(['a', 'topic', '"x y"'])}: ${term()}${r() < 0.5 ? `, b: ${term()}` : ''}${r() < 0.3 ? ', id' : ''}}`;
    return pick(['empty', 'not', 'length', 'length']);
  };
  if (depth <= 0) return term();
  const x = r();
  const sub = () => genProgram(r, depth - 1);
  if (x < 0.3) return term();
  if (x < 0.45) return `${term()} | ${sub()}`;
  if (x < 0.55) return `${term()}, ${sub()}`;
  if (x < 0.65) return `${term()} // ${sub()}`;
  if (x < 0.8) return `${term()} ${pick(['==', '!=', '<', '<=', '>', '>='])} ${term()}`;
  return `${term()} ${pick(['and', 'or'])} ${term()}`;
}

describe('fast path = jq-wasm', () => {
  it('parses the benchmark programs and typical Zoom filters', () => {
    for (const p of [
      'select(.event=="meeting.started")|.payload.object.topic',
      '.payload.object.participant.user_name // empty',
      '{topic: .payload.object.topic, id: .payload.object.id}',
      '.payload.object.participants[] | select(.user_name != null)',
    ]) {
      expect(parseFast(p), p).toBeDefined();
    }
    for (const p of ['.a + 1', '.a?', '.[1:2]', 'def f: .; f', '"\\(.a)"', '$x', '.a as $x | $x', 'map(.a)', '-1', '1.5', '.a | tostring']) {
      expect(parseFast(p), p).toBeUndefined();
    }
  });

  for (const [name, flags, opts] of [
    ['compact', ['-c'], { indent: 'compact', ascii: false, sortKeys: false }],
    ['pretty', ['--indent', '2'], { indent: 2, ascii: false, sortKeys: false }],
    ['tab + ascii', ['--tab', '-a'], { indent: 'tab', ascii: true, sortKeys: false }],
  ] as const) {
    it(`agrees on generated programs and inputs (${name})`, async () => {
      const jq = await loadJq();
      const r = rng(name.length * 7919);
      const inputs = Array.from({ length: 30 }, () => genJson(r, 4));
      let compared = 0;
      let declined = 0;
      for (let n = 0; n < 120; n++) {
        const program = genProgram(r, 3);
        expect(jq.raw('', program, ['-c']).exitCode, `jq compiles ${program}`).toBe(0);
        const fast = compileFast(program, opts);
        expect(fast, program).toBeDefined();
        for (const text of inputs) {
          const got = fast!.run({ text, value: JSON.parse(text) });
          const want = jq.raw(text, program, [...flags]);
          if (got === undefined) {
            declined++;
            continue;
          }
          compared++;
          expect({ program, text, out: got.join('\n'), exit: 0 }).toEqual({ program, text, out: want.stdout, exit: want.exitCode });
        }
      }
      // The comparison means something only if the fast path answered often (it declines lines
      // with risky number spellings and every line where jq raises an error).
      expect(compared).toBeGreaterThan(700);
      expect(declined).toBeGreaterThan(0);
    });
  }
});
