import { describe, expect, it } from 'vitest';
import { makeChalk, resolveColorLevel } from '../../src/view/color.js';
import { familyOf } from '../../src/view/family.js';
import { formatClock, humanBytes, humanDuration } from '../../src/view/human.js';
import { formatSummary } from '../../src/view/summary.js';
import { displayWidth, scalar, truncate } from '../../src/view/text.js';
import { tags } from './helpers.js';

describe('resolveColorLevel', () => {
  it.each([
    ['auto', {}, true, 1],
    ['auto', {}, false, 0],
    ['auto', { NO_COLOR: '1' }, true, 0],
    ['auto', { NO_COLOR: '' }, true, 1],
    ['auto', { TERM: 'dumb' }, true, 0],
    ['auto', { FORCE_COLOR: '1' }, false, 1],
    ['auto', { FORCE_COLOR: '3' }, false, 3],
    ['auto', { FORCE_COLOR: '' }, false, 1],
    ['auto', { FORCE_COLOR: '0' }, true, 0],
    ['auto', { FORCE_COLOR: 'false' }, true, 0],
    ['auto', { FORCE_COLOR: '2', NO_COLOR: '1' }, false, 2],
    ['always', {}, false, 1],
    ['always', { NO_COLOR: '1' }, false, 1],
    ['always', { FORCE_COLOR: '3' }, false, 3],
    ['always', { FORCE_COLOR: '0' }, false, 1],
    ['never', {}, true, 0],
    ['never', { FORCE_COLOR: '3' }, true, 0],
  ] as const)('flag %s env %j tty %s → level %i', (flag, env, isTTY, level) => {
    expect(resolveColorLevel({ flag, env, isTTY })).toBe(level);
  });

  it('defaults to auto', () => {
    expect(resolveColorLevel({ env: {}, isTTY: true })).toBe(1);
  });
});

describe('families', () => {
  it.each([
    ['meeting.started', 'meeting'],
    ['meeting_summary.completed', 'meeting'],
    ['webinar.ended', 'webinar'],
    ['recording.completed', 'recording'],
    ['user.updated', 'user'],
    ['phone.callee_answered', 'phone'],
    ['chat_message.sent', 'chat'],
    ['team_chat.channel_message_posted', 'chat'],
    ['chat_channel.created', 'chat'],
    ['zoomroom.alert', 'room'],
    ['account.updated', 'account'],
    ['contact_center.engagement_started', 'other'],
    ['whiteboard.created', 'other'],
    ['app_deauthorized', 'other'],
    ['', 'other'],
  ])('%s → %s', (name, family) => expect(familyOf(name)).toBe(family));
});

describe('human units', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1 kB'],
    [20480, '20.5 kB'],
    [4_200_000, '4.2 MB'],
    [412_518_400, '413 MB'],
    [999_600, '1 MB'],
    [1_310_000_000, '1.31 GB'],
    [2.5e15, '2.5 PB'],
  ])('humanBytes(%d) = %s', (n, s) => expect(humanBytes(n)).toBe(s));

  it.each([
    [0, '0ms'],
    [850, '850ms'],
    [4_290, '4.2s'],
    [42_000, '42s'],
    [60_000, '1m'],
    [725_000, '12m 05s'],
    [3_600_000, '1h'],
    [7_380_000, '2h 03m'],
    [86_400_000 * 3 + 3_600_000 * 4, '3d 04h'],
  ])('humanDuration(%d) = %s', (ms, s) => expect(humanDuration(ms)).toBe(s));

  it('formats the clock in a given zone with milliseconds, 24-hour', () => {
    expect(formatClock(Date.UTC(2025, 2, 4, 0, 5, 9, 7), 'UTC')).toBe('00:05:09.007');
    expect(formatClock(Date.UTC(2025, 2, 4, 23, 59, 59, 999), 'America/Los_Angeles')).toBe('15:59:59.999');
  });
});

describe('text', () => {
  it('shows only printable scalars', () => {
    expect([undefined, null, NaN, -Infinity, {}, [], '', ' \n '].map((v) => scalar(v))).toEqual(Array(8).fill(undefined));
    expect([0, false, 'x', ' a\tb '].map((v) => scalar(v))).toEqual(['0', 'false', 'x', 'a b']);
    expect(scalar('abcdef', 4)).toBe('abc…');
  });

  it('measures and cuts coloured, wide and combined text', () => {
    const c = makeChalk(1);
    expect(displayWidth(c.red('ab') + '日本' + 'e\u0301')).toBe(7);
    expect(truncate('abcdef', 6)).toBe('abcdef');
    expect(truncate('abcdefg', 6)).toBe('abcde…');
    expect(tags(truncate(c.red('abcdefg'), 4))).toBe('{31}abc…{0}');
    expect(truncate('👍🏽👍🏽👍🏽', 5)).toBe('👍🏽👍🏽…');
  });
});

describe('formatSummary', () => {
  const byType = new Map([
    ['meeting.started', 3],
    ['user.updated', 12],
    ['app_deauthorized', 3],
  ]);
  it('lists types by count then name, with reconnects and gaps', () => {
    const text = formatSummary({ byType, durationMs: 65_000, reconnects: 1, gaps: [{ durationMs: 3_200 }] }, makeChalk(0));
    expect(text).toBe(
      [
        'zoomws: 18 events in 1m 05s, 1 reconnect, 1 gap (3.2s without a connection)',
        '  12  user.updated',
        '   3  app_deauthorized',
        '   3  meeting.started',
      ].join('\n'),
    );
  });
  it('says so when nothing arrived, and counts bad replay lines in yellow', () => {
    expect(formatSummary({ byType: new Map(), durationMs: 500, reconnects: 0, gaps: [] }, makeChalk(0))).toBe(
      'zoomws: 0 events in 500ms, 0 reconnects, 0 gaps',
    );
    expect(tags(formatSummary({ byType: new Map([['x', 1]]), durationMs: 1500, badLines: 2 }, makeChalk(1)))).toBe(
      'zoomws: 1 event in 1.5s, {33}2 bad lines skipped{39}\n  1  {95}x{39}',
    );
  });
});
