import { describe, expect, it } from 'vitest';
import { Backoff } from '../../src/core/backoff.js';
import { Deduper } from '../../src/core/dedupe.js';
import { classifyTokenFailure } from '../../src/core/errors.js';
import { decodeFrame, isAuthRejection } from '../../src/core/frames.js';
import { redact, addSecret, hideCredentials, mask } from '../../src/core/redact.js';
import { refreshLeadMs, TokenClient } from '../../src/core/token.js';

describe('Backoff (full jitter)', () => {
  it('stays within [0, min(cap, base·2^n)) and reaches the cap', () => {
    for (const r of [0, 0.5, 0.999999]) {
      const b = new Backoff({ baseMs: 1000, capMs: 30_000, random: () => r });
      const delays = Array.from({ length: 10 }, () => b.next());
      const ceilings = [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000, 30000];
      delays.forEach((d, i) => {
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceilings[i]!);
        expect(d).toBe(Math.floor(r * ceilings[i]!));
      });
    }
  });

  it('the first retry comes within a second, and reset starts over', () => {
    const b = new Backoff({ random: () => 0.99 });
    expect(b.next()).toBeLessThan(1000);
    b.next();
    b.next();
    b.reset();
    expect(b.next()).toBeLessThan(1000);
  });
});

describe('decodeFrame', () => {
  const event = { event: 'meeting.started', event_ts: 1626230691572, payload: { object: { id: '1234567890', big: 12345678901234567890 } } };

  it('decodes the double-encoded event and keeps Zoom\'s bytes (big numbers stay exact)', () => {
    const content = '{"event":"meeting.started","event_ts":1626230691572,"payload":{"object":{"id":"1","n":12345678901234567890}}}';
    const f = decodeFrame(JSON.stringify({ module: 'message', content, header: {} }));
    expect(f).toMatchObject({ kind: 'event', event: { name: 'meeting.started', ts: 1626230691572, json: content } });
  });

  it('accepts content that is already an object, and frames without success/header', () => {
    const f = decodeFrame(JSON.stringify({ module: 'message', content: event }));
    expect(f).toMatchObject({ kind: 'event', event: { name: 'meeting.started', json: JSON.stringify(event) } });
  });

  it('re-serialises content that spans lines so stdout stays one event per line', () => {
    const content = JSON.stringify(event, null, 2);
    const f = decodeFrame(JSON.stringify({ module: 'message', content }));
    expect(f.kind === 'event' && f.event.json).toBe(JSON.stringify(JSON.parse(content)));
  });

  it('recognises build_connection, heartbeat acks and refusals', () => {
    expect(decodeFrame('{"module":"build_connection","success":true,"content":"ok","header":{}}')).toEqual({ kind: 'connected', content: 'ok' });
    expect(decodeFrame('{"module":"heartbeat","success":true,"content":"live","header":{}}')).toEqual({ kind: 'heartbeat' });
    expect(decodeFrame('{"module":"build_connection","success":false,"content":"token is empty","header":{}}')).toEqual({
      kind: 'rejected',
      reason: 'token is empty',
      auth: true,
    });
    expect(decodeFrame('{"module":"build_connection","success":false,"content":"subscription not found"}')).toEqual({
      kind: 'rejected',
      reason: 'subscription not found',
      auth: false,
    });
  });

  it('classifies token rejections by family, in any module and wording', () => {
    for (const content of ['Invalid Token', 'Token is invalid', 'TOKEN EXPIRED', 'token is empty']) {
      expect(decodeFrame(JSON.stringify({ module: 'message', content }))).toEqual({ kind: 'auth', reason: content });
      expect(decodeFrame(JSON.stringify({ module: 'whatever', success: false, content }))).toEqual({ kind: 'auth', reason: content });
    }
    expect(isAuthRejection('meeting token')).toBe(false);
  });

  it('reports, never throws on, frames it cannot read', () => {
    expect(decodeFrame('not json')).toEqual({ kind: 'unknown', why: 'not JSON' });
    expect(decodeFrame('[1]')).toEqual({ kind: 'unknown', why: 'not a JSON object' });
    expect(decodeFrame('null')).toEqual({ kind: 'unknown', why: 'not a JSON object' });
    expect(decodeFrame('{"module":"presence","content":"x"}')).toEqual({ kind: 'unknown', module: 'presence', why: 'unknown module "presence"' });
    expect(decodeFrame('{"module":"message","content":"{bad"}')).toEqual({ kind: 'unknown', module: 'message', why: 'message without a decodable event' });
    expect(decodeFrame('{"module":"message","content":"[1,2]"}')).toMatchObject({ kind: 'unknown' });
    expect(decodeFrame('{"content":"x"}')).toEqual({ kind: 'unknown', why: 'no module' });
  });
});

