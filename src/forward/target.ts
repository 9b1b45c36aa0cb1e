/**
 * `--forward-to [globs=]URL`: where events go. The part before the first `=` is an event glob list only when it
 * has no `:` or `/`, so a plain URL whose query holds `=` (`http://h/hook?a=b`) is never mistaken for a route.
 */
import { compileEventGlobs } from '../core/events-glob.js';
import { ExitCode, UserError } from '../exit-codes.js';

export interface Target {
  url: string;
  /** The URL as printed: any password in it masked. */
  label: string;
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

export function urlLabel(url: URL): string {
  if (!url.password) return url.href;
  const copy = new URL(url.href);
  copy.password = '***';
  return copy.href;
}

/** A single handler URL (`forward --to`, `trigger --to`): every event goes there. */
export function urlTarget(text: string, what: string): Target {
  const url = parseUrl(text.trim(), what);
  return { url: url.href, label: urlLabel(url), globs: '', matches: () => true };
}

export function parseTarget(spec: string): Target {
  const routed = /^([^=:/]*)=(.*)$/s.exec(spec);
  const globs = routed ? routed[1]!.trim() : '';
  const url = parseUrl(routed ? routed[2]!.trim() : spec.trim(), '--forward-to');
  if (routed && globs === '') throw new UserError(`--forward-to ${JSON.stringify(spec)}: empty event glob before "="`, ExitCode.usage, "e.g. --forward-to 'recording.*=http://localhost:4000/hook'");
  return { url: url.href, label: urlLabel(url), globs, matches: compileEventGlobs(globs) };
}
