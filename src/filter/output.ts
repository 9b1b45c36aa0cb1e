/**
 * jq always runs in JSON mode here (jq-wasm trims its stdout, which would eat a raw string's
 * whitespace); `-r`, `-j`, `--seq` and colour are applied to each result's JSON text afterwards,
 * exactly as jq's main loop does: raw only for strings, RS only before non-raw results.
 */
import { colourJson } from './colour.js';

export interface OutputStyle {
  raw: boolean;
  join: boolean;
  ascii: boolean;
  seq: boolean;
  colour: boolean;
}

/** True when jq's JSON-mode text is already the final output. */
export const isPlain = (s: OutputStyle) => !s.raw && !s.seq && !s.colour;

/** Splits jq's output (results separated by newlines at depth 0) into one text per result. */
export function splitResults(stdout: string): string[] {
  const results: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < stdout.length; i++) {
    const c = stdout.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < stdout.length && stdout.charCodeAt(i) !== 34; i++) if (stdout.charCodeAt(i) === 92) i++;
    } else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) depth--;
    else if (c === 10 && depth === 0) {
      results.push(stdout.slice(start, i));
      start = i + 1;
    }
  }
  if (start < stdout.length) results.push(stdout.slice(start));
  return results;
}

/** The bytes jq would write for these results. */
export function formatResults(results: string[], style: OutputStyle): string {
  const end = style.join ? '' : '\n';
  if (isPlain(style)) return results.length ? results.join(end) + end : '';
  let out = '';
  for (const text of results) {
    if (style.raw && !style.ascii && text.charCodeAt(0) === 34) out += (JSON.parse(text) as string) + end;
    else if (style.raw && style.ascii && text.charCodeAt(0) === 34) out += text + end; // jq: -a -r prints strings escaped
    else out += (style.seq ? '\u001e' : '') + (style.colour ? colourJson(text) : text) + end;
  }
  return out;
}
