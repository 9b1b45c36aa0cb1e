import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfiguration, describeSource, envFileProblem, formatProblems, isLocalHost } from '../../src/doctor/configuration.js';

const base = { clientId: 'cid', clientSecret: 'secret-value-1234', accountId: 'acc', subscriptionId: 'ZhPGtK84QbapRWXzEBW7MA', wsUrl: 'wss://ws.zoom.us/ws', oauthUrl: 'https://zoom.us/oauth/token' };
const dir = (env?: string) => {
  const d = mkdtempSync(join(tmpdir(), 'zoomws-doctor-'));
  if (env !== undefined) writeFileSync(join(d, '.env'), env, { mode: 0o600 });
  return d;
};
const full = { ZOOM_ACCOUNT_ID: 'acc', ZOOM_CLIENT_ID: 'cid', ZOOM_CLIENT_SECRET: 'secret-value-1234', ZOOM_SUBSCRIPTION_ID: 'ZhPGtK84QbapRWXzEBW7MA' };

describe('formatProblems', () => {
  it('finds nothing wrong with a well-formed configuration', () => {
    expect(formatProblems(base, {})).toEqual([]);
  });

  it('parses an endpoint URL pasted into ZOOM_SUBSCRIPTION_ID and names the id to use', () => {
    const [p] = formatProblems({ ...base, subscriptionId: 'wss://ws.zoom.us/ws?subscriptionId=ZhPGtK84QbapRWXzEBW7MA' }, {});
    expect(p).toEqual({
      severity: 'fail',
      message: 'ZOOM_SUBSCRIPTION_ID holds a URL, not a subscription id',
      fix: 'set ZOOM_SUBSCRIPTION_ID=ZhPGtK84QbapRWXzEBW7MA (the part after subscriptionId=), or put the whole URL in ZOOM_WS_URL instead',
    });
  });

  it('warns (does not fail) on a subscription id of an unusual shape', () => {
    expect(formatProblems({ ...base, subscriptionId: 'abc' }, {})).toEqual([
      { severity: 'warn', message: 'subscription id "abc" does not look like Zoom\'s (22 letters, digits, - or _)', fix: "compare it with the app's Features > Access > Event Subscription page" },
    ]);
  });

  it('fails on whitespace inside a credential', () => {
    expect(formatProblems({ ...base, clientSecret: 'abc def' }, {}).map((p) => [p.severity, p.message])).toEqual([['fail', 'ZOOM_CLIENT_SECRET contains whitespace']]);
  });

  it('accepts plain ws:// and http:// on localhost (the simulator) but warns about them elsewhere', () => {
    expect(formatProblems({ ...base, wsUrl: 'ws://127.0.0.1:9880/ws', oauthUrl: 'http://localhost:9880/oauth/token' }, {})).toEqual([]);
    const problems = formatProblems({ ...base, wsUrl: 'ws://events.example.com/ws', oauthUrl: 'http://example.com/oauth/token' }, {});
    expect(problems.map((p) => [p.severity, p.fix])).toEqual([
      ['warn', "use wss:// (Zoom's endpoint is wss://ws.zoom.us/ws)"],
      ['warn', "use https:// (Zoom's is https://zoom.us/oauth/token)"],
    ]);
  });

  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['127.4.5.6', true],
    ['[::1]', true],
    ['app.localhost', true],
    ['ws.zoom.us', false],
    ['10.0.0.1', false],
  ])('isLocalHost(%s) = %s', (host, local) => expect(isLocalHost(host)).toBe(local));
});

describe('envFileProblem', () => {
  it('warns when other users can read the file, and gives the chmod', () => {
    expect(envFileProblem('.env', 0o100644, 'linux')).toEqual({ severity: 'warn', message: '.env is readable by other users (mode 644) and holds credentials', fix: 'chmod 600 .env' });
    expect(envFileProblem('.env', 0o100600, 'linux')).toBeUndefined();
    expect(envFileProblem('.env', 0o100644, 'win32')).toBeUndefined();
  });
});

