/**
 * Check 1, Configuration: every value, where it came from, and whether it looks right. Missing values
 * are reported here as a failed check instead of the usage error the other commands end with.
 */
import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { type ConfigFlags, type ConfigKey, DEFAULT_OAUTH_URL, DEFAULT_WS_URL, FIELDS, type ResolvedConfig, resolveConfig, type Source, type ZoomConfig } from '../core/config.js';
import { createNetwork, loadCa, type Network } from '../core/proxy.js';
import { addSecret, mask } from '../core/redact.js';
import { UserError } from '../exit-codes.js';
import { type CheckResult, ms, result, worst } from './result.js';

export interface DoctorConfigFlags extends ConfigFlags {
  proxy?: string;
  caFile?: string;
}

export interface Problem {
  severity: 'fail' | 'warn';
  message: string;
  fix: string;
}

export interface ConfigurationOutcome {
  result: CheckResult;
  /** The resolved values (some possibly empty: see `complete`). */
  config: ZoomConfig;
  /** Which URLs parsed: the network check can probe those even when credentials are missing. */
  validUrls: { wsUrl: boolean; oauthUrl: boolean };
  /** How zoomws reaches Zoom (proxy, CA): undefined when --proxy or --ca-file is unusable. */
  network?: Network;
  /** The CA list for the TLS probe when --ca-file is given (Node's roots plus the file). */
  ca?: string[];
}

/** Zoom subscription ids are 22-character base64url (protocol §2). Only observed, so a mismatch is a warning. */
export const SUBSCRIPTION_ID_SHAPE = /^[A-Za-z0-9_-]{22}$/;

export function isLocalHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** "environment ZOOM_CLIENT_ID", ".env file ./.env", … */
export function describeSource(key: ConfigKey, source: Source | undefined, cwd: string): string {
  const field = FIELDS.find((f) => f.key === key)!;
  if (source === undefined) return 'not set';
  if (source === 'flag') return `flag ${field.flag}`;
  if (source === 'environment') return `environment ${field.env}`;
  if (source === 'ws-url') return 'the subscriptionId in ZOOM_WS_URL';
  if (source === 'default') return 'default';
  return `file ${displayPath(source.slice('file '.length), cwd)}`;
}

/** Paths inside the working directory are shown relative to it. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** Format checks on resolved values: what a person would notice looking at them. */
export function formatProblems(config: ZoomConfig, sources: ResolvedConfig['sources']): Problem[] {
  const problems: Problem[] = [];
  const sub = config.subscriptionId;
  if (sub) {
    const pasted = /subscriptionId=([^&\s]+)/.exec(sub);
    if (pasted || /^\w+:\/\//.test(sub)) {
      problems.push({
        severity: 'fail',
        message: 'ZOOM_SUBSCRIPTION_ID holds a URL, not a subscription id',
        fix: pasted
          ? `set ZOOM_SUBSCRIPTION_ID=${pasted[1]} (the part after subscriptionId=), or put the whole URL in ZOOM_WS_URL instead`
          : "set ZOOM_SUBSCRIPTION_ID to the id from the app's Event Subscription page, or put the endpoint URL in ZOOM_WS_URL",
      });
    } else if (/\s/.test(sub)) {
      problems.push({ severity: 'fail', message: 'ZOOM_SUBSCRIPTION_ID contains whitespace', fix: 'copy the subscription id again, without spaces or line breaks' });
    } else if (!SUBSCRIPTION_ID_SHAPE.test(sub)) {
      problems.push({
        severity: 'warn',
        message: `subscription id ${JSON.stringify(sub)} does not look like Zoom's (22 letters, digits, - or _)`,
        fix: "compare it with the app's Features > Access > Event Subscription page",
      });
    }
  }
  for (const [key, env] of [['clientId', 'ZOOM_CLIENT_ID'], ['accountId', 'ZOOM_ACCOUNT_ID'], ['clientSecret', 'ZOOM_CLIENT_SECRET']] as const) {
    if (config[key] && /\s/.test(config[key]!)) {
      problems.push({ severity: 'fail', message: `${env} contains whitespace`, fix: `copy ${env} again from the App Credentials page, without spaces or line breaks` });
    }
  }
  const ws = new URL(config.wsUrl);
  if (ws.protocol === 'ws:' && !isLocalHost(ws.hostname)) {
    problems.push({
      severity: 'warn',
      message: `ZOOM_WS_URL uses unencrypted ws:// to ${ws.host}: the access token travels in the URL in clear text`,
      fix: `use wss:// (Zoom's endpoint is ${DEFAULT_WS_URL})`,
    });
  }
  const oauth = new URL(config.oauthUrl);
  if (oauth.protocol === 'http:' && !isLocalHost(oauth.hostname)) {
    problems.push({
      severity: 'warn',
      message: `ZOOM_OAUTH_URL uses unencrypted http:// to ${oauth.host}: the client secret travels in clear text`,
      fix: `use https:// (Zoom's is ${DEFAULT_OAUTH_URL})`,
    });
  }
  return problems;
}

/** A .env holding the client secret should be readable by its owner only. */
export function envFileProblem(path: string, mode: number, platform = process.platform): Problem | undefined {
  if (platform === 'win32' || (mode & 0o077) === 0) return undefined;
  return {
    severity: 'warn',
    message: `${path} is readable by other users (mode ${(mode & 0o777).toString(8)}) and holds credentials`,
    fix: `chmod 600 ${path}`,
  };
}