describe('Deduper', () => {
  const ev = (json: string) => ({ name: 'meeting.started', ts: 1, json, event: {} });
  it('drops an identical event within the window and lets it through after', () => {
    const d = new Deduper(1000);
    expect(d.isDuplicate(ev('{"a":1}'), 0)).toBe(false);
    expect(d.isDuplicate(ev('{"a":1}'), 500)).toBe(true);
    expect(d.isDuplicate(ev('{"a":2}'), 600)).toBe(false);
    expect(d.isDuplicate(ev('{"a":1}'), 1600)).toBe(false);
  });
  it('keeps memory bounded', () => {
    const d = new Deduper(60_000, 100);
    for (let i = 0; i < 1000; i++) d.isDuplicate(ev(`{"i":${i}}`), i);
    const inner = d as unknown as { seen: Set<string>; keys: string[] };
    expect(inner.seen.size).toBeLessThanOrEqual(100);
    expect(inner.keys.length).toBeLessThanOrEqual(2 * 1024 + 100);
    // The newest 100 are still remembered; the oldest were forgotten.
    expect(d.isDuplicate(ev('{"i":999}'), 1000)).toBe(true);
    expect(d.isDuplicate(ev('{"i":0}'), 1000)).toBe(false);
  });
});

describe('classifyTokenFailure', () => {
  it.each([
    [400, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' }, 'invalid_client'],
    [401, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' }, 'invalid_client'],
    [400, { reason: 'Account does not exist', error: 'invalid_request' }, 'invalid_account'],
    [400, { reason: 'Bad Request', error: 'invalid_request' }, 'invalid_account'],
    [400, { reason: 'Unsupported grant type', error: 'unsupported_grant_type' }, 'unsupported_grant'],
    [400, { reason: 'The app has been disabled', error: 'invalid_client' }, 'app_disabled'],
    [500, { reason: 'Internal Server Error' }, 'http'],
    [429, undefined, 'http'],
  ] as const)('HTTP %i %j → %s', (status, body, family) => {
    expect(classifyTokenFailure(status, body)).toBe(family);
  });
});

describe('redact', () => {
  it('hides the token in socket URLs, Authorization headers, JSON and bare JWTs', () => {
    expect(redact('wss://ws.zoom.us/ws?subscriptionId=abc&access_token=eyJhbGciOi.x.y')).toBe('wss://ws.zoom.us/ws?subscriptionId=abc&access_token=***');
    expect(redact('Authorization: Basic Y2xpZW50OnNlY3JldA==')).toBe('Authorization: Basic ***');
    expect(redact('{"access_token":"abc.def"}')).toBe('{"access_token":"***"}');
    expect(redact('token eyJhbGciOiJIUzUxMiJ9.eyJhdWQiOiJodHRwcyJ9.c2lnbmF0dXJl here')).toBe('token *** here');
  });
  it('hides registered secrets anywhere', () => {
    addSecret('my-very-secret-value');
    expect(redact('oops my-very-secret-value leaked')).toBe('oops *** leaked');
  });
  it('hides URL credentials: the password, or a lone user name (often a token)', () => {
    expect(hideCredentials('http://me:pa55@proxy.corp:8080')).toBe('http://me:***@proxy.corp:8080');
    expect(hideCredentials(new URL('https://tok3n@hooks.example/zoom?x=a@b'))).toBe('https://***@hooks.example/zoom?x=a@b');
    expect(hideCredentials('http://proxy.corp:8080/p@th')).toBe('http://proxy.corp:8080/p@th');
    expect(hideCredentials('mailto:a@b.example')).toBe('mailto:a@b.example');
  });
  it('masks to 4 characters and a length', () => {
    expect(mask('abcdefghij')).toBe('abcd… (10 chars)');
  });
});

describe('TokenClient', () => {
  const ok = (body: object, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status: 200, headers });
  const creds = { oauthUrl: 'http://127.0.0.1:1/oauth/token', clientId: 'id', clientSecret: 'secret', accountId: 'acc' };

  it('sends the request exactly as protocol §1', async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const fetch = (async (url: string, init: RequestInit) => {
      seen = { url, init };
      return ok({ access_token: 'tok', expires_in: 3600, scope: 'a b' });
    }) as unknown as typeof globalThis.fetch;
    const t = await new TokenClient(creds, { fetch }).get();
    expect(seen!.url).toBe(creds.oauthUrl);
    expect(seen!.init.method).toBe('POST');
    expect((seen!.init.headers as Record<string, string>).authorization).toBe(`Basic ${Buffer.from('id:secret').toString('base64')}`);
    expect((seen!.init.headers as Record<string, string>)['content-type']).toBe('application/x-www-form-urlencoded');
    expect(String(seen!.init.body)).toBe('grant_type=account_credentials&account_id=acc');
    expect(t.scopes).toEqual(['a', 'b']);
  });

  it('uses client_credentials when there is no account id', async () => {
    let body = '';
    const fetch = (async (_: string, init: RequestInit) => ((body = String(init.body)), ok({ access_token: 't', expires_in: 3600 }))) as unknown as typeof globalThis.fetch;
    await new TokenClient({ ...creds, accountId: undefined }, { fetch }).get();
    expect(body).toBe('grant_type=client_credentials');
  });

  it('caches the token and mints again ahead of expiry', async () => {
    let now = 1_000_000;
    let calls = 0;
    const fetch = (async () => ok({ access_token: `t${++calls}`, expires_in: 3600 })) as unknown as typeof globalThis.fetch;
    const c = new TokenClient(creds, { fetch, now: () => now });
    expect((await c.get()).value).toBe('t1');
    now += 3600_000 - refreshLeadMs(3600_000) - 1;
    expect((await c.get()).value).toBe('t1');
    now += 2;
    expect((await c.get()).value).toBe('t2');
    expect(refreshLeadMs(3600_000)).toBe(300_000);
    expect(refreshLeadMs(10_000)).toBe(1000);
  });

  it('shares one request between concurrent callers', async () => {
    let calls = 0;
    const fetch = (async () => (calls++, ok({ access_token: 't', expires_in: 3600 }))) as unknown as typeof globalThis.fetch;
    const c = new TokenClient(creds, { fetch });
    await Promise.all([c.get(), c.get(), c.get()]);
    expect(calls).toBe(1);
  });

  it('turns failures into typed errors that keep Zoom\'s reason', async () => {
    const fetch = (async () => new Response('{"reason":"Invalid client_id or client_secret","error":"invalid_client"}', { status: 400 })) as unknown as typeof globalThis.fetch;
    await expect(new TokenClient(creds, { fetch }).get()).rejects.toMatchObject({
      family: 'invalid_client',
      reason: 'Invalid client_id or client_secret',
      status: 400,
      exitCode: 3,
      retryable: false,
    });
    const down = (async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    }) as unknown as typeof globalThis.fetch;
    await expect(new TokenClient(creds, { fetch: down }).get()).rejects.toMatchObject({ family: 'network', exitCode: 4, retryable: true });
  });
});
