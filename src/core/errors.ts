/** Typed failures of the engine. Each carries the exit code the CLI should end with. */
import { ExitCode, UserError } from '../exit-codes.js';

/** Why Zoom's OAuth endpoint refused us, by family (never by one exact string: Zoom's wording changes). */
export type TokenFailure =
  | 'invalid_client' // wrong client id or secret
  | 'invalid_account' // wrong account id
  | 'unsupported_grant' // not a Server-to-Server OAuth app (or wrong grant)
  | 'app_disabled'
  | 'http' // another HTTP error (5xx, 429, …): worth retrying
  | 'network'; // DNS, refused, TLS, timeout: worth retrying

const FIXES: Record<TokenFailure, string> = {
  invalid_client: 'check ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET on the App Credentials page (was the secret regenerated?)',
  invalid_account: "check ZOOM_ACCOUNT_ID on the app's App Credentials page",
  unsupported_grant: 'the credentials are not a Server-to-Server OAuth app; create one in Marketplace, or unset ZOOM_ACCOUNT_ID for a general app',
  app_disabled: 'the app is deactivated; activate it in the Zoom Marketplace',
  http: 'Zoom OAuth answered with an error; retry later or check ZOOM_OAUTH_URL',
  network: 'check the network, proxy and ZOOM_OAUTH_URL',
};

export class TokenError extends UserError {
  constructor(
    readonly family: TokenFailure,
    message: string,
    /** Zoom's own words, kept as given. */
    readonly reason?: string,
    readonly status?: number,
  ) {
    super(message, family === 'http' || family === 'network' ? ExitCode.connection : ExitCode.auth, FIXES[family]);
    this.name = 'TokenError';
  }

  /** Credentials problems never cure themselves: retrying would only loop. */
  get retryable(): boolean {
    return this.family === 'http' || this.family === 'network';
  }
}

/** Classify an OAuth error response. */
export function classifyTokenFailure(status: number, body: { reason?: string; error?: string } | undefined): TokenFailure {
  const error = (body?.error ?? '').toLowerCase();
  const reason = (body?.reason ?? '').toLowerCase();
  if (/disabled|deactivated/.test(reason)) return 'app_disabled';
  if (error === 'invalid_client' || /client_id|client_secret|client id|client secret/.test(reason)) return 'invalid_client';
  if (error === 'unsupported_grant_type' || /grant/.test(reason)) return 'unsupported_grant';
  if (/account/.test(reason) || (error === 'invalid_request' && status === 400)) return 'invalid_account';
  if (status === 401) return 'invalid_client';
  return 'http';
}

/** Why a socket ended, as far as we can tell. Zoom's close codes are undocumented, so frames decide. */
export type DisconnectKind =
  | 'token' // token empty/invalid/expired (protocol §3)
  | 'subscription' // build_connection refused for another reason
  | 'dead' // the watchdog saw nothing for too long (half-open)
  | 'closed' // the server closed the socket
  | 'network' // refused, reset, DNS, TLS, handshake timeout
  | 'http'; // the upgrade was answered with an HTTP status

export class SessionError extends UserError {
  constructor(message: string, exitCode: ExitCode, hint?: string) {
    super(message, exitCode, hint);
    this.name = 'SessionError';
  }
}
