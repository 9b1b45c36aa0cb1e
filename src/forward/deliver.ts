/** One HTTP attempt: POST with Node's fetch, a timeout like Zoom's, and an answer whether to try again. */
import { clip, oneLine } from '../view/text.js';

export interface Attempt {
  ok: boolean;
  /** The HTTP status, when the handler answered. */
  status?: number;
  ms: number;
  /** Why it failed, one line ("HTTP 503: busy", "connection refused", "no answer within 3 s"). */
  error?: string;
  /** Refused connections, network errors, timeouts, 408, 429 and 5xx are worth another try; other answers are final. */
  retryable: boolean;
}

const NETWORK: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed by the handler',
  UND_ERR_CLOSED: 'connection closed by the handler',
};

function networkError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (err as NodeJS.ErrnoException).code;
  if (code && NETWORK[code]) return NETWORK[code];
  return oneLine(cause?.message ?? (err as Error).message ?? String(err));
}

export async function deliver(url: string, body: string, headers: Record<string, string>, timeoutMs: number, stop: AbortSignal): Promise<Attempt> {
  const started = performance.now();
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([timeout, stop]);
  const ms = () => Math.round(performance.now() - started);
  try {
    // A redirect would turn Zoom's POST into a GET: report it instead of following it.
    const res = await fetch(url, { method: 'POST', body, headers, signal, redirect: 'manual' });
    // Read the answer (it frees the connection, and an error body says why).
    const text = await res.text();
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status, ms: ms(), retryable: false };
    const why = text.trim() ? `: ${clip(oneLine(text.trim()), 120)}` : '';
    const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
    const redirect = res.status >= 300 && res.status < 400 ? ` (redirects are not followed; forward to ${res.headers.get('location') ?? 'the final URL'})` : '';
    return { ok: false, status: res.status, ms: ms(), error: `HTTP ${res.status}${redirect}${why}`, retryable };
  } catch (err) {
    if (timeout.aborted) return { ok: false, ms: ms(), error: `no answer within ${timeoutMs / 1000} s`, retryable: true };
    if (stop.aborted) return { ok: false, ms: ms(), error: 'cancelled at exit', retryable: false };
    const error = networkError(err);
    // fetch refuses some ports outright (the Fetch standard's "bad ports"): no retry can help.
    if (error === 'bad port') return { ok: false, ms: ms(), error: `port ${new URL(url).port} is blocked by fetch; use another port`, retryable: false };
    return { ok: false, ms: ms(), error, retryable: true };
  }
}
