/**
 * `zoomws trigger <type>`: one realistic sample event, printed on stdout and, with --to, POSTed to a webhook
 * handler signed like Zoom (retried like forwarding), or with --simulator emitted by a running simulator.
 */
import { randomUUID } from 'node:crypto';
import { hideCredentials } from '../core/redact.js';
import { ExitCode, UserError } from '../exit-codes.js';
import { TargetQueue } from '../forward/queue.js';
import { describeReport } from '../forward/report.js';
import { readSecretToken, SECRET_ENV } from '../forward/secret.js';
import { parseAssignment, setPath } from '../forward/set-path.js';
import { closest } from '../forward/suggest.js';
import { parseUrl, urlTarget } from '../forward/target.js';
import type { IO } from '../io.js';
import { StatusLog } from '../output/status-log.js';
import { sampleEvent, sampleTypes } from '../simulator/samples.js';

export interface TriggerOptions {
  type?: string;
  list?: boolean;
  set?: string[];
  to?: string;
  simulator?: string;
  secretTokenFile?: string;
  debug?: boolean;
}

export async function run(opts: TriggerOptions, io: IO): Promise<number> {
  const types = sampleTypes();
  if (opts.list) {
    io.stdout.write(types.join('\n') + '\n');
    return ExitCode.ok;
  }
  if (!opts.type) throw new UserError('which event? trigger needs an event type', ExitCode.usage, 'e.g. zoomws trigger meeting.started; zoomws trigger --list lists them');
  if (opts.to && opts.simulator) throw new UserError('--to and --simulator go to different places: use one', ExitCode.usage);
  const event = sampleEvent(opts.type);
  if (!event) {
    const guess = closest(opts.type, types);
    throw new UserError(`unknown event type ${JSON.stringify(opts.type)}`, ExitCode.usage, `${guess ? `did you mean ${guess}? ` : ''}zoomws trigger --list lists the ${types.length} types`);
  }
  for (const spec of opts.set ?? []) {
    const { path, value } = parseAssignment(spec);
    setPath(event, path, value);
  }
  // Parse the destination before printing anything: a typo is a usage error, not half a run.
  const log = new StatusLog(io.stderr, { verbosity: opts.debug ? 'debug' : 'normal' });
  const to = opts.to === undefined ? undefined : urlTarget(opts.to, '--to', (m) => log.warn('config', m));
  const sim = opts.simulator === undefined ? undefined : parseUrl(opts.simulator, '--simulator');
  const secret = to ? readSecretToken(opts, io.env, io.cwd) : undefined;

  const body = JSON.stringify(event);
  io.stdout.write(body + '\n');
  if (sim) return emit(sim, event, log);
  if (!to) return ExitCode.ok;

  if (!secret) log.warn('forward', `not signed: no ${SECRET_ENV} (or --secret-token-file); a handler that verifies x-zm-signature will reject it`);
  let failure: UserError | undefined;
  const queue = new TargetQueue(to, {
    concurrency: 1,
    timeoutMs: 3000,
    retries: 3,
    capacity: 1,
    secret: secret?.value,
    onReport: (r) => {
      if (r.kind === 'dead-letter') {
        // An HTTP answer means the handler is up and said no; anything else, that it was not reached.
        const hint = /^HTTP /.test(r.error) ? undefined : 'is the handler running and listening on that URL?';
        failure = new UserError(`${r.name} not delivered to ${to.label}: ${r.error}${r.attempts > 1 ? ` after ${r.attempts} attempts` : ''}`, ExitCode.connection, hint);
      } else if (r.kind === 'delivered' || r.kind === 'retry') {
        const line = describeReport(r);
        log.write(line.level, line.type, line.message, line.fields);
      }
    },
  });
  queue.push({ name: event.event, body, event, requestId: randomUUID() });
  await queue.drain(Infinity);
  if (failure) throw failure;
  return ExitCode.ok;
}

/** Ask a running simulator (`zoomws simulate`) to send the event over its socket, as Zoom would. */
async function emit(sim: URL, event: Record<string, unknown>, log: StatusLog): Promise<number> {
  const control = new URL('/_sim/control', sim);
  control.username = control.password = ''; // the control API takes none, and fetch refuses URLs that carry them
  const where = hideCredentials(sim);
  let answer: { ok?: boolean; sent?: number; error?: string };
  try {
    const res = await fetch(control, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'emit', event }),
      signal: AbortSignal.timeout(5000),
    });
    answer = (await res.json().catch(() => ({ ok: false, error: `HTTP ${res.status}, not the simulator's control API` }))) as typeof answer;
  } catch (err) {
    const code = (err as { cause?: { code?: string } }).cause?.code;
    const why = code === 'ECONNREFUSED' ? 'connection refused' : (err as Error).name === 'TimeoutError' ? 'no answer within 5 s' : (err as Error).message;
    throw new UserError(`cannot reach the simulator at ${where}: ${why}`, ExitCode.connection, 'start one with: zoomws simulate');
  }
  if (!answer.ok) throw new UserError(`the simulator at ${where} refused the event: ${answer.error ?? 'unknown error'}`, ExitCode.connection);
  if (!answer.sent) {
    throw new UserError(`the simulator at ${where} has no consumer connected, so the event went nowhere`, ExitCode.connection, 'connect first (zoomws connect with the ZOOM_* settings zoomws simulate printed), then trigger again');
  }
  log.info('trigger', `${String(event.event)} sent by the simulator at ${where}`);
  return ExitCode.ok;
}
