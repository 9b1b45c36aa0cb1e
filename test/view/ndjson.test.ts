import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type Chunk, followFile, readNdjson, type ReplayItem } from '../../src/view/ndjson.js';
import { fixture, fixtureText } from './helpers.js';

async function collect(input: AsyncIterable<Chunk>, keepPartial?: boolean): Promise<Array<string>> {
  const out: string[] = [];
  for await (const item of readNdjson(input, { keepPartial })) out.push(show(item));
  return out;
}
function show(item: ReplayItem): string {
  return item.kind === 'event' ? `${item.line} ${item.event.name} ${item.event.json}` : `${item.line} BAD ${item.reason}`;
}

describe('readNdjson', () => {
  it('reads every event of a recorded file, keeping each line as its exact JSON', async () => {
    const text = fixtureText('events.ndjson');
    const items = await collect(Readable.from([Buffer.from(text)]));
    expect(items).toEqual(text.split('\n').filter(Boolean).map((l, i) => `${i + 1} ${JSON.parse(l).event} ${l}`));
  });

  it('joins lines and UTF-8 characters split across chunks', async () => {
    const bytes = Buffer.from('{"event":"a.b","t":"Lisboa – Tejo"}\n{"event":"c.d"}\n');
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    expect(await collect(Readable.from(chunks))).toEqual(['1 a.b {"event":"a.b","t":"Lisboa – Tejo"}', '2 c.d {"event":"c.d"}']);
  });

  it('warns about bad lines by number and goes on; skips blanks, BOM, CRLF and heartbeat frames', async () => {
    const text = [
      '\ufeff{"event":"meeting.started","event_ts":1}',
      '',
      'this is not json',
      '[1,2]',
      '{"foo":1}',
      '{"module":"heartbeat","success":true,"content":"live","header":{}}\r',
      '{"module":"message","content":"{\\"event\\":\\"user.updated\\",\\"event_ts\\":2}"}',
      '{"module":"message","content":"oops"}',
      '{"event":"meeting.ended"',
      '{"event":"last.line"}',
    ].join('\r\n');
    expect(await collect(Readable.from([text]))).toEqual([
      '1 meeting.started {"event":"meeting.started","event_ts":1}',
      '3 BAD not JSON: this is not json',
      '4 BAD not a JSON object',
      '5 BAD not a Zoom event (no "event" field)',
      '7 user.updated {"event":"user.updated","event_ts":2}',
      '8 BAD a message frame without an event',
      '9 BAD not JSON: {"event":"meeting.ended"',
      '10 last.line {"event":"last.line"}',
    ]);
  });

  it('holds back a last line without a newline when asked (a file still being written)', async () => {
    expect(await collect(Readable.from(['{"event":"a"}\n{"event":"b"']), false)).toEqual(['1 a {"event":"a"}']);
  });
});

describe('followFile', () => {
  it('reads the file, then lines appended later, then starts over when the file is truncated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoomws-follow-'));
    const path = join(dir, 'events.ndjson');
    writeFileSync(path, '{"event":"one"}\n{"event":"tw');
    const ac = new AbortController();
    const seen: string[] = [];
    const done = (async () => {
      for await (const item of readNdjson(followFile(path, ac.signal, 20), { keepPartial: false })) {
        seen.push(show(item));
        if (seen.length === 1) appendFileSync(path, 'o"}\n');
        if (seen.length === 2) writeFileSync(path, '{"event":"three"}\n');
        if (seen.length === 3) ac.abort();
      }
    })();
    await done;
    expect(seen).toEqual(['1 one {"event":"one"}', '2 two {"event":"two"}', '1 three {"event":"three"}']);
  });

  it('ends promptly when aborted while waiting', async () => {
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => ac.abort(), 50);
    const items = [];
    for await (const item of readNdjson(followFile(fixture('events.ndjson'), ac.signal, 10_000), { keepPartial: false })) items.push(item);
    expect(items.length).toBe(33);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
