import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/exit-codes.js';
import { parseTarget, urlTarget } from '../../src/forward/target.js';
import { parseAssignment, setPath } from '../../src/forward/set-path.js';
import { closest } from '../../src/forward/suggest.js';

const noWarn = () => {};

describe('--forward-to [globs=]URL', () => {
  it('takes a plain URL as every event', () => {
    const t = parseTarget('http://localhost:4000/zoom/webhook', noWarn);
    expect(t).toMatchObject({ url: 'http://localhost:4000/zoom/webhook', globs: '' });
    expect(t.matches('meeting.started')).toBe(true);
  });

  it('routes by event globs before the first "="', () => {
    const t = parseTarget('recording.*,meeting.ended=http://h:1/rec', noWarn);
    expect(t.url).toBe('http://h:1/rec');
    expect(t.globs).toBe('recording.*,meeting.ended');
    expect(['recording.completed', 'meeting.ended', 'meeting.started'].map(t.matches)).toEqual([true, true, false]);
  });

  it('does not mistake "=" in a URL query for a route', () => {
    const t = parseTarget('http://h/hook?team=a&x=1', noWarn);
    expect(t).toMatchObject({ url: 'http://h/hook?team=a&x=1', globs: '' });
    expect(parseTarget('meeting.*=http://h/hook?team=a', noWarn).url).toBe('http://h/hook?team=a');
  });

  it('sends credentials in the URL as Basic auth, masked in the label, with a ps warning for a password', () => {
    const warnings: string[] = [];
    const t = parseTarget('meeting.*=http://us%40er:s3cr3t@h/x', (m) => warnings.push(m));
    expect(t).toMatchObject({ url: 'http://h/x', label: 'http://us%40er:***@h/x', authorization: `Basic ${Buffer.from('us@er:s3cr3t').toString('base64')}` });
    expect(warnings).toEqual(['the password in --forward-to is visible to other users in the process list (ps)']);
    expect(urlTarget('http://tok3n@h/x', '--to', (m) => warnings.push(m))).toMatchObject({ url: 'http://h/x', label: 'http://***@h/x', authorization: `Basic ${Buffer.from('tok3n:').toString('base64')}` });
    expect(warnings).toHaveLength(1);
    expect(parseTarget('http://h/x', noWarn).authorization).toBeUndefined();
  });

  it('rejects what is not an http(s) URL with a usage error', () => {
    for (const bad of ['localhost:4000/hook', 'ftp://h/x', 'recording.*=', '=http://h/x', 'not a url']) {
      let err: unknown;
      try {
        parseTarget(bad, noWarn);
      } catch (e) {
        err = e;
      }
      expect(err, bad).toBeInstanceOf(UserError);
      expect((err as UserError).exitCode).toBe(2);
    }
    expect(() => urlTarget('meeting.*=http://h/x', '--to', noWarn)).toThrow(/--to is not a URL/);
  });
});

describe('--set path=value', () => {
  it('parses JSON values and falls back to text', () => {
    expect(parseAssignment('payload.object.topic=Standup')).toEqual({ path: ['payload', 'object', 'topic'], value: 'Standup' });
    expect(parseAssignment('payload.object.duration=15').value).toBe(15);
    expect(parseAssignment('payload.object.id="123"').value).toBe('123');
    expect(parseAssignment('a={"b":[1,null]}').value).toEqual({ b: [1, null] });
    expect(parseAssignment('a=x=y').value).toBe('x=y');
    expect(parseAssignment('a=').value).toBe('');
  });

  it('rejects a missing path', () => {
    expect(() => parseAssignment('topic')).toThrow(UserError);
    expect(() => parseAssignment('=x')).toThrow(UserError);
    expect(() => parseAssignment('a..b=1')).toThrow(UserError);
  });

  it('sets nested fields, creating objects, indexing arrays', () => {
    const e: Record<string, unknown> = { payload: { object: { files: [{ id: 1 }] }, n: 1 } };
    setPath(e, ['payload', 'object', 'topic'], 'Standup');
    setPath(e, ['payload', 'object', 'files', '0', 'id'], 2);
    setPath(e, ['payload', 'new', 'deep'], true);
    expect(e).toEqual({ payload: { object: { topic: 'Standup', files: [{ id: 2 }] }, n: 1, new: { deep: true } } });
    expect(() => setPath(e, ['payload', 'n', 'x'], 1)).toThrow(/payload.n is 1, not an object/);
  });
});

describe('did you mean', () => {
  const known = ['meeting.started', 'meeting.ended', 'recording.completed'];
  it('suggests the closest name for a typo, nothing for something else', () => {
    expect(closest('meeting.strated', known)).toBe('meeting.started');
    expect(closest('Recording.Complete', known)).toBe('recording.completed');
    expect(closest('phone.sms_received', known)).toBeUndefined();
  });
});