/** resolveConfig throws on unusable URLs; doctor wants every problem at once, so it retries without them. */
function resolveAll(flags: DoctorConfigFlags, env: NodeJS.ProcessEnv, cwd: string, problems: Problem[]): { resolved: ResolvedConfig; invalid: { wsUrl: boolean; oauthUrl: boolean } } {
  const f: ConfigFlags = { accountId: flags.accountId, clientId: flags.clientId, subscriptionId: flags.subscriptionId, wsUrl: flags.wsUrl, oauthUrl: flags.oauthUrl, envFile: flags.envFile };
  let dir = cwd;
  const invalid = { wsUrl: false, oauthUrl: false };
  for (;;) {
    try {
      return { resolved: resolveConfig(f, env, dir, { requireAll: false }), invalid };
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      const fix = err.hint ? err.hint : undefined;
      if (/ZOOM_WS_URL/.test(err.message) && !invalid.wsUrl) {
        invalid.wsUrl = true;
        problems.push({ severity: 'fail', message: err.message, fix: fix ?? `set ZOOM_WS_URL to ${DEFAULT_WS_URL} or the endpoint URL from Marketplace (wss://…?subscriptionId=…)` });
        f.wsUrl = DEFAULT_WS_URL;
      } else if (/ZOOM_OAUTH_URL/.test(err.message) && !invalid.oauthUrl) {
        invalid.oauthUrl = true;
        problems.push({ severity: 'fail', message: err.message, fix: fix ?? `set ZOOM_OAUTH_URL to ${DEFAULT_OAUTH_URL} (ZoomGov: https://zoomgov.com/oauth/token)` });
        f.oauthUrl = DEFAULT_OAUTH_URL;
      } else if (f.envFile !== undefined) {
        problems.push({ severity: 'fail', message: err.message, fix: 'check the --env-file path (relative to the working directory)' });
        // Resolve the rest without any .env: a directory that cannot exist has none.
        f.envFile = undefined;
        dir = resolve(cwd, '\0no-env-file');
      } else throw err;
    }
  }
}

export function checkConfiguration(flags: DoctorConfigFlags, env: NodeJS.ProcessEnv, cwd: string): ConfigurationOutcome {
  const started = performance.now();
  const problems: Problem[] = [];
  const { resolved, invalid } = resolveAll(flags, env, cwd, problems);
  const { config, sources, warnings, envFile } = resolved;
  addSecret(config.clientSecret);

  for (const w of warnings) problems.push({ severity: 'warn', message: w, fix: 'remove the extra characters where the value is set' });
  for (const f of FIELDS) {
    if (f.required && !config[f.key]) problems.push({ severity: 'fail', message: `missing ${f.env}`, fix: `find it on ${f.where}` });
  }
  problems.push(...formatProblems({ ...config }, sources));
  if (envFile?.found) {
    const p = envFileProblem(displayPath(envFile.path, cwd), statSync(envFile.path).mode);
    if (p) problems.push(p);
  }
  // The same proxy and CA rules as connect: doctor must take the path connect takes.
  let network: Network | undefined;
  let ca: string[] | undefined;
  const caFile = flags.caFile && resolve(cwd, flags.caFile);
  try {
    // A password in --proxy is a finding of this check, not a stray stderr line.
    network = createNetwork({ proxy: flags.proxy, caFile }, env, () =>
      problems.push({ severity: 'warn', message: 'the proxy password in --proxy is visible to other users in the process list (ps)', fix: 'put the proxy URL in HTTPS_PROXY instead' }),
    );
    if (caFile) ca = loadCa(caFile, env);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    problems.push({ severity: 'fail', message: err.message.replace(caFile ?? '\0', flags.caFile ?? ''), fix: err.hint ?? 'check --ca-file and --proxy' });
  }
  // Failures first: they are what to fix.
  problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'fail' ? -1 : 1));
  const values: Record<string, { value: string | null; source: string | null }> = {};
  const notes: string[] = [];
  const width = Math.max(...FIELDS.map((f) => f.env.length));
  for (const f of FIELDS) {
    const raw = config[f.key];
    const bad = (f.key === 'wsUrl' && invalid.wsUrl) || (f.key === 'oauthUrl' && invalid.oauthUrl);
    const shown = bad ? 'invalid (see below)' : raw ? (f.key === 'clientSecret' ? mask(raw) : raw) : null;
    const source = bad ? null : raw ? describeSource(f.key, sources[f.key], cwd) : null;
    values[f.env] = { value: shown, source };
    notes.push(`${f.env.padEnd(width)}  ${shown ?? '(not set)'}${source ? `  ← ${source}` : ''}`);
  }
  if (!config.accountId) notes.push('no ZOOM_ACCOUNT_ID: the token request uses the general-app grant client_credentials');
  for (const p of problems) notes.push(`${p.severity === 'fail' ? '✖' : '!'} ${p.message}: ${p.fix}`);

  const status = worst(problems.map((p) => p.severity));
  const first = problems.find((p) => p.severity === status);
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more below)` : '';
  const finding = first
    ? `${first.message}${more}`
    : `all values set${sources.subscriptionId === 'ws-url' ? '; subscription id taken from the endpoint URL in ZOOM_WS_URL' : ''}`;
  return {
    result: result('configuration', status === 'skip' ? 'pass' : status, finding, {
      fix: first?.fix,
      timings: { resolve: ms(performance.now() - started) },
      details: {
        values,
        envFile: envFile ? { path: envFile.path, found: envFile.found } : null,
        problems,
      },
      notes,
    }),
    config,
    validUrls: { wsUrl: !invalid.wsUrl, oauthUrl: !invalid.oauthUrl },
    network,
    ca,
  };
}
