/**
 * `--format` templates: `{path.to.field}` placeholders over the event JSON, e.g.
 * `'{event_ts} {event} {payload.object.topic}'`. Numeric segments index arrays
 * (`{payload.object.recording_files.0.file_type}`). Missing values print as nothing; objects as
 * compact JSON. `{{` and `}}` are literal braces, `\t` and `\n` a tab and a newline.
 * Names the event itself lacks fall back to: `{time}` (local HH:MM:SS.mmm), `{summary}` (the
 * default line's details) and `{family}`.
 */
import type { ChalkInstance } from 'chalk';
import { ExitCode, UserError } from '../exit-codes.js';
import { familyOf, paintEventName } from './family.js';
import { formatClock } from './human.js';
import { eventDetails, eventName, eventTime } from './render.js';
import { oneLine, truncate } from './text.js';

export interface TemplateContext {
  chalk: ChalkInstance;
  width?: number;
  timeZone?: string;
}

type Piece = string | string[];

const VIRTUAL: Record<string, (event: unknown, x: TemplateContext) => string> = {
  time: (e, x) => {
    const ts = eventTime(e);
    return ts === undefined ? '' : formatClock(ts, x.timeZone);
  },
  summary: (e, x) => eventDetails(e, x.chalk),
  family: (e) => familyOf(eventName(e) ?? ''),
};

function show(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return oneLine(typeof value === 'string' ? value : JSON.stringify(value));
}

function lookup(event: unknown, path: string[]): unknown {
  let v: unknown = event;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function parse(template: string): Piece[] {
  const pieces: Piece[] = [];
  let text = '';
  const bad = (what: string, at: number) =>
    new UserError(`--format: ${what} at character ${at + 1} of ${JSON.stringify(template)}`, ExitCode.usage, 'write {{ or }} for a literal brace');
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    const pair = template.slice(i, i + 2);
    if (pair === '{{' || pair === '}}') {
      text += c;
      i++;
    } else if (pair === '\\t' || pair === '\\n') {
      text += pair === '\\t' ? '\t' : '\n';
      i++;
    } else if (c === '}') {
      throw bad('unmatched "}"', i);
    } else if (c === '{') {
      const end = template.indexOf('}', i);
      if (end === -1) throw bad('unclosed "{"', i);
      const path = template.slice(i + 1, end).trim();
      if (!/^[^.\s{]+(\.[^.\s{]+)*$/.test(path)) throw bad(`bad field name ${JSON.stringify(path)}`, i);
      if (text) pieces.push(text);
      text = '';
      pieces.push(path.split('.'));
      i = end;
    } else text += c;
  }
  if (text) pieces.push(text);
  return pieces;
}

/** Compile once (bad templates throw a usage error before anything connects), apply per event. */
export function compileTemplate(template: string): (event: unknown, x: TemplateContext) => string {
  const pieces = parse(template);
  return (event, x) => {
    let line = '';
    for (const p of pieces) {
      if (typeof p === 'string') line += p;
      else if (p.length === 1 && p[0] === 'event' && eventName(event)) line += paintEventName(eventName(event)!, x.chalk);
      else {
        const v = lookup(event, p);
        const virtual = p.length === 1 ? VIRTUAL[p[0]!] : undefined;
        line += v === undefined && virtual ? virtual(event, x) : show(v);
      }
    }
    return x.width ? line.split('\n').map((l) => truncate(l, x.width!)).join('\n') : line;
  };
}
