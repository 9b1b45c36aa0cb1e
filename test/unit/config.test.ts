import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanValue, resolveConfig } from '../../src/core/config.js';
import { UserError } from '../../src/exit-codes.js';

function dirWithEnv(text?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'zoomws-config-'));
  if (text !== undefined) writeFileSync(join(dir, '.env'), text);
  return dir;
}

const full = { ZOOM_CLIENT_ID: 'env-client', ZOOM_CLIENT_SECRET: 'env-secret', ZOOM_SUBSCRIPTION_ID: 'env-sub' };

describe('resolveConfig', () => {
  it('takes flags over environment over .env over defaults, and says where each came from', () => {
    const dir = dirWithEnv('ZOOM_CLIENT_ID=file-client\nZOOM_ACCOUNT_ID=file-account\nZOOM_SUBSCRIPTION_ID=file-sub\n');
    const r = resolveConfig({ subscriptionId: 'flag-sub' }, { ...full }, dir);
    expect(r.config).toEqual({
      accountId: 'file-account',
      clientId: 'env-client',
      clientSecret: 'env-secret',
      subscriptionId: 'flag-sub',
      wsUrl: 'wss://ws.zoom.us/ws',
      oauthUrl: 'https://zoom.us/oauth/token',
    });
    expect(r.sources).toEqual({
      accountId: `file ${join(dir, '.env')}`,
      clientId: 'environment',
      clientSecret: 'environment',
      subscriptionId: 'flag',
      wsUrl: 'default',
      oauthUrl: 'default',
    });
    expect(r.warnings).toEqual([]);
  });

  it('reads --env-file instead of ./.env, and fails clearly when it is missing', () => {
    const dir = dirWithEnv('ZOOM_CLIENT_ID=cwd-client\n');
    writeFileSync(join(dir, 'other.env'), 'ZOOM_CLIENT_ID=other-client\nZOOM_CLIENT_SECRET=s3cret\nZOOM_SUBSCRIPTION_ID=sub\n');
    expect(resolveConfig({ envFile: 'other.env' }, {}, dir).config.clientId).toBe('other-client');
    expect(() => resolveConfig({ envFile: 'nope.env' }, {}, dir)).toThrow(/cannot read --env-file nope.env: no such file/);
  });

  it('splits the subscription id off a pasted Marketplace endpoint URL', () => {
    const dir = dirWithEnv();
    const env = { ZOOM_CLIENT_ID: 'c', ZOOM_CLIENT_SECRET: 's', ZOOM_WS_URL: 'wss://ws.zoom.us/ws?subscriptionId=ZhPGtK84QbapRWXzEBW7MA' };
    const r = resolveConfig({}, env, dir);
    expect(r.config.subscriptionId).toBe('ZhPGtK84QbapRWXzEBW7MA');
    expect(r.config.wsUrl).toBe('wss://ws.zoom.us/ws');
    expect(r.sources.subscriptionId).toBe('ws-url');
  });

  it('prefers an explicit subscription id over the URL one, with a warning', () => {
    const r = resolveConfig({}, { ...full, ZOOM_WS_URL: 'wss://ws.zoom.us/ws?subscriptionId=fromurl' }, dirWithEnv());
    expect(r.config.subscriptionId).toBe('env-sub');
    expect(r.warnings).toEqual([
      'ZOOM_SUBSCRIPTION_ID (env-sub) differs from the subscriptionId in ZOOM_WS_URL (fromurl); using ZOOM_SUBSCRIPTION_ID',
    ]);
  });

  it('trims stray whitespace and quotes with a warning', () => {
    const r = resolveConfig({}, { ...full, ZOOM_CLIENT_ID: ' "abc" ' }, dirWithEnv());
    expect(r.config.clientId).toBe('abc');
    expect(r.warnings).toEqual(['ZOOM_CLIENT_ID: removed stray whitespace or quotes around the value']);
  });

  it('names the missing variable and where to find it (exit 2)', () => {
    const { ZOOM_CLIENT_SECRET: _, ...env } = full;
    try {
      resolveConfig({}, env, dirWithEnv());
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).exitCode).toBe(2);
      expect((err as UserError).message).toMatch(/^missing ZOOM_CLIENT_SECRET: find it on your app's App Credentials page/);
    }
  });

  it('rejects a socket URL that is not ws/wss', () => {
    expect(() => resolveConfig({ wsUrl: 'https://ws.zoom.us/ws' }, full, dirWithEnv())).toThrow(/must start with wss:\/\//);
  });
});

describe('cleanValue', () => {
  it.each([
    ['abc', 'abc', false],
    ['  abc\n', 'abc', true],
    ["'abc'", 'abc', true],
    ['"a b"', 'a b', true],
    ['"abc', '"abc', false],
  ])('%j → %j', (raw, value, changed) => {
    expect(cleanValue(raw)).toEqual({ value, changed });
  });
});
