/**
 * `zoomws forward --file events.ndjson --to URL`: replay a recording (what `connect` wrote) or a dead-letter file
 * into a webhook handler, each event signed like Zoom, in order, retried, and dead-lettered if it still fails.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ExitCode, UserError } from '../exit-codes.js';
import { Forwarder, announce, finishForwarding, openDeadLetter } from '../forward/forwarder.js';
import { logReport, summarizeForwarding } from '../forward/report.js';
import { readSecretToken } from '../forward/secret.js';
import { urlTarget } from '../forward/target.js';
import { openInput, type IO } from '../io.js';
import { StatusLog, verbosityOf } from '../output/status-log.js';
import { duration } from '../output/time.js';
import { parseLine, type ReplayItem } from '../view/ndjson.js';

export interface ForwardOptions {
  file: string;
  to: string;
  rate?: number;
  forwardTimeout?: number;
  forwardRetries?: number;
  deadLetter?: string;
  secretTokenFile?: string;
  quiet?: boolean;
  debug?: boolean;
}

/** How many events may wait for the handler; the reader waits beyond that (a file can wait, a socket cannot). */
const WINDOW = 100;

/** A line of a recording, or of a dead-letter file (whose records carry the event under `event`). */
export function parseRecord(text: string, line: number): ReplayItem | undefined {
  if (text.includes('"event":{')) {
    try {
      const record = JSON.parse(text) as { event?: unknown };
      const e = record.event as Record<string, unknown> | null;
      if (e && typeof e === 'object' && typeof e.event === 'string') return parseLine(JSON.stringify(e), line);
    } catch {
      // Not a dead-letter record: parseLine says what is wrong with it.
    }
  }
  return parseLine(text, line);
}

const realpath = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
};

export async function run(opts: ForwardOptions, io: IO): Promise<number> {
  const log = new StatusLog(io.stderr, { verbosity: verbosityOf(opts) });
  const target = urlTarget(opts.to, '--to', (m) => log.warn('config', m));
  const secret = readSecretToken(opts, io.env, io.cwd);
  const deadLetter = openDeadLetter(opts.deadLetter, io.cwd);
  if (opts.file !== '-' && realpath(resolve(io.cwd, opts.file)) === realpath(deadLetter.path)) {
    throw new UserError(`${opts.file} is both the file being replayed and the dead-letter file`, ExitCode.usage, 'pass --dead-letter with another file name');
  }
  const input = await openInput(opts.file, io);
  const label = opts.file === '-' ? 'stdin' : opts.file;
  const fwd: Forwarder = new Forwarder({
    targets: [target],
    secret,
    concurrency: 1,
    timeoutMs: (opts.forwardTimeout ?? 3) * 1000,
    retries: opts.forwardRetries ?? 3,
    capacity: WINDOW,
    deadLetter,
    onReport: (r) => logReport(r, deadLetter, log),
  });
  announce(fwd, log);
  const queue = fwd.queues[0]!;

  // Ctrl-C stops reading (even a stdin that sends nothing more); what was read is still finished below.
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const started = Date.now();
  let events = 0;
  let badLines = 0;
  let lineNo = 0;
  try {
    const lines = createInterface({ input, crlfDelay: Infinity, signal: stop.signal });
    for await (const raw of lines) {
      if (stop.signal.aborted) break;
      const item = parseRecord(++lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw, lineNo);
      if (!item) continue;
      if (item.kind === 'bad') {
        badLines++;
        log.warn('bad-line', `${label}:${item.line}: ${item.reason}; skipped`, { line: item.line, reason: item.reason });
        continue;
      }
      if (opts.rate) {
        const due = started + (events * 1000) / opts.rate;
        if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      }
      await queue.room();
      fwd.push(item.event);
      events++;
    }
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (stop.signal.aborted) log.warn('stopped', `stopped reading ${label} at line ${lineNo}: later lines were not forwarded`, { line: lineNo });
  const writeError = await finishForwarding(fwd, log, { again: stop.signal.aborted, level: stop.signal.aborted ? 'info' : 'verbose' });
  const bad = badLines ? `, ${badLines} bad ${badLines === 1 ? 'line' : 'lines'} skipped` : '';
  log.info('summary', `replayed ${events} ${events === 1 ? 'event' : 'events'} from ${label}${bad} in ${duration(Date.now() - started)}`, { events, badLines });
  summarizeForwarding(fwd.queues, deadLetter, log, { writeError });
  return queue.stats.deadLettered > 0 ? ExitCode.connection : ExitCode.ok;
}
