/**
 * Check 2, Network: DNS, TCP and TLS to the OAuth host and the WebSocket host, each timed, plus the
 * proxy settings in effect and the certificate issuer (an unexpected issuer means TLS interception).
 */
import { lookup } from 'node:dns/promises';
import { connect as tcpConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { displayProxy, type Network, type Proxy } from '../core/proxy.js';
import { openTunnel } from '../core/tunnel.js';
import { isLocalHost } from './configuration.js';
import { proxySettings } from './proxy.js';
import { type CheckResult, ms, result } from './result.js';

export type Role = 'oauth' | 'ws';
const ROLE_NAMES: Record<Role, string> = { oauth: 'OAuth', ws: 'WebSocket' };

export interface Step {
  ok: boolean;
  ms?: number;
  error?: string;
}

export interface HostProbe {
  roles: Role[];
  host: string;
  port: number;
  /** Through a proxy: DNS is the proxy host's, and TCP is the CONNECT tunnel to the target. */
  via?: string;
  dns: Step & { addresses?: string[] };
  tcp?: Step;
  /** Absent for plain http/ws (fine on localhost) and for the proxy itself. */
  tls?: Step & { issuer?: string; subject?: string; protocol?: string; authorized?: boolean; authorizationError?: string };
  /** Why TLS was not tried. */
  noTls?: string;
}

export interface NetworkOutcome {
  result: CheckResult;
  /** Whether each role's host answered on every layer: later checks are skipped when not. */
  reachable: Partial<Record<Role, boolean>>;
}

const STEP_TIMEOUT_MS = 5_000;

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${STEP_TIMEOUT_MS / 1000} s`)), STEP_TIMEOUT_MS)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const errorText = (err: unknown): string => {
  const e = err as NodeJS.ErrnoException & { reason?: string };
  // OpenSSL messages carry source paths; its short reason says the same.
  if (e.code?.startsWith('ERR_SSL') && e.reason) return `${e.code} (${e.reason})`;
  return e.code && !e.message.includes(e.code) ? `${e.code} ${e.message}` : e.message;
};

function openTcp(address: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: address, port });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Probe one host:port, layer by layer, stopping at the first layer that fails; through the proxy when one applies. */
export async function probeHost(host: string, port: number, roles: Role[], wantTls: boolean, ca?: string[], proxy?: Proxy): Promise<HostProbe> {
  const probe: HostProbe = { roles, host, port, ...(proxy ? { via: displayProxy(proxy.url) } : {}), dns: { ok: false } };
  const bare = host.replace(/^\[|\]$/g, '');
  const dnsName = proxy ? proxy.url.hostname.replace(/^\[|\]$/g, '') : bare;
  let t = performance.now();
  try {
    const found = isIP(dnsName) ? [{ address: dnsName }] : await withTimeout(lookup(dnsName, { all: true }), 'DNS lookup');
    probe.dns = { ok: true, ms: ms(performance.now() - t), addresses: found.map((a) => a.address) };
  } catch (err) {
    probe.dns = { ok: false, ms: ms(performance.now() - t), error: errorText(err) };
    return probe;
  }
  t = performance.now();
  let socket: Socket;
  try {
    socket = proxy
      ? await withTimeout(openTunnel({ proxy: proxy.url, label: displayProxy(proxy.url), source: proxy.source, secure: wantTls, ca }, bare, port), 'CONNECT through the proxy')
      : await withTimeout(openTcp(probe.dns.addresses![0]!, port), 'TCP connect');
    probe.tcp = { ok: true, ms: ms(performance.now() - t) };
  } catch (err) {
    probe.tcp = { ok: false, ms: ms(performance.now() - t), error: errorText(err) };
    return probe;
  }
  if (!wantTls) {
    socket.destroy();
    return probe;
  }
  t = performance.now();
  const secure = tlsConnect({
    socket,
    servername: isIP(bare) ? undefined : bare,
    // Accept any certificate so its issuer can be shown; whether it is trusted is judged below.
    rejectUnauthorized: false,
    ...(ca ? { ca } : {}),
  });
  try {
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        secure.once('secureConnect', resolve);
        secure.once('error', reject);
        secure.once('close', () => reject(new Error('the server closed the connection during the TLS handshake')));
      }),
      'TLS handshake',
    );
    const cert = secure.getPeerCertificate();
    const name = (dn: Record<string, string | string[]> | undefined) =>
      dn ? [dn.O, dn.CN].flat().filter(Boolean).filter((v, i, all) => all.indexOf(v) === i).join(', ') : undefined;
    probe.tls = {
      ok: true,
      ms: ms(performance.now() - t),
      issuer: name(cert.issuer as unknown as Record<string, string>),
      subject: name(cert.subject as unknown as Record<string, string>),
      protocol: secure.getProtocol() ?? undefined,
      authorized: secure.authorized,
      ...(secure.authorizationError ? { authorizationError: String(secure.authorizationError) } : {}),
    };
  } catch (err) {
    probe.tls = { ok: false, ms: ms(performance.now() - t), error: errorText(err) };
  } finally {
    secure.destroy();
    socket.destroy();
  }
  return probe;
}

const ZOOM_HOST = /(^|\.)(zoom\.us|zoomgov\.com)$/i;
/** Public CAs that sign Zoom's certificates, or plausibly could: anything else on a Zoom host is interception. */
const PUBLIC_CA = /digicert|geotrust|thawte|rapidssl|sectigo|comodo|usertrust|entrust|globalsign|let's encrypt|isrg|amazon|google trust|godaddy|starfield|baltimore|cybertrust/i;

export interface Judgement {
  status: 'pass' | 'warn' | 'fail';
  finding: string;
  fix?: string;
}

const INTERCEPT_FIX =
  "if your network inspects TLS on purpose, give zoomws its CA certificate with --ca-file PATH (or NODE_EXTRA_CA_CERTS); otherwise ask your network team what is intercepting";
/** The certificate is already trusted, so the CA was given (or is a public one missing above): asking for it again would mislead. */
const TRUSTED_INTERCEPT_FIX =
  "zoomws trusts this CA (from --ca-file PATH, NODE_EXTRA_CA_CERTS or Node's roots): fine if your network inspects TLS on purpose; otherwise ask your network team what is intercepting";

/** Judge one probe the way a person reading it would. */
export function judgeProbe(p: HostProbe): Judgement {
  const where = `${p.host}:${p.port} (${p.roles.map((r) => ROLE_NAMES[r]).join(' and ')})`;
  if (p.via && (!p.dns.ok || !p.tcp?.ok)) {
    return {
      status: 'fail',
      finding: `${p.dns.ok ? `no tunnel to ${where} through proxy ${p.via}` : `DNS lookup of proxy ${p.via} failed`}: ${p.tcp?.error ?? p.dns.error}`,
      fix: 'check the proxy URL (--proxy, HTTPS_PROXY) and its credentials, or add the host to NO_PROXY if it should be reached directly',
    };
  }
  if (!p.dns.ok) {
    return { status: 'fail', finding: `DNS lookup of ${p.host} failed: ${p.dns.error}`, fix: `check the host name in ${urlVars(p.roles)} and your DNS (try: nslookup ${p.host})` };
  }
  if (!p.tcp?.ok) {
    const refused = /ECONNREFUSED/.test(p.tcp?.error ?? '');
    return {
      status: 'fail',
      finding: `TCP connection to ${where} failed: ${p.tcp?.error}`,
      fix: refused
        ? `nothing is listening on ${p.host}:${p.port}: check the port in ${urlVars(p.roles)}`
        : `a firewall may block outbound port ${p.port}, or this network only reaches the internet through a proxy (--proxy)`,
    };
  }
  if (!p.tls) return { status: 'pass', finding: `${where}: ${p.noTls ?? 'reachable'}` };
  if (!p.tls.ok) {
    return {
      status: 'fail',
      finding: `TLS handshake with ${where} failed: ${p.tls.error}`,
      fix: `check the scheme in ${urlVars(p.roles)} (wss:// and https:// need a TLS server; the simulator speaks plain ws:// and http://), or a proxy is interfering`,
    };
  }
  const issuer = p.tls.issuer ?? 'an unnamed issuer';
  if (!p.tls.authorized) {
    return {
      status: 'fail',
      finding: `the certificate of ${where} is not trusted (${p.tls.authorizationError}), issued by ${issuer}: a proxy may be intercepting TLS`,
      fix: INTERCEPT_FIX,
    };
  }
  if (ZOOM_HOST.test(p.host) && !PUBLIC_CA.test(issuer)) {
    return { status: 'warn', finding: `the certificate of ${where} was issued by ${issuer}, not a public CA: TLS is probably intercepted`, fix: TRUSTED_INTERCEPT_FIX };
  }
  return { status: 'pass', finding: `${where}: certificate issued by ${issuer}` };
}

