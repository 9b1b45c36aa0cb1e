/**
 * Which proxy carries a request, and the agent and fetch that carry it. Both requests zoomws makes
 * (the token request and the socket) go through the same rules, so they can never take different paths.
 *
 * The rules (README, "Proxies and certificates"):
 * - `--proxy URL` applies to every target; `--proxy ''` turns proxies off, the environment's too.
 * - Otherwise https/wss targets use https_proxy/HTTPS_PROXY and http/ws targets http_proxy/HTTP_PROXY
 *   (lowercase wins, as in curl). Loopback targets never use a proxy from the environment (as in Go):
 *   a machine-wide corporate proxy cannot reach this machine's `--demo` or `zoomws simulate`.
 * - NO_PROXY/no_proxy applies to both (as in curl): `*`, host names (matching the name and its
 *   subdomains; a leading `.` or `*.` is ignored), IP addresses, CIDR ranges, and `host:port` entries
 *   that match that port only.
 */
import { readFileSync } from 'node:fs';
import type { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { BlockList, isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { ExitCode, UserError } from '../exit-codes.js';
import { addSecret, hideCredentials } from './redact.js';
import { requestFetch, TunnelAgent } from './tunnel.js';

export interface NetworkFlags {
  proxy?: string;
  caFile?: string;
}

export interface Proxy {
  url: URL;
  /** Where it came from, for messages: `--proxy`, `HTTPS_PROXY`, … */
  source: string;
}

/** The proxy URL as it may be printed: credentials replaced. */
export function displayProxy(url: URL): string {
  return hideCredentials(url.href).replace(/\/$/, '');
}

function env(vars: NodeJS.ProcessEnv, name: string): { value: string; source: string } | undefined {
  for (const key of [name.toLowerCase(), name.toUpperCase()]) {
    const value = vars[key]?.trim();
    if (value) return { value, source: key };
  }
  return undefined;
}

function parseProxy(raw: string, source: string): URL {
  let url: URL;
  try {
    // `proxy.corp:8080` means http://, as in curl.
    url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw new UserError(`${source} is not a proxy URL`, ExitCode.usage, 'use http://[USER:PASSWORD@]HOST:PORT');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(`${source}: ${url.protocol.slice(0, -1)} proxies are not supported`, ExitCode.usage, 'use an http:// or https:// proxy');
  }
  addSecret(decodeURIComponent(url.password));
  return url;
}

function unbracket(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
}

function defaultPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' || url.protocol === 'wss:' ? 443 : 80;
}

export function isLoopback(host: string): boolean {
  const h = unbracket(host);
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || (isIP(h) === 4 && h.startsWith('127.'));
}

/** Whether NO_PROXY's value exempts this target. */
export function noProxyMatches(noProxy: string, target: URL): boolean {
  const host = unbracket(target.hostname);
  const port = defaultPort(target);
  const family = isIP(host);
  for (let entry of noProxy.split(/[\s,]+/).filter(Boolean)) {
    entry = entry.toLowerCase();
    if (entry === '*') return true;
    // host:port and [v6]:port (a bare v6 address has several colons and no port).
    const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
    if (withPort) {
      if (Number(withPort[2]) !== port) continue;
      entry = withPort[1]!;
    }
    entry = unbracket(entry);
    const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
    if (cidr && family && isIP(cidr[1]!) === family) {
      const list = new BlockList();
      list.addSubnet(cidr[1]!, Number(cidr[2]), family === 4 ? 'ipv4' : 'ipv6');
      if (list.check(host, family === 4 ? 'ipv4' : 'ipv6')) return true;
      continue;
    }
    const name = entry.replace(/^\*?\./, '');
    if (name && (host === name || (!family && host.endsWith(`.${name}`)))) return true;
  }
  return false;
}

/** The proxy for this target, or undefined for a direct connection. */
export function proxyFor(target: URL | string, flags: NetworkFlags, vars: NodeJS.ProcessEnv): Proxy | undefined {
  const url = new URL(target);
  let chosen: { value: string; source: string } | undefined;
  if (flags.proxy !== undefined) {
    if (flags.proxy.trim() === '') return undefined;
    chosen = { value: flags.proxy.trim(), source: '--proxy' };
  } else {
    if (isLoopback(url.hostname)) return undefined;
    chosen = env(vars, url.protocol === 'https:' || url.protocol === 'wss:' ? 'https_proxy' : 'http_proxy');
    if (!chosen) return undefined;
  }
  const proxy = { url: parseProxy(chosen.value, chosen.source), source: chosen.source };
  const noProxy = env(vars, 'no_proxy');
  return noProxy && noProxyMatches(noProxy.value, url) ? undefined : proxy;
}

/** Node's bundled roots, NODE_EXTRA_CA_CERTS and the --ca-file: a `ca` option replaces the defaults, so all are named. */
export function loadCa(caFile: string, vars: NodeJS.ProcessEnv): string[] {
  let pem: string;
  try {
    pem = readFileSync(caFile, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read --ca-file ${caFile}: ${code === 'ENOENT' ? 'no such file' : code}`, ExitCode.usage);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new UserError(`--ca-file ${caFile} holds no PEM certificate`, ExitCode.usage, 'give the CA certificate in PEM form (-----BEGIN CERTIFICATE-----)');
  }
  let extra: string[] = [];
  try {
    if (vars.NODE_EXTRA_CA_CERTS) extra = [readFileSync(vars.NODE_EXTRA_CA_CERTS, 'utf8')];
  } catch {
    // Node itself has already warned about an unreadable NODE_EXTRA_CA_CERTS at start-up.
  }
  return [...rootCertificates, ...extra, pem];
}

export interface Network {
  /** The agent for a socket to this URL; undefined means Node's default (direct, default CAs). */
  agentFor(target: string | URL): Agent | undefined;
  /** A fetch that honours the same rules; undefined when nothing is configured (the built-in fetch then). */
  fetch?: typeof fetch;
  proxyFor(target: string | URL): Proxy | undefined;
}

/** Said once when --proxy carries a password: argv is readable by every user of the machine. */
export const ARGV_PASSWORD_WARNING = 'the proxy password in --proxy is visible to other users in the process list (ps); put the proxy URL in HTTPS_PROXY instead';

/**
 * Build the network for these flags and environment. Throws a UserError (exit 2) for a bad proxy URL or CA file.
 * `warn` receives ARGV_PASSWORD_WARNING (default: a `zoomws: warning:` line on stderr).
 */
export function createNetwork(
  flags: NetworkFlags,
  vars: NodeJS.ProcessEnv,
  warn: (message: string) => void = (m) => process.stderr.write(`zoomws: warning: ${m}\n`),
): Network {
  const ca = flags.caFile ? loadCa(flags.caFile, vars) : undefined;
  const resolve = (target: string | URL) => proxyFor(target, flags, vars);
  const configured = ca !== undefined || flags.proxy !== undefined || !!env(vars, 'https_proxy') || !!env(vars, 'http_proxy');
  const agents = new Map<string, Agent | undefined>();
  const agentFor = (target: string | URL): Agent | undefined => {
    const url = new URL(target);
    const secure = url.protocol === 'https:' || url.protocol === 'wss:';
    const proxy = resolve(url);
    const key = `${secure}${proxy?.url.href ?? ''}`;
    if (!agents.has(key)) {
      agents.set(key, proxy ? new TunnelAgent({ proxy: proxy.url, label: displayProxy(proxy.url), source: proxy.source, secure, ca }) : secure && ca ? new HttpsAgent({ ca }) : undefined);
    }
    return agents.get(key);
  };
  // A malformed proxy URL fails now, as a usage error, not on the first request.
  resolve('https://zoom.us');
  resolve('http://zoom.us');
  if (flags.proxy?.trim() && parseProxy(flags.proxy.trim(), '--proxy').password) warn(ARGV_PASSWORD_WARNING);
  return { agentFor, proxyFor: resolve, fetch: configured ? requestFetch(agentFor) : undefined };
}
