/**
 * Server-to-Server OAuth token client (protocol §1): form body, Basic auth, cached,
 * minted again ahead of expiry. Zoom issues no refresh token, so "refresh" means mint.
 */
import { UserError } from '../exit-codes.js';
import { addSecret } from './redact.js';
import { TokenError, classifyTokenFailure } from './errors.js';

export interface Credentials {
  oauthUrl: string;
  clientId: string;
  clientSecret: string;
  /** Absent for general apps (grant `client_credentials`). */
  accountId?: string;
}

export interface AccessToken {
  value: string;
  /** Epoch ms. */
  obtainedAt: number;
  expiresAt: number;
  scopes: string[];
  apiUrl?: string;
  /** The response's Date header, for clock-skew checks. */
  serverDate?: number;
  /** Milliseconds the request took. */
  latencyMs: number;
}

export interface TokenClientOptions {
  fetch?: typeof fetch;
  now?: () => number;
  /** Abort a token request after this long. */
  requestTimeoutMs?: number;
}

/** How long before expiry a token is replaced: 5 minutes, or a tenth of a short lifetime. */
export function refreshLeadMs(lifetimeMs: number): number {
  return Math.min(5 * 60_000, lifetimeMs / 10);
}

export class TokenClient {
  private cached?: AccessToken;
  private inflight?: Promise<AccessToken>;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private readonly timeoutMs: number;

  constructor(
    private readonly creds: Credentials,
    opts: TokenClientOptions = {},
  ) {
    this.fetch = opts.fetch ?? fetch;
    this.now = opts.now ?? Date.now;
    this.timeoutMs = opts.requestTimeoutMs ?? 15_000;
    addSecret(creds.clientSecret);
  }

  /** When the cached token should be replaced (epoch ms), or undefined without one. */
  get refreshAt(): number | undefined {
    const t = this.cached;
    return t && t.expiresAt - refreshLeadMs(t.expiresAt - t.obtainedAt);
  }

  /** A valid token: the cached one unless it is due for replacement. Concurrent callers share one request. */
  async get(): Promise<AccessToken> {
    const at = this.refreshAt;
    if (this.cached && at !== undefined && this.now() < at) return this.cached;
    return this.mint();
  }

  /** Forget the cached token (Zoom rejected it). */
  invalidate(): void {
    this.cached = undefined;
  }

  mint(): Promise<AccessToken> {
    this.inflight ??= this.request().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  private async request(): Promise<AccessToken> {
    const { oauthUrl, clientId, clientSecret, accountId } = this.creds;
    const body = new URLSearchParams(
      accountId ? { grant_type: 'account_credentials', account_id: accountId } : { grant_type: 'client_credentials' },
    );
    const started = this.now();
    let res: Response;
    try {
      res = await this.fetch(oauthUrl, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      // A failure the fetch already explained (a proxy refusing our credentials) is not a network blip.
      if (err instanceof UserError) throw err;
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (err as Error).message;
      throw new TokenError('network', `cannot reach ${new URL(oauthUrl).host} for a token: ${why}`);
    }
    const text = await res.text();
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    if (!res.ok || typeof json?.access_token !== 'string') {
      const reason = typeof json?.reason === 'string' ? json.reason : undefined;
      const error = typeof json?.error === 'string' ? json.error : undefined;
      const family = res.ok ? 'http' : classifyTokenFailure(res.status, { reason, error });
      const said = [reason, error && error !== reason ? `(${error})` : ''].filter(Boolean).join(' ') || text.slice(0, 120);
      throw new TokenError(family, `Zoom OAuth refused the token request: HTTP ${res.status} ${said}`.trim(), reason ?? error, res.status);
    }
    const obtainedAt = this.now();
    const expiresIn = Number(json.expires_in ?? 3600);
    const date = Date.parse(res.headers.get('date') ?? '');
    this.cached = {
      value: json.access_token,
      obtainedAt,
      expiresAt: obtainedAt + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600) * 1000,
      scopes: typeof json.scope === 'string' ? json.scope.split(/\s+/).filter(Boolean) : [],
      apiUrl: typeof json.api_url === 'string' ? json.api_url : undefined,
      serverDate: Number.isNaN(date) ? undefined : date,
      latencyMs: obtainedAt - started,
    };
    addSecret(json.access_token);
    return this.cached;
  }
}
