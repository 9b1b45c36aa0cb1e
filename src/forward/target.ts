/**
 * `--forward-to [globs=]URL`: where events go. The part before the first `=` is an event glob list only when it
 * has no `:` or `/`, so a plain URL whose query holds `=` (`http://h/hook?a=b`) is never mistaken for a route.
 */
import { compileEventGlobs } from '../core/events-glob.js';
import { addSecret, hideCredentials } from '../core/redact.js';
import { ExitCode, UserError } from '../exit-codes.js';

export interface Target {
  /** The URL requests go to, without credentials (fetch refuses URLs that carry them). */
  url: string;
  /** The URL as printed: any password in it masked. */
  label: string;
  /** `Basic …` from the URL's user and password, sent as Zoom sends a subscription's basic-auth header. */
  authorization?: string;
  /** The event globs as given ('' = every event). */
  globs: string;
  matches(eventName: string): boolean;
}

export function parseUrl(text: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(`${what} is not a URL: ${JSON.stringify(text)}`, ExitCode.usage, 'e.g. http://localhost:4000/zoom/webhook');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(`${what} must be an http:// or https:// URL (got ${url.protocol}//)`, ExitCode.usage);
  }
  return url;
}

/** Receives the warning that a password given on the command line is visible in `ps`. */
export type Warn = (message: string) => void;

/** A single handler URL (`forward --to`, `trigger --to`): every event goes there. */
export function urlTarget(text: string, what: string, warn: Warn): Target {
  return target(parseUrl(text.trim(), what), what, '', () => true, warn);
}

export function parseTarget(spec: string, warn: Warn): Target {
  const routed = /^([^=:/]*)=(.*)$/s.exec(spec);
  const globs = routed ? routed[1]!.trim() : '';
  const url = parseUrl(routed ? routed[2]!.trim() : spec.trim(), '--forward-to');
  if (routed && globs === '') throw new UserError(`--forward-to ${JSON.stringify(spec)}: empty event glob before "="`, ExitCode.usage, "e.g. --forward-to 'recording.*=http://localhost:4000/hook'");
  return target(url, '--forward-to', globs, compileEventGlobs(globs), warn);
}

function target(url: URL, flag: string, globs: string, matches: Target['matches'], warn: Warn): Target {
  const label = hideCredentials(url);
  if (!url.username && !url.password) return { url: url.href, label, globs, matches };
  const basic = Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64');
  addSecret(decodeURIComponent(url.password));
  addSecret(basic);
  if (url.password) warn(`the password in ${flag} is visible to other users in the process list (ps)`);
  const bare = new URL(url.href);
  bare.username = bare.password = '';
  return { url: bare.href, label, authorization: `Basic ${basic}`, globs, matches };
}
