/**
 * Replay input: the NDJSON `connect` writes (one event per line; `connect --raw` frames are
 * accepted too), from a file, stdin, or a file that is still growing (`--follow`).
 * Bad lines come out as `bad` items with their line number so the caller can warn and go on.
 */
import { open } from 'node:fs/promises';
import { watch } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { decodeFrame, type ZoomEvent } from '../core/frames.js';
import { clip, oneLine } from './text.js';

export type ReplayItem = { kind: 'event'; line: number; event: ZoomEvent } | { kind: 'bad'; line: number; reason: string };

/** Marks the point where a followed file was truncated or replaced: numbering starts again. */
export const RESTART = Symbol('restart');
export type Chunk = string | Buffer | typeof RESTART;

/** One line → an event, a bad line, or nothing (blank lines, heartbeat/connection frames). */
export function parseLine(text: string, line: number): ReplayItem | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(t);
  } catch {
    return { kind: 'bad', line, reason: `not JSON: ${clip(oneLine(t), 40)}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { kind: 'bad', line, reason: 'not a JSON object' };
  const e = value as Record<string, unknown>;
  if (typeof e.event === 'string') {
    const ts = typeof e.event_ts === 'number' ? e.event_ts : undefined;
    return { kind: 'event', line, event: { name: e.event, ts, json: t, event: e } };
  }
  if (typeof e.module === 'string') {
    const frame = decodeFrame(t);
    if (frame.kind === 'event') return { kind: 'event', line, event: frame.event };
    if (frame.kind === 'heartbeat' || frame.kind === 'connected') return undefined;
    return { kind: 'bad', line, reason: `a ${e.module} frame without an event` };
  }
  return { kind: 'bad', line, reason: 'not a Zoom event (no "event" field)' };
}

/**
 * Split chunks into numbered lines (CRLF and a UTF-8 BOM tolerated). A last line without a
 * newline is kept when the input ends, unless `keepPartial` is false (a followed file cut off mid-write).
 */
export async function* readNdjson(input: AsyncIterable<Chunk>, opts: { keepPartial?: boolean } = {}): AsyncGenerator<ReplayItem> {
  let decoder = new StringDecoder('utf8');
  let buffer = '';
  let line = 0;
  for await (const chunk of input) {
    if (chunk === RESTART) {
      [decoder, buffer, line] = [new StringDecoder('utf8'), '', 0];
      continue;
    }
    buffer += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (line === 0 && buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
    let start = 0;
    let nl: number;
    while ((nl = buffer.indexOf('\n', start)) !== -1) {
      const item = parseLine(buffer.slice(start, nl), ++line);
      start = nl + 1;
      if (item) yield item;
    }
    buffer = buffer.slice(start);
  }
  buffer += decoder.end();
  if (opts.keepPartial !== false && buffer) {
    const item = parseLine(buffer, ++line);
    if (item) yield item;
  }
}

/**
 * A file read to its end and then watched for appended bytes, like `tail -f`, until `signal`
 * aborts. Polls as well as watching: fs.watch misses changes on some filesystems.
 */
export async function* followFile(path: string, signal: AbortSignal, pollMs = 250): AsyncGenerator<Chunk> {
  const file = await open(path, 'r');
  let wake: (() => void) | undefined;
  const watcher = watch(path, () => wake?.());
  watcher.on('error', () => {});
  const buf = Buffer.alloc(64 * 1024);
  let position = 0;
  try {
    while (!signal.aborted) {
      const { bytesRead } = await file.read(buf, 0, buf.length, position);
      if (bytesRead > 0) {
        position += bytesRead;
        yield Buffer.from(buf.subarray(0, bytesRead));
        continue;
      }
      if ((await file.stat()).size < position) {
        position = 0;
        yield RESTART;
        continue;
      }
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          wake = undefined;
          resolve();
        };
        const timer = setTimeout(done, pollMs);
        wake = done;
        signal.addEventListener('abort', done);
      });
    }
  } finally {
    watcher.close();
    await file.close();
  }
}