function urlVars(roles: Role[]): string {
  return roles.map((r) => (r === 'oauth' ? 'ZOOM_OAUTH_URL' : 'ZOOM_WS_URL')).join(' / ');
}

export interface NetworkInputs {
  oauthUrl?: URL;
  wsUrl?: URL;
  env: NodeJS.ProcessEnv;
  proxyFlag?: string;
  /** connect's proxy rules; undefined when --proxy/--ca-file are unusable (then: direct). */
  network?: Network;
  ca?: string[];
}

const defaultPort = (u: URL): number => Number(u.port) || (u.protocol === 'https:' || u.protocol === 'wss:' ? 443 : 80);

/** One line per probe for people: "zoom.us:443 (OAuth)  DNS 3 ms · TCP 21 ms · TLS 40 ms, DigiCert Inc". */
function describeProbe(p: HostProbe): string {
  const step = (name: string, s?: Step) => (s ? `${name} ${s.ok ? `${s.ms} ms` : 'failed'}` : undefined);
  const parts = [step(p.via ? 'DNS (proxy)' : 'DNS', p.dns), step(p.via ? `CONNECT via ${p.via}` : 'TCP', p.tcp), step('TLS', p.tls)].filter(Boolean);
  const tls = p.tls?.ok ? `; issuer ${p.tls.issuer ?? 'unnamed'}${p.tls.protocol ? `, ${p.tls.protocol}` : ''}` : p.noTls && p.tcp?.ok ? `; ${p.noTls}` : '';
  return `${p.host}:${p.port} (${p.roles.map((r) => ROLE_NAMES[r]).join(' and ')}): ${parts.join(' · ')}${tls}`;
}

