import { describe, expect, it } from 'vitest';
import { makeChalk } from '../../src/view/color.js';
import { renderEvent } from '../../src/view/render.js';
import { RENDERERS } from '../../src/view/renderers.js';
import { fixtureLines, tags } from './helpers.js';

const events = fixtureLines('events.ndjson').map((l) => JSON.parse(l) as unknown);
const plain = makeChalk(0);
const colour = makeChalk(1);
const render = (e: unknown, chalk = plain, width?: number) => renderEvent(e, { chalk, width, timeZone: 'UTC' });

describe('renderEvent goldens', () => {
  it('renders every fixture as its golden line, colour off', () => {
    expect(events.map((e) => render(e))).toEqual(fixtureLines('events.plain.txt'));
  });

  it('renders every fixture as its golden line, colour forced', () => {
    expect(events.map((e) => tags(render(e, colour)))).toEqual(fixtureLines('events.color.txt'));
  });

  it('covers every row of the renderer table with at least one fixture', () => {
    const names = events.map((e) => (e as { event: string }).event);
    for (const row of RENDERERS) {
      const re = new RegExp(`^(?:${row.match.map((g) => g.replace(/[.]/g, '\\.').replace(/\*/g, '.*')).join('|')})$`);
      // chat_message_* rows inside meetings have no fixture of their own: checked below.
      if (row.match[0] === 'meeting.chat_message_*') continue;
      expect(names.some((n) => re.test(n)), row.match.join(',')).toBe(true);
    }
  });
});

describe('renderEvent edge cases', () => {
  it('renders a phone recording from its recordings list, with the call duration in seconds', () => {
    const e = {
      event: 'phone.recording_completed',
      event_ts: 1741079643120,
      payload: { object: { recordings: [{ caller_name: 'Ana', caller_number: '+14155550100', callee_name: 'Bo', callee_number: '+14155550101', duration: 95 }] } },
    };
    expect(render(e)).toBe('09:14:03.120 phone.recording_completed  Ana (+14155550100) → Bo (+14155550101) duration 1m 35s');
  });

  it('renders an in-meeting chat message with sender, topic and text', () => {
    const e = {
      event: 'meeting.chat_message_sent',
      event_ts: 1741079643120,
      payload: { object: { id: '85746065432', topic: 'Weekly sync', chat_message: { message: 'hi' }, participant: { user_name: 'Jane Doe' } } },
    };
    expect(render(e)).toBe('09:14:03.120 meeting.chat_message_sent  Jane Doe in "Weekly sync" "hi"');
  });

  it.each([
    [42, '--:--:--.--- (not an event)             42'],
    [null, '--:--:--.--- (not an event)             null'],
    [[1, 2], '--:--:--.--- (not an event)             [1,2]'],
    [{}, '--:--:--.--- (unnamed event)            (no payload)'],
    [{ event: 7, event_ts: 'soon' }, '--:--:--.--- (unnamed event)            (no payload)'],
    [{ event: 'meeting.started', event_ts: '1741079643120', payload: 'x' }, '09:14:03.120 meeting.started            (no payload)'],
    [{ event: 'x', event_ts: NaN, payload: { object: [1, 2] } }, '--:--:--.--- x                          (no details)'],
  ])('never crashes and never prints an empty line: %j', (input, expected) => {
    expect(render(input)).toBe(expected);
  });

  it('leaves out every missing or unprintable field, whatever the type', () => {
    const junk = [undefined, null, NaN, Infinity, {}, [], { a: 1 }, '', '   '];
    for (const e of events) {
      const base = e as { event: string; payload?: { object?: Record<string, unknown> } };
      const obj = base.payload?.object ?? {};
      for (const key of Object.keys(obj)) {
        for (const value of junk) {
          const mutated = { ...base, payload: { ...base.payload, object: { ...obj, [key]: value } } };
          const line = render(mutated);
          expect(line).toContain(base.event);
          expect(line).not.toMatch(/undefined|\bnull\b|NaN|Infinity|\[object Object\]/);
        }
      }
    }
  });

  it('keeps one event on one line and strips terminal escapes from Zoom text', () => {
    const e = { event: 'meeting.started', payload: { object: { topic: 'a\r\nb\u001b]0;pwned\u0007c\u009b31m\u202ed' } } };
    expect(render(e)).toBe('--:--:--.--- meeting.started            "a bc 31m d"');
  });

  it('cuts to the terminal width, counting wide characters and keeping colour codes whole', () => {
    const e = { event: 'meeting.started', event_ts: 1741079643120, payload: { object: { topic: '会議のテスト', id: '1' } } };
    expect(render(e, plain)).toBe('09:14:03.120 meeting.started            "会議のテスト" id 1');
    expect(render(e, plain, 45)).toBe('09:14:03.120 meeting.started            "会…');
    expect(render(e, plain, 46)).toBe('09:14:03.120 meeting.started            "会議…');
    expect(render(e, plain, 47)).toBe('09:14:03.120 meeting.started            "会議…');
    expect(render(e, plain, 200)).toBe(render(e, plain));
    expect(tags(render(e, colour, 20))).toBe('{2}09:14:03.120{22} {34}meetin…{0}');
  });

  it('uses local time when no zone is given', () => {
    const ts = 1741079643120;
    const d = new Date(ts);
    const hh = String(d.getHours()).padStart(2, '0');
    expect(renderEvent({ event: 'x', event_ts: ts }, { chalk: plain }).slice(0, 12)).toBe(`${hh}:${String(d.getMinutes()).padStart(2, '0')}:03.120`);
    expect(renderEvent({ event: 'x', event_ts: ts }, { chalk: plain, timeZone: 'Asia/Kolkata' }).slice(0, 12)).toBe('14:44:03.120');
  });
});
