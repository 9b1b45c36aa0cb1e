import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/exit-codes.js';
import { makeChalk } from '../../src/view/color.js';
import { compileTemplate } from '../../src/view/template.js';
import { fixtureLines, tags } from './helpers.js';

const [created, , joined] = fixtureLines('events.ndjson').map((l) => JSON.parse(l) as unknown);
const recording = JSON.parse(fixtureLines('events.ndjson')[10]!) as unknown;
const x = { chalk: makeChalk(0), timeZone: 'UTC' };
const apply = (t: string, e: unknown = created, ctx = x) => compileTemplate(t)(e, ctx);

describe('--format templates', () => {
  it('fills the example from the issue', () => {
    expect(apply('{event_ts} {event} {payload.object.topic}')).toBe('1741079643120 meeting.created Weekly sync');
  });

  it('keeps numbers as numbers and strings as strings (never coerced ids)', () => {
    expect(apply('{payload.object.id}|{payload.object.type}')).toBe('85746065432|2');
  });

  it('reaches nested objects and array items; objects print as compact JSON', () => {
    expect(apply('{payload.object.participant.user_name} <{payload.object.participant.email}>', joined)).toBe('Jane Doe <jane.doe@example.com>');
    expect(apply('{payload.object.recording_files.1.file_type} {payload.object.recording_files.length}', recording)).toBe('M4A 3');
    expect(apply('{payload.object.recording_files.2}', recording)).toBe(
      '{"id":"f3","file_type":"TIMELINE","file_size":428032,"recording_type":"timeline"}',
    );
  });

  it('prints nothing for missing fields, null and NaN', () => {
    expect(apply('[{nope}] [{payload.nope.deeper}] [{payload.object.topic.x}]')).toBe('[] [] []');
    expect(apply('[{a}][{b}]', { a: null, b: Number.NaN })).toBe('[][]');
  });

  it('offers {time}, {summary} and {family} when the event has no such field', () => {
    expect(apply('{time} {family} {summary}')).toBe('09:14:03.120 meeting "Weekly sync" id 85746065432 host z8yCxjabcdEFGHfp8uQ by ana.lima@example.com');
    expect(apply('{time}', { time: 'mine' })).toBe('mine');
  });

  it('supports literal braces, tabs and newlines', () => {
    expect(apply('{{{event}}}\\t{payload.object.type}\\n.')).toBe('{meeting.created}\t2\n.');
  });

  it('makes Zoom text safe to print', () => {
    expect(apply('{t}', { t: 'a\u001b[2Jb\nc' })).toBe('ab c');
  });

  it('colours the event name by family when colour is on, and cuts to the width', () => {
    expect(tags(apply('{event} {payload.object.topic}', created, { chalk: makeChalk(1), timeZone: 'UTC' }))).toBe('{34}meeting.created{39} Weekly sync');
    expect(apply('{event} {payload.object.topic}', created, { ...x, width: 10 } as never)).toBe('meeting.c…');
  });

  it.each([
    ['{event', 'unclosed "{" at character 1'],
    ['a } b', 'unmatched "}" at character 3'],
    ['{}', 'bad field name "" at character 1'],
    ['{a..b}', 'bad field name "a..b" at character 1'],
  ])('rejects %j as a usage error before anything runs', (t, message) => {
    let err: unknown;
    try {
      compileTemplate(t);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toBe(`--format: ${message} of ${JSON.stringify(t)}`);
    expect((err as UserError).exitCode).toBe(2);
  });
});
