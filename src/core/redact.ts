/**
 * The one redaction function for everything zoomws prints. The access token travels in the socket
 * URL, so any URL, error message or frame we log passes through here first.
 */
const secrets = new Set<string>();

/** Register a value (token, client secret, webhook secret) that must never be printed. */
export function addSecret(value: string | undefined): void {
  if (value && value.length >= 4) secrets.add(value);
}

/**
 * A URL (or a raw proxy variable) as it may be shown: `scheme://user:password@` becomes
 * `scheme://user:***@`, and a lone user name (often a token) `scheme://***@`.
 */
export function hideCredentials(url: string | URL): string {
  return String(url).replace(/\b([a-z][\w+.-]*:\/\/)([^\s:/@?#]*)(:[^\s/@?#]*)?@/gi, (_m, scheme: string, user: string, password?: string) =>
    `${scheme}${password === undefined ? '***' : `${user}:***`}@`);
}

const PATTERNS: Array<[RegExp, string]> = [
  [/([?&](?:access_token|token)=)[^&\s"']+/gi, '$1***'],
  [/(authorization:\s*(?:basic|bearer)\s+)[^\s"',]+/gi, '$1***'],
  [/("(?:access_token|client_secret|authorization)"\s*:\s*")[^"]*/gi, '$1***'],
  // JWTs (Zoom access tokens are JWTs) wherever they appear.
  [/eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g, '***'],
];

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('***');
  for (const [re, repl] of PATTERNS) out = out.replace(re, repl);
  return out;
}

/** Secrets are shown as their first 4 characters and their length, never whole. */
export function mask(value: string): string {
  return `${value.slice(0, 4)}… (${value.length} chars)`;
}
