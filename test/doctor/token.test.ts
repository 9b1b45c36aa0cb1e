import { describe, expect, it } from 'vitest';
import { triggerAdvice, scopeFamilies } from '../../src/doctor/families.js';
import { clockSkewMs, describeSkew, tokenFix } from '../../src/doctor/token.js';

const config = { clientId: 'cid', clientSecret: 'abcdefghijkl', accountId: 'acc', subscriptionId: 's', wsUrl: 'wss://ws.zoom.us/ws', oauthUrl: 'https://zoom.us/oauth/token' };

describe('clock skew', () => {
  it('compares the middle of the request with the middle of the Date header second', () => {
    const date = Date.parse('2025-01-01T10:00:00Z');
    expect(clockSkewMs(date, date + 400, date + 600)).toBe(0);
    expect(clockSkewMs(date, date + 90_500, date + 90_500)).toBe(90_000);
    expect(clockSkewMs(date, date - 120_000, date - 119_000)).toBe(-120_000);
  });

  it('says ahead or behind in plain words', () => {
    expect(describeSkew(1500)).toBe("local clock agrees with Zoom's within 2 s");
    expect(describeSkew(90_000)).toBe("local clock is 1m30s ahead of Zoom's");
    expect(describeSkew(-120_000)).toBe("local clock is 2m00s behind Zoom's");
  });
});

describe('tokenFix', () => {
  it('explains each refusal family with an action', () => {
    expect(tokenFix('invalid_client', config)).toEqual({
      meaning: 'wrong client id or client secret',
      fix: "copy ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET again from the app's App Credentials page: was the secret regenerated? was it copied with a space or a missing character? (in use: client id cid, secret abcd… (12 chars))",
    });
    expect(tokenFix('invalid_account', config).meaning).toBe('wrong account id');
    expect(tokenFix('unsupported_grant', config).meaning).toBe('not a Server-to-Server OAuth app');
    expect(tokenFix('app_disabled', config).fix).toMatch(/activate it/);
    expect(tokenFix('http', config, 503).fix).toMatch(/status\.zoom\.us/);
    expect(tokenFix('http', config, 404).fix).toMatch(/check ZOOM_OAUTH_URL/);
    expect(tokenFix('network', config).fix).toMatch(/see Network/);
  });

  it('never shows the whole secret', () => {
    for (const family of ['invalid_client', 'invalid_account', 'unsupported_grant', 'app_disabled', 'http', 'network'] as const) {
      expect(JSON.stringify(tokenFix(family, config))).not.toContain('abcdefghijkl');
    }
  });
});

describe('what to ask the user to do while waiting', () => {
  it('names a family the token can see', () => {
    expect(scopeFamilies(['meeting:read:admin', 'meeting:read:meeting:admin', 'user:read:admin'])).toEqual(['meeting', 'user']);
    expect(triggerAdvice(['user:read:admin', 'meeting:read:admin'])).toEqual({ family: 'meeting', action: 'start or end a test meeting' });
    expect(triggerAdvice(['phone:read:admin'])).toEqual({ family: 'phone', action: 'make a test Zoom Phone call' });
    expect(triggerAdvice([]).action).toMatch(/^trigger one of the events your subscription lists/);
  });
});
