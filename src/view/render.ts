/** One event → one terminal line: local time, the event name coloured by family, then its details. */
import type { ChalkInstance } from 'chalk';
import { paintEventName } from './family.js';
import { formatClock } from './human.js';
import { rec, renderDetails, type Rec } from './renderers.js';
import { clip, oneLine, truncate } from './text.js';

export interface RenderOptions {
  chalk: ChalkInstance;
  /** Cut the line to this many columns (terminals only; pipes get whole lines). */
  width?: number;
  /** IANA zone for the clock; the machine's local time when absent. */
  timeZone?: string;
}

/** Names up to this long line up in a column; longer ones just push their details right. */
const NAME_COLUMN = 26;

/** `event_ts` as milliseconds, if it is one (Zoom sends a number; recorded files may hold a numeric string). */
export function eventTime(event: unknown): number | undefined {
  const ts = rec(event)?.event_ts;
  const n = typeof ts === 'string' && /^\d+$/.test(ts) ? Number(ts) : ts;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

export function eventName(event: unknown): string | undefined {
  const name = rec(event)?.event;
  return typeof name === 'string' && oneLine(name) !== '' ? clip(oneLine(name), 80) : undefined;
}

/** The details after the name, for `{summary}` in templates too. Never empty. */
export function eventDetails(event: unknown, chalk: ChalkInstance): string {
  const ev: Rec | undefined = rec(event);
  if (!ev) return chalk.dim(clip(oneLine(JSON.stringify(event) ?? String(event)), 60));
  const payload = rec(ev.payload) ?? {};
  const x = { name: eventName(ev) ?? '', event: ev, payload, object: rec(payload.object) ?? {}, chalk };
  return renderDetails(x) ?? chalk.dim(Object.keys(payload).length ? '(no details)' : '(no payload)');
}

export function renderEvent(event: unknown, opts: RenderOptions): string {
  const { chalk } = opts;
  const ts = eventTime(event);
  const time = ts === undefined ? '--:--:--.---' : formatClock(ts, opts.timeZone);
  const name = eventName(event) ?? (rec(event) ? '(unnamed event)' : '(not an event)');
  const line = `${chalk.dim(time)} ${paintEventName(name, chalk)}${' '.repeat(Math.max(1, NAME_COLUMN + 1 - name.length))}${eventDetails(event, chalk)}`;
  return opts.width ? truncate(line, opts.width) : line;
}