export async function checkNetwork(inputs: NetworkInputs): Promise<NetworkOutcome> {
  const { env, proxyFlag, ca, network } = inputs;
  const targets = new Map<string, { host: string; port: number; roles: Role[]; tls: boolean; noTls?: string; proxy?: Proxy }>();
  const add = (role: Role, u: URL) => {
    const tls = u.protocol === 'https:' || u.protocol === 'wss:';
    const proxy = network?.proxyFor(u);
    const key = `${u.hostname}:${defaultPort(u)}:${tls}:${proxy?.url.href ?? ''}`;
    const t = targets.get(key);
    if (t) t.roles.push(role);
    else {
      const noTls = tls ? undefined : isLocalHost(u.hostname) ? `plain ${u.protocol.replace(':', '')} on a local host: no TLS needed` : `plain ${u.protocol.replace(':', '')}: no TLS`;
      targets.set(key, { host: u.hostname, port: defaultPort(u), roles: [role], tls, noTls, proxy });
    }
  };
  if (inputs.oauthUrl) add('oauth', inputs.oauthUrl);
  if (inputs.wsUrl) add('ws', inputs.wsUrl);
  const proxies = proxySettings(env, proxyFlag);
  const probes = await Promise.all(
    [...targets.values()].map(async (t) => ({ ...(await probeHost(t.host, t.port, t.roles, t.tls, ca, t.proxy)), ...(t.noTls ? { noTls: t.noTls } : {}) })),
  );
  const judged = probes.map((p) => ({ probe: p, ...judgeProbe(p) }));
  const reachable: NetworkOutcome['reachable'] = {};
  const timings: Record<string, number> = {};
  for (const j of judged) {
    for (const role of j.probe.roles) {
      reachable[role] = j.status !== 'fail';
      for (const [name, s] of [['dns', j.probe.dns], ['tcp', j.probe.tcp], ['tls', j.probe.tls]] as const) if (s?.ms !== undefined) timings[`${role}.${name}`] = s.ms;
    }
  }

  const notes = probes.map(describeProbe);
  if (Object.keys(proxies).length) notes.push(`proxy settings in effect: ${Object.entries(proxies).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  else notes.push('no proxy variables set (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, ALL_PROXY)');
  const problems: Judgement[] = judged.filter((j) => j.status !== 'pass');
  if (env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
    problems.push({
      status: 'warn',
      finding: 'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks: anyone on the path can read the token',
      fix: 'unset NODE_TLS_REJECT_UNAUTHORIZED; for a TLS-inspecting proxy use --ca-file instead',
    });
  }
  for (const p of problems) notes.push(`${p.status === 'fail' ? '✖' : '!'} ${p.finding}`);

  const first = problems.find((p) => p.status === 'fail') ?? problems[0];
  const details = { hosts: probes, proxy: proxies };
  if (first) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more below)` : '';
    return { result: result('network', first.status === 'fail' ? 'fail' : 'warn', first.finding + more, { fix: first.fix, timings, details, notes }), reachable };
  }
  const summary = probes
    .map((p) => `${p.host}:${p.port} ${p.via ? `via proxy ${p.via} ` : ''}${[['DNS', p.dns], [p.via ? 'CONNECT' : 'TCP', p.tcp], ['TLS', p.tls]].filter(([, s]) => s).map(([n, s]) => `${n} ${(s as Step).ms} ms`).join(', ')}${p.tls ? '' : ` (${p.noTls ?? 'no TLS'})`}`)
    .join('; ');
  return { result: result('network', 'pass', summary || 'nothing to probe', { timings, details, notes }), reachable };
}
