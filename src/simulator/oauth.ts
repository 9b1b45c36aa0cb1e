/**
 * The simulator's token endpoint: answers like Zoom's `POST /oauth/token` (protocol §1),
 * errors included, so zoomws's error classification is exercised for real.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SimCredentials {
  clientId: string;
  clientSecret: string;
  accountId: string;
  subscriptionId: string;
}

/** What the token endpoint does, switchable from the control API. */
export type OAuthMode = 'ok' | 'app-disabled' | 'error-500' | 'unsupported-grant';

export interface IssuedToken {
  expiresAt: number;
  revoked: boolean;
}

function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** A JWT-shaped token like Zoom's, so redaction is tested against the real shape. */
export function newAccessToken(accountId: string, ttlSec: number): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS512', v: '2.0', kid: randomBytes(6).toString('hex') }));
  const body = b64url(JSON.stringify({ aud: 'https://oauth.zoom.us', uid: accountId, iat: now, exp: now + ttlSec, jti: randomBytes(8).toString('hex') }));
  return `eyJ${header.slice(3)}.${body}.${b64url(randomBytes(48))}`;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

export async function handleTokenRequest(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: { creds: SimCredentials; mode: OAuthMode; ttlSec: number; issue: (token: string, ttlSec: number) => void },
): Promise<void> {
  const { creds } = ctx;
  if (req.method !== 'POST') return send(res, 405, { reason: 'Method Not Allowed', error: 'invalid_request' });
  if (ctx.mode === 'error-500') return send(res, 500, { reason: 'Internal Server Error', error: 'server_error' });

  // Zoom reads grant_type/account_id from the form body (a query-string-only request fails).
  const form = new URLSearchParams(await readBody(req));
  const auth = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  const [id, secret] = auth ? Buffer.from(auth[1]!, 'base64').toString().split(':') : [];
  if (id !== creds.clientId || secret !== creds.clientSecret) {
    return send(res, 400, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
  }
  if (ctx.mode === 'app-disabled') return send(res, 400, { reason: 'The app has been disabled', error: 'invalid_client' });
  // Credentials of an app that is not Server-to-Server OAuth: Zoom refuses the grant itself.
  if (ctx.mode === 'unsupported-grant') return send(res, 400, { reason: 'Unsupported grant type', error: 'unsupported_grant_type' });

  const grant = form.get('grant_type');
  if (grant === 'account_credentials') {
    if (form.get('account_id') !== creds.accountId) return send(res, 400, { reason: 'Account does not exist', error: 'invalid_request' });
  } else if (grant !== 'client_credentials') {
    return send(res, 400, { reason: 'Unsupported grant type', error: 'unsupported_grant_type' });
  }
  const token = newAccessToken(creds.accountId, ctx.ttlSec);
  ctx.issue(token, ctx.ttlSec);
  send(res, 200, {
    access_token: token,
    token_type: 'bearer',
    expires_in: ctx.ttlSec,
    scope: 'meeting:read:admin user:read:admin recording:read:admin phone:read:admin',
    api_url: 'https://api.zoom.us',
  });
}
