/**
 * The JS fast path: programs in the subset parse.ts accepts run on the already-parsed line, and
 * their results are printed byte-for-byte as jq 1.8.2 prints them. It only takes lines whose
 * numbers JS holds exactly and prints as jq does (integers of at most 15 digits, no -0): jq 1.8
 * keeps a number's literal form, which JSON.parse forgets. Every other line, and any line where
 * jq would raise an error, goes to jq-wasm instead. test/filter/fast-diff.test.ts compares the
 * two over generated programs and inputs.
 */
import type { FilterOptions } from '../options.js';
import { compileNode, FALLBACK, seen, truthy } from './eval.js';
import { parseFast } from './parse.js';

export interface FastProgram {
  /** JSON texts of the results, or undefined: run this line in jq-wasm. */
  run(line: { text: string; value: unknown }): string[] | undefined;
  /** Whether the last result of the last run was neither false nor null (for -e). */
  lastTruthy: boolean;
}

/**
 * Lines whose results the fast path must not print: a number with a fraction or exponent, 16+
 * digits, or -0 (jq 1.8 prints a number's literal form, which JSON.parse forgets); an
 * integer-like object key (JS objects reorder those). Matches inside strings are false alarms
 * that only cost speed. Tested only when a result holds numbers or containers: strings, booleans
 * and null print the same whatever the line's numbers look like.
 */
const RISKY = /\d[.eE]|\d{16}|-0(?!\d)|"(?:0|[1-9]\d*)"\s*:/;
/** Escaped surrogates: jq turns lone ones into U+FFFD, JSON.parse keeps them. */
const SURROGATE = /\\u[dD][89abAB]/;

export function compileFast(program: string, o: Pick<FilterOptions, 'indent' | 'ascii' | 'sortKeys'>): FastProgram | undefined {
  if (o.sortKeys || o.indent === 0) return undefined;
  const node = parseFast(program);
  if (!node) return undefined;
  const fn = compileNode(node);
  const dump = dumper(o);
  const fast: FastProgram = {
    lastTruthy: false,
    run(line) {
      const text = line.text;
      if (text.includes('\\u') && SURROGATE.test(text)) return undefined;
      if (text.length >= JQ_MAX_DEPTH && tooDeep(text, JQ_MAX_DEPTH)) return undefined;
      let results: unknown[];
      seen.numberCompare = false;
      try {
        results = fn(line.value);
      } catch (e) {
        if (e === FALLBACK) return undefined;
        throw e;
      }
      const out: string[] = [];
      if (seen.numberCompare && RISKY.test(text)) return undefined;
      let checked = false;
      for (const r of results) {
        if (!checked && r !== null && (typeof r === 'object' || typeof r === 'number')) {
          if (RISKY.test(text) || (text.length >= PRINT_DEPTH && tooDeep(text, PRINT_DEPTH))) return undefined;
          checked = true;
        }
        out.push(dump(r));
      }
      if (results.length) fast.lastTruthy = truthy(results[results.length - 1]);
      return out;
    },
  };
  return fast;
}

/**
 * jq refuses to parse past 10,000 levels and jq-wasm traps printing values ~500 deep: leave
 * lines that might be that deep to jq-wasm, so both paths fail the same way (depth ≤ brackets).
 */
const JQ_MAX_DEPTH = 10_000;
const PRINT_DEPTH = 256;
function tooDeep(text: string, limit: number): boolean {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 91 || c === 123) && ++n >= limit) return true;
  }
  return false;
}

export function dumper(o: Pick<FilterOptions, 'indent' | 'ascii'>): (v: unknown) => string {
  const space = o.indent === 'compact' ? undefined : o.indent === 'tab' ? '\t' : o.indent;
  return (v) => {
    let text = JSON.stringify(v, null, space);
    if (text.includes('\u007f')) text = text.replace(/\u007f/g, '\\u007f'); // jq escapes DEL
    if (o.ascii) text = text.replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
    return text;
  };
}
