/**
 * Configuration resolution, shared by every command.
 * Precedence: flags > environment > .env file (cwd or --env-file) > defaults.
 * Knows nothing about commander: callers hand in plain objects.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { ExitCode, UserError } from '../exit-codes.js';

export const DEFAULT_WS_URL = 'wss://ws.zoom.us/ws';
export const DEFAULT_OAUTH_URL = 'https://zoom.us/oauth/token';

export interface ZoomConfig {
  /** Absent for general apps: the token client then uses the `client_credentials` grant. */
  accountId?: string;
  clientId: string;
  clientSecret: string;
  subscriptionId: string;
  /** The socket endpoint without subscriptionId/access_token. */
  wsUrl: string;
  oauthUrl: string;
}

export type ConfigKey = keyof ZoomConfig;
export type Source = 'flag' | 'environment' | 'default' | 'ws-url' | `file ${string}`;

export interface ConfigFlags {
  accountId?: string;
  clientId?: string;
  subscriptionId?: string;
  wsUrl?: string;
  oauthUrl?: string;
  envFile?: string;
}

interface Field {
  key: ConfigKey;
  env: string;
  flag?: string;
  required: boolean;
  where: string;
}

export const FIELDS: readonly Field[] = [
  { key: 'accountId', env: 'ZOOM_ACCOUNT_ID', flag: '--account-id', required: false, where: "your Server-to-Server OAuth app's App Credentials page in the Zoom Marketplace" },
  { key: 'clientId', env: 'ZOOM_CLIENT_ID', flag: '--client-id', required: true, where: "your app's App Credentials page in the Zoom Marketplace" },
  { key: 'clientSecret', env: 'ZOOM_CLIENT_SECRET', required: true, where: "your app's App Credentials page in the Zoom Marketplace (set it in the environment or .env, never as a flag)" },
  { key: 'subscriptionId', env: 'ZOOM_SUBSCRIPTION_ID', flag: '--subscription-id', required: true, where: "your app's Features > Access > Event Subscription page (or paste the whole endpoint URL into ZOOM_WS_URL)" },
  { key: 'wsUrl', env: 'ZOOM_WS_URL', flag: '--ws-url', required: false, where: '' },
  { key: 'oauthUrl', env: 'ZOOM_OAUTH_URL', flag: '--oauth-url', required: false, where: '' },
];

export interface ResolvedConfig {
  config: ZoomConfig;
  sources: Partial<Record<ConfigKey, Source>>;
  /** Things a user should fix but that do not stop us (trimmed quotes, conflicting ids). */
  warnings: string[];
  envFile?: { path: string; found: boolean };
}

/** Strip stray whitespace and one level of matching quotes; report whether anything was removed. */
export function cleanValue(raw: string): { value: string; changed: boolean } {
  let v = raw.trim();
  const quoted = /^(["'`])(.*)\1$/s.exec(v);
  if (quoted) v = quoted[2]!.trim();
  return { value: v, changed: v !== raw };
}

/** `.env` in `cwd`, or `--env-file`: a missing default file is simply absent, a missing explicit one a usage error. */
export function loadEnvFile(cwd: string, explicit?: string): { path: string; found: boolean; values: Record<string, string> } {
  const path = resolve(cwd, explicit ?? '.env');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (explicit) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UserError(`cannot read --env-file ${explicit}: ${code === 'ENOENT' ? 'no such file' : code}`, ExitCode.usage);
    }
    return { path, found: false, values: {} };
  }
  return { path, found: true, values: parseDotenv(text) };
}

/**
 * Resolve the configuration. With `requireAll: false` (doctor) missing values are left empty
 * instead of throwing, so the caller can report every problem at once.
 */
export function resolveConfig(
  flags: ConfigFlags,
  env: NodeJS.ProcessEnv,
  cwd: string,
  opts: { requireAll?: boolean } = {},
): ResolvedConfig {
  const requireAll = opts.requireAll ?? true;
  const file = loadEnvFile(cwd, flags.envFile);
  const warnings: string[] = [];
  const sources: ResolvedConfig['sources'] = {};
  const values: Partial<Record<ConfigKey, string>> = {};

  for (const f of FIELDS) {
    const candidates: Array<[string | undefined, Source, string]> = [
      [f.flag ? flags[f.key as keyof ConfigFlags] : undefined, 'flag', f.flag ?? ''],
      [env[f.env], 'environment', f.env],
      [file.values[f.env], `file ${file.path}`, `${f.env} in ${file.path}`],
    ];
    for (const [raw, source, label] of candidates) {
      if (raw === undefined) continue;
      const { value, changed } = cleanValue(raw);
      if (value === '') continue;
      if (changed) warnings.push(`${label}: removed stray whitespace or quotes around the value`);
      values[f.key] = value;
      sources[f.key] = source;
      break;
    }
  }

  // A pasted Marketplace endpoint URL carries the subscription id: split it off.
  let wsUrl = values.wsUrl ?? DEFAULT_WS_URL;
  if (!values.wsUrl) sources.wsUrl = 'default';
  let parsed: URL;
  try {
    parsed = new URL(wsUrl);
  } catch {
    throw new UserError(`ZOOM_WS_URL is not a URL: ${JSON.stringify(wsUrl)}`, ExitCode.usage, 'use wss://ws.zoom.us/ws or the endpoint URL from Marketplace');
  }
  if (parsed.protocol !== 'wss:' && parsed.protocol !== 'ws:') {
    throw new UserError(`ZOOM_WS_URL must start with wss:// (got ${parsed.protocol}//)`, ExitCode.usage);
  }
  const fromUrl = parsed.searchParams.get('subscriptionId')?.trim();
  parsed.searchParams.delete('subscriptionId');
  parsed.searchParams.delete('access_token');
  wsUrl = parsed.toString();
  if (fromUrl) {
    if (values.subscriptionId && values.subscriptionId !== fromUrl) {
      warnings.push(`ZOOM_SUBSCRIPTION_ID (${values.subscriptionId}) differs from the subscriptionId in ZOOM_WS_URL (${fromUrl}); using ZOOM_SUBSCRIPTION_ID`);
    } else if (!values.subscriptionId) {
      values.subscriptionId = fromUrl;
      sources.subscriptionId = 'ws-url';
    }
  }

  const oauthUrl = values.oauthUrl ?? DEFAULT_OAUTH_URL;
  if (!values.oauthUrl) sources.oauthUrl = 'default';
  if (!/^https?:\/\//i.test(oauthUrl)) {
    throw new UserError(`ZOOM_OAUTH_URL must be an http(s) URL (got ${JSON.stringify(oauthUrl)})`, ExitCode.usage);
  }

  if (requireAll) {
    for (const f of FIELDS) {
      if (f.required && !values[f.key]) {
        throw new UserError(`missing ${f.env}: find it on ${f.where}`, ExitCode.usage, 'copy .env.example to .env and fill it in');
      }
    }
  }

  return {
    config: {
      accountId: values.accountId,
      clientId: values.clientId ?? '',
      clientSecret: values.clientSecret ?? '',
      subscriptionId: values.subscriptionId ?? '',
      wsUrl,
      oauthUrl,
    },
    sources,
    warnings,
    envFile: { path: file.path, found: file.found },
  };
}
