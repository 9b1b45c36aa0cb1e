/**
 * Evaluates a parsed fast-path program with jq's semantics (output order of `,`, `//`, `and`,
 * `or`, comparisons and object construction checked against jq-wasm by test/filter/fast-diff).
 * Anything that would be a jq error throws FALLBACK: that line then runs in jq-wasm, which
 * reports the error in jq's words.
 */
import type { Node } from './parse.js';

export const FALLBACK = Symbol('fallback');

/**
 * Set when two numbers were compared: jq 1.8 compares number literals exactly (decNumber), JS
 * as doubles, so the caller must check that the line's numbers are ones doubles hold exactly.
 */
export const seen = { numberCompare: false };

type Fn = (v: unknown) => unknown[];

const hasOwn = Object.prototype.hasOwnProperty;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const truthy = (v: unknown) => v !== null && v !== false;

export function compileNode(n: Node): Fn {
  switch (n.t) {
    case 'id': return (v) => [v];
    case 'lit': { const out = [n.v]; return () => out; }
    case 'field': {
      const key = n.key;
      if (n.of.t === 'id') return (v) => [field(v, key)];
      const of = compileNode(n.of);
      return (v) => of(v).map((x) => field(x, key));
    }
    case 'index': {
      const of = compileNode(n.of);
      const i = n.n;
      return (v) => of(v).map((x) => index(x, i));
    }
    case 'iter': {
      const of = compileNode(n.of);
      return (v) => of(v).flatMap(iterate);
    }
    case 'pipe': {
      const a = compileNode(n.a), b = compileNode(n.b);
      return (v) => a(v).flatMap(b);
    }
    case 'comma': {
      const a = compileNode(n.a), b = compileNode(n.b);
      return (v) => a(v).concat(b(v));
    }
    case 'alt': {
      const a = compileNode(n.a), b = compileNode(n.b);
      return (v) => {
        const kept = a(v).filter(truthy);
        return kept.length ? kept : b(v);
      };
    }
    case 'and': case 'or': {
      const a = compileNode(n.a), b = compileNode(n.b);
      const isAnd = n.t === 'and';
      return (v) => a(v).flatMap((x) => (truthy(x) === isAnd ? b(v).map(truthy) : [!isAnd]));
    }
    case 'cmp': {
      const a = compileNode(n.a), b = compileNode(n.b);
      const test = COMPARE[n.op]!;
      // jq loops over the right side outside the left.
      return (v) => { const as = a(v); return b(v).flatMap((y) => as.map((x) => test(cmp(x, y)))); };
    }
    case 'select': {
      const f = compileNode(n.f);
      return (v) => f(v).filter(truthy).map(() => v);
    }
    case 'empty': return () => [];
    case 'not': return (v) => [!truthy(v)];
    case 'length': return (v) => [length(v)];
    case 'array': {
      if (!n.f) return () => [[]];
      const f = compileNode(n.f);
      return (v) => [f(v)];
    }
    case 'object': {
      const entries = n.entries.map(([k, f]) => [k, compileNode(f)] as const);
      return (v) => {
        // The first key varies slowest, as in jq.
        let objs: Array<Record<string, unknown>> = [{}];
        for (const [k, f] of entries) {
          const vals = f(v);
          const next: Array<Record<string, unknown>> = [];
          for (const o of objs) for (const x of vals) next.push({ ...o, [k]: x });
          objs = next;
        }
        return objs;
      };
    }
  }
}

function field(v: unknown, key: string): unknown {
  if (v === null) return null;
  if (!isObject(v)) throw FALLBACK;
  return hasOwn.call(v, key) ? v[key] : null;
}

function index(v: unknown, i: number): unknown {
  if (v === null) return null;
  if (!Array.isArray(v)) throw FALLBACK;
  const at = i < 0 ? v.length + i : i;
  return at >= 0 && at < v.length ? v[at] : null;
}

function iterate(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isObject(v)) {
    // JS lists integer-like keys first; jq keeps insertion order. Such a key, if any, is first here.
    for (const k in v) {
      if (/^(0|[1-9][0-9]*)$/.test(k)) throw FALLBACK;
      break;
    }
    return Object.values(v);
  }
  throw FALLBACK;
}

function length(v: unknown): unknown {
  if (v === null) return 0;
  if (typeof v === 'number') return Math.abs(v);
  if (typeof v === 'string') {
    let n = 0;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff) n++; // count code points: skip low surrogates
    }
    return n;
  }
  if (Array.isArray(v)) return v.length;
  if (isObject(v)) return Object.keys(v).length;
  throw FALLBACK; // booleans have no length
}

const COMPARE: Record<string, (c: number) => boolean> = {
  '==': (c) => c === 0, '!=': (c) => c !== 0, '<': (c) => c < 0, '<=': (c) => c <= 0, '>': (c) => c > 0, '>=': (c) => c >= 0,
};

const kind = (v: unknown) =>
  v === null ? 0 : v === false ? 1 : v === true ? 2 : typeof v === 'number' ? 3 : typeof v === 'string' ? 4 : Array.isArray(v) ? 5 : 6;

/** jq's total order: null < false < true < numbers < strings < arrays < objects. */
export function cmp(a: unknown, b: unknown): number {
  const ka = kind(a), kb = kind(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  if (ka === 3) seen.numberCompare = true;
  if (ka === 3) return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  if (ka === 4) return strcmp(a as string, b as string);
  if (ka === 5) {
    const x = a as unknown[], y = b as unknown[];
    for (let i = 0; i < x.length && i < y.length; i++) {
      const c = cmp(x[i], y[i]);
      if (c) return c;
    }
    return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
  }
  if (ka === 6) {
    const x = a as Record<string, unknown>, y = b as Record<string, unknown>;
    const kx = Object.keys(x).sort(strcmp), ky = Object.keys(y).sort(strcmp);
    const c = cmp(kx, ky);
    if (c) return c;
    for (const k of kx) {
      const d = cmp(x[k], y[k]);
      if (d) return d;
    }
  }
  return 0;
}

/** Code point order (jq compares UTF-8 bytes); JS's `<` compares UTF-16 units. */
export function strcmp(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
    if (y >= 0xd800) y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
