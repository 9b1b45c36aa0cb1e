import { describe, expect, it } from 'vitest';
import { USER_AGENT, webhookHeaders, zoomSignature } from '../../src/forward/signature.js';
import { encryptedToken, zoomVerify } from './handler.js';

// Protocol page §6 test vectors.
const SECRET = 'test_secret_token';
const TS = 1658940994;
const BODY = '{"event":"session.started","payload":{"account_id":"{ACCOUNT_ID}","object":{"start_time":"2022-07-27T16:56:34Z","id":"{SESSION_ID}"}},"event_ts":1658940994914}';
const SIGNATURE = 'v0=60583099767bb14264a2d8d80ab7107d8e60d4e37bf77f6b25ba897bdb9bcbde';

describe("the tests' independent verifier", () => {
  it('matches both test vectors of the protocol page', () => {
    expect(zoomVerify(SECRET, { 'x-zm-request-timestamp': String(TS), 'x-zm-signature': SIGNATURE }, BODY)).toBe(true);
    expect(encryptedToken(SECRET, 'qgg8vlvZRS6UYooatFL8Aw')).toBe('4efea922935c335d972476de138d2208a0d46ab28c79ee592d497a1b216419b8');
  });

  it('rejects a wrong secret, timestamp or body', () => {
    expect(zoomVerify('other', { 'x-zm-request-timestamp': String(TS), 'x-zm-signature': SIGNATURE }, BODY)).toBe(false);
    expect(zoomVerify(SECRET, { 'x-zm-request-timestamp': String(TS + 1), 'x-zm-signature': SIGNATURE }, BODY)).toBe(false);
    expect(zoomVerify(SECRET, { 'x-zm-request-timestamp': String(TS), 'x-zm-signature': SIGNATURE }, BODY.replace('16:56', '16:57'))).toBe(false);
    expect(zoomVerify(SECRET, { 'x-zm-request-timestamp': String(TS) }, BODY)).toBe(false);
  });
});

describe('zoomSignature', () => {
  it('produces the test vector', () => {
    expect(zoomSignature(SECRET, TS, BODY)).toBe(SIGNATURE);
  });
});

describe('webhookHeaders', () => {
  it("carries Zoom's headers, timestamp in seconds, signature over the same bytes", () => {
    const h = webhookHeaders(BODY, 'req-1', SECRET, TS * 1000 + 999);
    expect(h).toEqual({
      'content-type': 'application/json; charset=utf-8',
      'user-agent': USER_AGENT,
      'x-zm-request-timestamp': String(TS),
      'x-zm-request-id': 'req-1',
      'x-zm-signature': SIGNATURE,
    });
    expect(zoomVerify(SECRET, h, BODY)).toBe(true);
  });

  it('has no signature without a secret token', () => {
    expect(webhookHeaders(BODY, 'req-1', undefined)).not.toHaveProperty('x-zm-signature');
  });
});
