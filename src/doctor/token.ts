/**
 * Check 3, Token: mint one, explain a refusal by family, and on success show expiry, scopes and the
 * clock skew against the response's Date header (events' lag and token expiry both rely on the clock).
 */
import type { ZoomConfig } from '../core/config.js';
import { TokenError, type TokenFailure } from '../core/errors.js';
import { mask } from '../core/redact.js';
import { type AccessToken, TokenClient } from '../core/token.js';
import { clock, duration } from '../output/time.js';
import { type CheckResult, ms, result } from './result.js';

export const MAX_SKEW_MS = 60_000;

export interface TokenOutcome {
  result: CheckResult;
  token?: AccessToken;
}

/** What each refusal means, in words a person can act on. */
export function tokenFix(family: TokenFailure, config: ZoomConfig, status?: number): { meaning: string; fix: string } {
  switch (family) {
    case 'invalid_client':
      return {
        meaning: 'wrong client id or client secret',
        fix: `copy ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET again from the app's App Credentials page: was the secret regenerated? was it copied with a space or a missing character? (in use: client id ${config.clientId}, secret ${mask(config.clientSecret)})`,
      };
    case 'invalid_account':
      return {
        meaning: 'wrong account id',
        fix: `copy ZOOM_ACCOUNT_ID again from the App Credentials page of the same app as the client id (in use: ${config.accountId ?? 'none'})`,
      };
    case 'unsupported_grant':
      return {
        meaning: 'not a Server-to-Server OAuth app',
        fix: 'create a Server-to-Server OAuth app in the Zoom Marketplace (Develop > Build App) and use its credentials; for a general app, unset ZOOM_ACCOUNT_ID',
      };
    case 'app_disabled':
      return { meaning: 'the app is deactivated', fix: "open the app in the Zoom Marketplace and activate it (its Activation page), then run doctor again" };
    case 'http':
      return {
        meaning: `Zoom's OAuth endpoint answered with an error${status ? ` (HTTP ${status})` : ''}`,
        fix: status && status >= 500 ? 'a problem on Zoom\'s side: retry in a few minutes and check https://status.zoom.us' : 'check ZOOM_OAUTH_URL (Zoom: https://zoom.us/oauth/token; ZoomGov: https://zoomgov.com/oauth/token)',
      };
    case 'network':
      return { meaning: 'the token request did not reach Zoom', fix: 'check the network, the proxy and ZOOM_OAUTH_URL (see Network)' };
  }
}

/** Local clock minus Zoom's. The Date header has whole seconds, so Zoom's time is taken as its middle. */
export function clockSkewMs(serverDate: number, sentAt: number, receivedAt: number): number {
  return Math.round((sentAt + receivedAt) / 2 - (serverDate + 500));
}

export function describeSkew(skewMs: number): string {
  if (Math.abs(skewMs) < 2000) return "local clock agrees with Zoom's within 2 s";
  return `local clock is ${duration(Math.abs(skewMs))} ${skewMs > 0 ? 'ahead of' : 'behind'} Zoom's`;
}

/** `viaFetch` is connect's fetch (proxy, CA) when one is configured. */
export async function checkToken(config: ZoomConfig, viaFetch: typeof fetch = fetch, now: () => number = Date.now): Promise<TokenOutcome> {
  let sentAt = 0;
  let receivedAt = 0;
  let serverDate: number | undefined;
  // Wrapped to see the Date header and timings even when the request is refused.
  const timedFetch: typeof fetch = async (input, init) => {
    sentAt = now();
    const res = await viaFetch(input, init);
    receivedAt = now();
    const date = Date.parse(res.headers.get('date') ?? '');
    serverDate = Number.isNaN(date) ? undefined : date;
    return res;
  };
  const client = new TokenClient(config, { fetch: timedFetch, now, requestTimeoutMs: 10_000 });
  const started = performance.now();
  let token: AccessToken;
  try {
    token = await client.mint();
  } catch (err) {
    if (!(err instanceof TokenError)) throw err;
    const { meaning, fix } = tokenFix(err.family, config, err.status);
    return {
      result: result('token', 'fail', `${meaning}: ${err.message}`, {
        fix,
        timings: { request: ms(performance.now() - started) },
        details: { family: err.family, httpStatus: err.status ?? null, reason: err.reason ?? null, grant: config.accountId ? 'account_credentials' : 'client_credentials' },
      }),
    };
  }
  const timings = { request: ms(performance.now() - started) };
  const skewMs = serverDate === undefined ? undefined : clockSkewMs(serverDate, sentAt, receivedAt);
  const details = {
    grant: config.accountId ? 'account_credentials' : 'client_credentials',
    expiresAt: new Date(token.expiresAt).toISOString(),
    expiresInSec: Math.round((token.expiresAt - token.obtainedAt) / 1000),
    scopes: token.scopes,
    apiUrl: token.apiUrl ?? null,
    clockSkewMs: skewMs ?? null,
  };
  const expiry = `expires in ${duration(token.expiresAt - token.obtainedAt)} (at ${clock(token.expiresAt).slice(0, 8)})`;
  const notes = [
    `scopes: ${token.scopes.join(' ') || '(none)'}`,
    skewMs === undefined ? 'clock: the response had no Date header, skew unknown' : `clock: ${describeSkew(skewMs)} (from the response's Date header)`,
  ];
  const base = `minted in ${Math.round(timings.request)} ms; ${expiry}; ${token.scopes.length} scope${token.scopes.length === 1 ? '' : 's'}`;
  if (skewMs !== undefined && Math.abs(skewMs) > MAX_SKEW_MS) {
    return {
      token,
      result: result('token', 'warn', `${base}; but the ${describeSkew(skewMs)}`, {
        fix: 'synchronise the clock (enable NTP / automatic time): event lag and token expiry are computed from it',
        timings,
        details,
        notes,
      }),
    };
  }
  if (!token.scopes.length) {
    return {
      token,
      result: result('token', 'warn', `${base}: the token carries no scopes, so no event would be delivered`, {
        fix: "add the read scopes of the event families you subscribed to on the app's Scopes page",
        timings,
        details,
        notes,
      }),
    };
  }
  return { token, result: result('token', 'pass', base, { timings, details, notes }) };
}
