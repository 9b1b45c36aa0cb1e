import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { type HostProbe, judgeProbe, probeHost } from '../../src/doctor/network.js';

const ok = { ok: true, ms: 1 };
const probe = (more: Partial<HostProbe>): HostProbe => ({ roles: ['oauth'], host: 'zoom.us', port: 443, dns: { ...ok, addresses: ['1.2.3.4'] }, tcp: ok, ...more });
const tls = (more: Partial<NonNullable<HostProbe['tls']>>) => ({ ...ok, issuer: 'DigiCert Inc, DigiCert Global G2 TLS RSA SHA256 2020 CA1', authorized: true, ...more });

describe('judgeProbe', () => {
  it('passes a trusted certificate from a public CA, naming the issuer', () => {
    expect(judgeProbe(probe({ tls: tls({}) }))).toEqual({ status: 'pass', finding: 'zoom.us:443 (OAuth): certificate issued by DigiCert Inc, DigiCert Global G2 TLS RSA SHA256 2020 CA1' });
  });

  it('warns when a Zoom host presents a trusted certificate from an unexpected issuer (TLS interception)', () => {
    const j = judgeProbe(probe({ roles: ['ws'], host: 'ws.zoom.us', tls: tls({ issuer: 'Zscaler Inc., Zscaler Intermediate Root CA' }) }));
    expect(j.status).toBe('warn');
    expect(j.finding).toBe('the certificate of ws.zoom.us:443 (WebSocket) was issued by Zscaler Inc., Zscaler Intermediate Root CA, not a public CA: TLS is probably intercepted');
    expect(j.fix).toMatch(/--ca-file PATH/);
  });

  it('does not judge the issuer of hosts that are not Zoom', () => {
    expect(judgeProbe(probe({ host: 'zoom.internal', tls: tls({ issuer: 'Corp CA' }) })).status).toBe('pass');
  });

  it('fails an untrusted certificate with the interception fix', () => {
    const j = judgeProbe(probe({ tls: tls({ authorized: false, authorizationError: 'SELF_SIGNED_CERT_IN_CHAIN', issuer: 'Corp Proxy CA' }) }));
    expect(j).toMatchObject({ status: 'fail', finding: 'the certificate of zoom.us:443 (OAuth) is not trusted (SELF_SIGNED_CERT_IN_CHAIN), issued by Corp Proxy CA: a proxy may be intercepting TLS' });
  });

  it('explains DNS, refused, timed-out and TLS failures differently', () => {
    expect(judgeProbe(probe({ dns: { ok: false, error: 'ENOTFOUND getaddrinfo ENOTFOUND zoom.uss' }, host: 'zoom.uss' }))).toEqual({
      status: 'fail',
      finding: 'DNS lookup of zoom.uss failed: ENOTFOUND getaddrinfo ENOTFOUND zoom.uss',
      fix: 'check the host name in ZOOM_OAUTH_URL and your DNS (try: nslookup zoom.uss)',
    });
    expect(judgeProbe(probe({ tcp: { ok: false, error: 'connect ECONNREFUSED 1.2.3.4:443' } })).fix).toBe('nothing is listening on zoom.us:443: check the port in ZOOM_OAUTH_URL');
    expect(judgeProbe(probe({ tcp: { ok: false, error: 'TCP connect timed out after 5 s' } })).fix).toBe(
      'a firewall may block outbound port 443, or this network only reaches the internet through a proxy (--proxy)',
    );
    expect(judgeProbe(probe({ roles: ['oauth', 'ws'], tls: { ok: false, error: 'wrong version number' } }))).toMatchObject({
      status: 'fail',
      finding: 'TLS handshake with zoom.us:443 (OAuth and WebSocket) failed: wrong version number',
    });
  });

  it('passes plain http/ws on localhost without TLS', () => {
    expect(judgeProbe(probe({ host: '127.0.0.1', port: 9880, noTls: 'plain ws on a local host: no TLS needed' }))).toEqual({
      status: 'pass',
      finding: '127.0.0.1:9880 (OAuth): plain ws on a local host: no TLS needed',
    });
  });
});

describe('probeHost', () => {
  it('times DNS and TCP to a listening port, and reports a refused one', async () => {
    const server = createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const up = await probeHost('localhost', port, ['ws'], false);
    expect(up.dns.ok).toBe(true);
    expect(up.tcp?.ok).toBe(true);
    expect(up.tcp?.ms).toBeGreaterThanOrEqual(0);
    server.close();
    await new Promise((r) => setTimeout(r, 50));
    const down = await probeHost('127.0.0.1', port, ['ws'], false);
    expect(down.tcp).toMatchObject({ ok: false, error: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('reports a TLS handshake failure against a server that does not speak TLS', async () => {
    const server = createServer((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const p = await probeHost('127.0.0.1', port, ['ws'], true);
    server.close();
    expect(p.tcp?.ok).toBe(true);
    expect(p.tls).toMatchObject({ ok: false, error: 'ERR_SSL_WRONG_VERSION_NUMBER (wrong version number)' });
  });
});
