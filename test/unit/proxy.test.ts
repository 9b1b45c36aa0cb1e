/** Which proxy carries which request: NO_PROXY matching, environment precedence, and bad configuration. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNetwork, displayProxy, isLoopback, noProxyMatches, proxyFor } from '../../src/core/proxy.js';
import { redact } from '../../src/core/redact.js';
import { TunnelAgent } from '../../src/core/tunnel.js';
import { UserError } from '../../src/exit-codes.js';

const matches = (noProxy: string, target: string) => noProxyMatches(noProxy, new URL(target));

describe('NO_PROXY', () => {
  it('matches a host name and its subdomains, not names that merely end the same', () => {
    expect(matches('zoom.us', 'wss://ws.zoom.us/ws')).toBe(true);
    expect(matches('zoom.us', 'https://zoom.us/oauth/token')).toBe(true);
    expect(matches('zoom.us', 'https://notzoom.us/')).toBe(false);
    expect(matches('ws.zoom.us', 'https://zoom.us/')).toBe(false);
  });

  it('ignores a leading dot or *. and case, and trims spaces around entries', () => {
    expect(matches('.zoom.us', 'wss://ws.zoom.us/ws')).toBe(true);
    expect(matches('.zoom.us', 'https://zoom.us/')).toBe(true);
    expect(matches('*.Zoom.US', 'wss://WS.zoom.us/ws')).toBe(true);
    expect(matches(' example.com ,  zoom.us ', 'https://zoom.us/')).toBe(true);
    expect(matches('example.com,,', 'https://zoom.us/')).toBe(false);
  });

  it('`*` alone exempts everything; `*` inside a list entry is not a wildcard', () => {
    expect(matches('*', 'https://zoom.us/')).toBe(true);
    expect(matches('example.com,*', 'https://zoom.us/')).toBe(true);
    expect(matches('zo*.us', 'https://zoom.us/')).toBe(false);
  });

  it('host:port entries match that port only, the scheme giving the default port', () => {
    expect(matches('zoom.us:443', 'wss://ws.zoom.us/ws')).toBe(true);
    expect(matches('zoom.us:443', 'https://zoom.us:8443/')).toBe(false);
    expect(matches('127.0.0.1:9880', 'ws://127.0.0.1:9880/ws')).toBe(true);
    expect(matches('127.0.0.1:9880', 'ws://127.0.0.1:9881/ws')).toBe(false);
    expect(matches('localhost:80', 'http://localhost/')).toBe(true);
  });

  it('matches IP addresses exactly (no suffix matching) and CIDR ranges', () => {
    expect(matches('127.0.0.1', 'http://127.0.0.1:9880/')).toBe(true);
    expect(matches('0.0.1', 'http://127.0.0.1/')).toBe(false);
    expect(matches('10.0.0.0/8', 'https://10.20.30.40/')).toBe(true);
    expect(matches('10.0.0.0/8', 'https://11.0.0.1/')).toBe(false);
    expect(matches('::1', 'http://[::1]:9880/')).toBe(true);
    expect(matches('[::1]:9880', 'http://[::1]:9880/')).toBe(true);
    expect(matches('fd00::/8', 'http://[fd12::5]/')).toBe(true);
    expect(matches('10.0.0.0/8', 'https://zoom.us/')).toBe(false);
  });

  it('knows loopback names and addresses', () => {
    for (const h of ['localhost', 'LOCALHOST', 'api.localhost', '127.0.0.1', '127.1.2.3', '[::1]']) expect(isLoopback(h)).toBe(true);
    for (const h of ['localhost.example.com', '128.0.0.1', 'zoom.us', '[::2]']) expect(isLoopback(h)).toBe(false);
  });
});

describe('proxyFor', () => {
  const P = 'http://proxy.corp:3128';

  it('takes https_proxy/HTTPS_PROXY for https and wss targets, http_proxy/HTTP_PROXY for http and ws, lowercase first', () => {
    const vars = { HTTPS_PROXY: 'http://upper-s:1', https_proxy: 'http://lower-s:1', HTTP_PROXY: 'http://upper:1' };
    expect(proxyFor('wss://ws.zoom.us/ws', {}, vars)?.url.host).toBe('lower-s:1');
    expect(proxyFor('https://zoom.us/oauth/token', {}, vars)?.source).toBe('https_proxy');
    expect(proxyFor('ws://sim.corp:9880/ws', {}, vars)?.url.host).toBe('upper:1');
    expect(proxyFor('wss://ws.zoom.us/ws', {}, { HTTPS_PROXY: P })?.source).toBe('HTTPS_PROXY');
    expect(proxyFor('wss://ws.zoom.us/ws', {}, { HTTP_PROXY: P })).toBeUndefined();
    expect(proxyFor('wss://ws.zoom.us/ws', {}, { HTTPS_PROXY: '  ' })).toBeUndefined();
  });

  it('--proxy beats the environment, and --proxy "" turns every proxy off', () => {
    expect(proxyFor('wss://ws.zoom.us/ws', { proxy: P }, { HTTPS_PROXY: 'http://other:1' })).toMatchObject({ source: '--proxy' });
    expect(proxyFor('wss://ws.zoom.us/ws', { proxy: '' }, { HTTPS_PROXY: 'http://other:1' })).toBeUndefined();
  });

  it('a proxy from the environment never carries loopback targets; --proxy does', () => {
    expect(proxyFor('ws://127.0.0.1:9880/ws', {}, { HTTP_PROXY: P })).toBeUndefined();
    expect(proxyFor('http://localhost:9880/oauth/token', {}, { http_proxy: P })).toBeUndefined();
    expect(proxyFor('ws://127.0.0.1:9880/ws', { proxy: P }, {})?.url.href).toBe('http://proxy.corp:3128/');
  });

  it('NO_PROXY (any case) applies to --proxy and to the environment', () => {
    expect(proxyFor('wss://ws.zoom.us/ws', {}, { HTTPS_PROXY: P, NO_PROXY: 'zoom.us' })).toBeUndefined();
    expect(proxyFor('wss://ws.zoom.us/ws', {}, { HTTPS_PROXY: P, no_proxy: '.zoom.us' })).toBeUndefined();
    expect(proxyFor('ws://127.0.0.1:9880/ws', { proxy: P }, { NO_PROXY: '127.0.0.1' })).toBeUndefined();
    expect(proxyFor('wss://ws.zoom.us/ws', { proxy: P }, { NO_PROXY: 'example.com' })).toBeDefined();
  });

  it('reads a proxy without a scheme as http://, and refuses other schemes and non-URLs as usage errors', () => {
    expect(proxyFor('https://zoom.us/', { proxy: 'proxy.corp:3128' }, {})?.url.href).toBe('http://proxy.corp:3128/');
    const usage = (fn: () => unknown, message: RegExp) => {
      try {
        fn();
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(UserError);
        expect((err as UserError).exitCode).toBe(2);
        expect((err as UserError).message).toMatch(message);
      }
    };
    usage(() => proxyFor('https://zoom.us/', { proxy: 'socks5://127.0.0.1:1080' }, {}), /^--proxy: socks5 proxies are not supported$/);
    usage(() => proxyFor('https://zoom.us/', {}, { HTTPS_PROXY: 'http://[bad' }), /^HTTPS_PROXY is not a proxy URL$/);
    usage(() => createNetwork({}, { http_proxy: 'http://exa mple:1' }), /^http_proxy is not a proxy URL$/);
  });
});

describe('credentials and certificates', () => {
  it('prints proxy URLs with the password masked and registers it for redaction', () => {
    const url = proxyFor('https://zoom.us/', { proxy: 'http://alice:pa%40ss-word-1@proxy.corp:3128' }, {})!.url;
    expect(displayProxy(url)).toBe('http://alice:***@proxy.corp:3128');
    expect(displayProxy(new URL('http://token-only@proxy.corp:3128'))).toBe('http://***@proxy.corp:3128');
    expect(displayProxy(new URL('https://proxy.corp'))).toBe('https://proxy.corp');
    expect(redact('failed with pa@ss-word-1 in it')).toBe('failed with *** in it');
  });

  it('builds a tunnelling agent only for proxied targets, and no fetch when nothing is configured', () => {
    const net = createNetwork({ proxy: 'http://proxy.corp:3128' }, { NO_PROXY: 'direct.corp' });
    expect(net.agentFor('wss://ws.zoom.us/ws')).toBeInstanceOf(TunnelAgent);
    expect(net.agentFor('wss://ws.zoom.us/ws')).toBe(net.agentFor('wss://other.zoom.us/ws'));
    expect(net.agentFor('wss://ws.zoom.us/ws')!.protocol).toBe('https:');
    expect(net.agentFor('ws://sim.corp/ws')!.protocol).toBe('http:');
    expect(net.agentFor('wss://direct.corp/ws')).toBeUndefined();
    expect(net.fetch).toBeTypeOf('function');
    const bare = createNetwork({}, {});
    expect(bare.fetch).toBeUndefined();
    expect(bare.agentFor('wss://ws.zoom.us/ws')).toBeUndefined();
  });

  it('refuses a missing or non-PEM --ca-file as a usage error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoomws-ca-'));
    writeFileSync(join(dir, 'not.pem'), 'hello');
    expect(() => createNetwork({ caFile: join(dir, 'missing.pem') }, {})).toThrow(/^cannot read --ca-file .*missing\.pem: no such file$/);
    expect(() => createNetwork({ caFile: join(dir, 'not.pem') }, {})).toThrow(/holds no PEM certificate/);
  });
});