describe('describeSource', () => {
  it('names the flag, the variable, the file (relative when inside the working directory) or the default', () => {
    expect(describeSource('clientId', 'flag', '/w')).toBe('flag --client-id');
    expect(describeSource('clientSecret', 'environment', '/w')).toBe('environment ZOOM_CLIENT_SECRET');
    expect(describeSource('accountId', 'file /w/.env', '/w')).toBe('file .env');
    expect(describeSource('accountId', 'file /etc/zoom.env', '/w')).toBe('file /etc/zoom.env');
    expect(describeSource('subscriptionId', 'ws-url', '/w')).toBe('the subscriptionId in ZOOM_WS_URL');
    expect(describeSource('wsUrl', 'default', '/w')).toBe('default');
  });
});

describe('checkConfiguration', () => {
  it('passes, shows each value with its source, and masks the secret', () => {
    const d = dir('ZOOM_CLIENT_ID=file-client\n');
    const { result } = checkConfiguration({ subscriptionId: 'ZhPGtK84QbapRWXzEBW7MA' }, { ZOOM_CLIENT_SECRET: 'secret-value-1234' }, d);
    expect(result.status).toBe('pass');
    expect(result.details.values).toEqual({
      ZOOM_ACCOUNT_ID: { value: null, source: null },
      ZOOM_CLIENT_ID: { value: 'file-client', source: 'file .env' },
      ZOOM_CLIENT_SECRET: { value: 'secr… (17 chars)', source: 'environment ZOOM_CLIENT_SECRET' },
      ZOOM_SUBSCRIPTION_ID: { value: 'ZhPGtK84QbapRWXzEBW7MA', source: 'flag --subscription-id' },
      ZOOM_WS_URL: { value: 'wss://ws.zoom.us/ws', source: 'default' },
      ZOOM_OAUTH_URL: { value: 'https://zoom.us/oauth/token', source: 'default' },
    });
    expect(JSON.stringify(result)).not.toContain('secret-value-1234');
    expect(result.notes).toContain('no ZOOM_ACCOUNT_ID: the token request uses the general-app grant client_credentials');
  });

  it('reports every missing value as a failure instead of throwing', () => {
    const { result } = checkConfiguration({}, {}, dir());
    expect(result.status).toBe('fail');
    expect(result.finding).toBe('missing ZOOM_CLIENT_ID (and 2 more below)');
    expect((result.details.problems as Array<{ message: string }>).map((p) => p.message)).toEqual(['missing ZOOM_CLIENT_ID', 'missing ZOOM_CLIENT_SECRET', 'missing ZOOM_SUBSCRIPTION_ID']);
  });

  it('warns about trimmed quotes and a .env other users can read', () => {
    const d = dir();
    writeFileSync(join(d, '.env'), "ZOOM_CLIENT_SECRET=' secret-value-1234'\n");
    chmodSync(join(d, '.env'), 0o644);
    const { result, config } = checkConfiguration({}, { ...full, ZOOM_CLIENT_SECRET: undefined }, d);
    expect(config.clientSecret).toBe('secret-value-1234');
    expect(result.status).toBe('warn');
    expect((result.details.problems as Array<{ message: string }>).map((p) => p.message)).toEqual([
      `ZOOM_CLIENT_SECRET in ${join(d, '.env')}: removed stray whitespace or quotes around the value`,
      '.env is readable by other users (mode 644) and holds credentials',
    ]);
  });

  it('fails on an unusable socket URL but still resolves and shows everything else', () => {
    const { result, validUrls } = checkConfiguration({ wsUrl: 'https://ws.zoom.us/ws' }, full, dir());
    expect(result.status).toBe('fail');
    expect(result.finding).toBe('ZOOM_WS_URL must start with wss:// (got https://)');
    expect(validUrls).toEqual({ wsUrl: false, oauthUrl: true });
    expect((result.details.values as Record<string, unknown>).ZOOM_CLIENT_ID).toEqual({ value: 'cid', source: 'environment ZOOM_CLIENT_ID' });
  });

  it('fails on an unreadable --env-file and on a --ca-file without certificates', () => {
    const d = dir();
    writeFileSync(join(d, 'ca.pem'), 'not a certificate');
    const { result } = checkConfiguration({ envFile: 'missing.env', caFile: 'ca.pem' }, full, d);
    expect((result.details.problems as Array<{ message: string }>).map((p) => p.message)).toEqual([
      'cannot read --env-file missing.env: no such file',
      '--ca-file ca.pem holds no PEM certificate',
    ]);
  });
});
