/**
 * Indented, coloured JSON for `--json`. It re-lays the original text token by token instead of
 * JSON.parse + stringify, so numbers print exactly as Zoom sent them (ids beyond 2^53 included).
 * With colour off the result equals JSON.stringify(JSON.parse(text), null, indent).
 */
import type { ChalkInstance } from 'chalk';

const TOKEN = /\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|[{}[\]:,]|\S)/gy;
// Valid inside JSON strings but unsafe on a terminal: C1 controls (8-bit CSI…) and bidi overrides.
const UNSAFE_IN_STRING = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const escapeUnsafe = (s: string) => s.replace(UNSAFE_IN_STRING, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function colorJson(text: string, chalk: ChalkInstance, indent = 2): string {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) tokens.push(m[1]!);

  let out = '';
  let depth = 0;
  const newline = () => '\n' + ' '.repeat(depth * indent);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (t === '{' || t === '[') {
      if (next === (t === '{' ? '}' : ']')) {
        out += t + next;
        i++;
      } else {
        depth++;
        out += t + newline();
      }
    } else if (t === '}' || t === ']') {
      depth--;
      out += newline() + t;
    } else if (t === ',') out += ',' + newline();
    else if (t === ':') out += ': ';
    else if (t.startsWith('"')) out += (next === ':' ? chalk.blue : chalk.green)(escapeUnsafe(t));
    else if (t === 'true' || t === 'false') out += chalk.yellow(t);
    else if (t === 'null') out += chalk.gray(t);
    else out += /^-?\d/.test(t) ? chalk.cyan(t) : t;
  }
  return out;
}
