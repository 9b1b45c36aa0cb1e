import { describe, expect, it } from 'vitest';
import { makeChalk } from '../../src/view/color.js';
import { colorJson } from '../../src/view/json.js';
import { fixtureLines, tags } from './helpers.js';

describe('colorJson', () => {
  it('lays out every fixture exactly as JSON.stringify(…, null, 2) when colour is off', () => {
    for (const line of fixtureLines('events.ndjson')) expect(colorJson(line, makeChalk(0))).toBe(JSON.stringify(JSON.parse(line), null, 2));
  });

  it('keeps number literals as sent (ids beyond 2^53, exponents)', () => {
    expect(colorJson('{"id":12345678901234567890,"x":1.50e3,"n":-0}', makeChalk(0))).toBe('{\n  "id": 12345678901234567890,\n  "x": 1.50e3,\n  "n": -0\n}');
  });

  it('colours keys, strings, numbers, booleans and null', () => {
    expect(tags(colorJson('{"a":"s","b":[1,true,null],"c":{},"d":[]}', makeChalk(1)))).toBe(
      [
        '{',
        '  {34}"a"{39}: {32}"s"{39},',
        '  {34}"b"{39}: [',
        '    {36}1{39},',
        '    {33}true{39},',
        '    {90}null{39}',
        '  ],',
        '  {34}"c"{39}: {},',
        '  {34}"d"{39}: []',
        '}',
      ].join('\n'),
    );
  });

  it('escapes C1 controls and bidi overrides that JSON allows raw in strings', () => {
    const text = '{"t":"a\u009b2Jb\u202ec"}';
    const out = colorJson(text, makeChalk(0));
    expect(out).toBe('{\n  "t": "a\\u009b2Jb\\u202ec"\n}');
    expect(JSON.parse(out)).toEqual(JSON.parse(text));
  });
});
