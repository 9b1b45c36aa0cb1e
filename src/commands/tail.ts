/**
 * `zoomws tail`: the human view. One coloured line per event on stdout (or the user's --format),
 * status inline on stderr, a summary at the end. Live from Zoom (or --demo), or a replay of
 * recorded NDJSON (`--file`, `-` for stdin, `--follow` for a growing file) with no connection.
 */
import type { ReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { once } from 'node:events';
import { compileEventGlobs } from '../core/events-glob.js';
import type { ZoomEvent } from '../core/frames.js';
import { ExitCode, UserError } from '../exit-codes.js';
import { createForwarder, finishForwarding, type ForwardFlags } from '../forward/forwarder.js';
import { describeReport, summarizeForwarding } from '../forward/report.js';
import { redact } from '../core/redact.js';
import { openInput, type IO } from '../io.js';
import { holdWhileBackedUp } from '../output/backpressure.js';
import { logSession } from '../output/session-log.js';
import { StatusLog, verbosityOf } from '../output/status-log.js';
import { type ColorFlag, makeChalk, resolveColorLevel } from '../view/color.js';
import { colorJson } from '../view/json.js';
import { followFile, readNdjson, type Chunk } from '../view/ndjson.js';
import { renderEvent } from '../view/render.js';
import { paintedStatus, Spinner } from '../view/status.js';
import { formatSummary } from '../view/summary.js';
import { compileTemplate } from '../view/template.js';
import { finish, type LiveOptions, runLive, summarize } from './live.js';

export interface TailOptions extends LiveOptions, ForwardFlags {
  /** Replay this NDJSON file instead of connecting; '-' reads stdin. */
  file?: string;
  follow?: boolean;
  format?: string;
  json?: boolean;
  color?: ColorFlag;
  quiet?: boolean;
  verbose?: boolean;
  debug?: boolean;
  logFormat?: 'text' | 'json';
}

export interface TailDeps {
  /** Where SIGINT/SIGTERM come from (tests inject an emitter). */
  signals?: NodeJS.EventEmitter;
}

/** Turns events into the text written to stdout, decided once from the options and the terminal. */
function makeView(opts: TailOptions, io: IO) {
  const chalk = makeChalk(resolveColorLevel({ flag: opts.color, env: io.env, isTTY: io.stdout.isTTY }));
  const template = opts.format === undefined ? undefined : compileTemplate(opts.format);
  return (e: ZoomEvent): string => {
    // Read per event: the terminal may be resized. Pipes are never cut.
    const width = io.stdout.isTTY && io.stdout.columns! > 0 ? io.stdout.columns : undefined;
    const line = template ? template(e.event, { chalk, width }) : renderEvent(e.event, { chalk, width });
    return line + '\n' + (opts.json ? colorJson(e.json, chalk).replace(/^/gm, '  ') + '\n' : '');
  };
}

function statusLog(opts: TailOptions, io: IO): { log: StatusLog; chalk: ReturnType<typeof makeChalk> } {
  const chalk = makeChalk(resolveColorLevel({ flag: opts.color, env: io.env, isTTY: io.stderr.isTTY }));
  const stream = opts.logFormat === 'json' ? io.stderr : paintedStatus(io.stderr, chalk);
  return { log: new StatusLog(stream, { verbosity: verbosityOf(opts), format: opts.logFormat }), chalk };
}

function countByType(byType: Map<string, number>, name: string): void {
  byType.set(name, (byType.get(name) ?? 0) + 1);
}

export async function run(opts: TailOptions, io: IO, deps: TailDeps = {}): Promise<number> {
  if (opts.file !== undefined) {
    if (opts.demo) throw new UserError('--file replays a recording and cannot be combined with --demo', ExitCode.usage);
    if (opts.forwardTo?.length) throw new UserError('tail --file does not forward', ExitCode.usage, `replay a recording into a handler with: zoomws forward --file ${opts.file} --to URL`);
    return replay(opts, io, deps);
  }
  if (opts.follow) throw new UserError('--follow needs --file <path>', ExitCode.usage, 'e.g. zoomws tail --file events.ndjson --follow');
  return live(opts, io, deps);
}

async function live(opts: TailOptions, io: IO, deps: TailDeps): Promise<number> {
  const view = makeView(opts, io);
  const { log, chalk } = statusLog(opts, io);
  const byType = new Map<string, number>();
  const spinner = await Spinner.create(io.stderr, io.env, !opts.quiet && opts.logFormat !== 'json', chalk.level > 0);
  // Delivery results go inline, under the events they belong to; JSON logs keep them as status objects.
  const forwarder = createForwarder(opts, io, log, (r, fwd) => {
    const line = describeReport(r, fwd.deadLetter);
    if (!log.enabled(line.level)) return;
    if (opts.logFormat === 'json' || !line.inline) return log.write(line.level, line.type, line.message, line.fields);
    const paint = line.level === 'error' ? chalk.red : line.level === 'warn' ? chalk.yellow : chalk.dim;
    io.stderr.write(paint(redact(`  ${line.inline}`)) + '\n');
  }, deps.signals);
  let backedUp: (written: boolean) => void = () => {};
  try {
    const result = await runLive(opts, io, log, {
      signals: deps.signals,
      onEvent: (e) => {
        countByType(byType, e.name);
        backedUp(io.stdout.write(view(e)));
        forwarder?.push(e);
      },
      onSession: (session, config) => {
        logSession(session, log, config.subscriptionId);
        // `tail | less` left unread: stop reading Zoom rather than buffer without bound.
        backedUp = holdWhileBackedUp(io.stdout, session, log, 2 * (opts.heartbeatInterval ?? 30) * 1000);
        session.on('state', (state, { url }) => {
          if (state === 'connecting') spinner?.spin(`connecting to ${new URL(url).host}…`);
          else if (state === 'reconnecting') spinner?.spin('reconnecting…');
          else spinner?.stop();
        });
      },
    });
    spinner?.stop();
    const writeError = forwarder && (await finishForwarding(forwarder, log, { again: result.reason === 'signal' }));
    return finish(result, log, () => {
      const forwarding = () => forwarder && summarizeForwarding(forwarder.queues, forwarder.deadLetter, log, { unrouted: forwarder.unrouted, writeError });
      if (opts.quiet) return forwarding();
      if (opts.logFormat === 'json') return (summarize(result, log), forwarding());
      const { stats } = result;
      io.stderr.write(formatSummary({ byType, durationMs: Date.now() - stats.startedAt, reconnects: stats.reconnects, gaps: stats.gaps }, chalk) + '\n');
      forwarding();
    });
  } finally {
    spinner?.stop();
  }
}

async function openSource(file: string, io: IO, follow: boolean, signal: AbortSignal): Promise<AsyncIterable<Chunk>> {
  const stream = await openInput(file, io);
  if (!follow || file === '-') return stream as AsyncIterable<Chunk>;
  (stream as ReadStream).destroy();
  return followFile(resolve(io.cwd, file), signal);
}

async function replay(opts: TailOptions, io: IO, deps: TailDeps): Promise<number> {
  const view = makeView(opts, io);
  const { log, chalk } = statusLog(opts, io);
  const matches = compileEventGlobs(opts.events ?? '');
  const startedAt = Date.now();
  const byType = new Map<string, number>();
  const label = opts.file === '-' ? 'stdin' : opts.file!;
  let matched = 0;
  let badLines = 0;
  type Reason = 'end' | 'max-events' | 'timeout' | 'signal' | 'epipe';
  // Set from callbacks (signals, timer, EPIPE): widen so TypeScript does not narrow it to 'end'.
  let reason = 'end' as Reason;

  const ac = new AbortController();
  const stop = (why: Reason) => {
    if (reason === 'end') reason = why;
    ac.abort();
  };
  const onSignal = () => stop('signal');
  const onStdoutError = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') stop('epipe');
  };
  const signals = deps.signals ?? process;
  signals.on('SIGINT', onSignal);
  signals.on('SIGTERM', onSignal);
  io.stdout.on('error', onStdoutError);
  const timer = opts.timeout === undefined ? undefined : setTimeout(() => stop('timeout'), opts.timeout * 1000);
  const aborted = new Promise<void>((resolve) => ac.signal.addEventListener('abort', () => resolve()));

  try {
    if (opts.maxEvents === 0) stop('max-events');
    const source = await openSource(opts.file!, io, !!opts.follow, ac.signal);
    const items = readNdjson(source, { keepPartial: !opts.follow })[Symbol.asyncIterator]();
    while (!ac.signal.aborted) {
      // Race the reader against stop(): stdin or a quiet followed file may never yield again.
      const next = await Promise.race([items.next(), aborted.then(() => undefined)]);
      if (!next || next.done) break;
      const item = next.value;
      if (item.kind === 'bad') {
        badLines++;
        log.warn('bad-line', `${label}:${item.line}: ${item.reason}; skipped`, { line: item.line, reason: item.reason });
        continue;
      }
      if (!matches(item.event.name)) continue;
      countByType(byType, item.event.name);
      // Respect backpressure: a replay can produce output far faster than a terminal or pipe takes it.
      if (!io.stdout.write(view(item.event))) await Promise.race([once(io.stdout, 'drain'), aborted]);
      if (++matched === opts.maxEvents) stop('max-events');
    }
    void items.return?.(undefined);
  } catch (err) {
    if (err instanceof UserError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new UserError(`cannot read ${label}: ${e.code === 'EISDIR' ? 'it is a directory' : e.message}`, ExitCode.usage);
  } finally {
    clearTimeout(timer);
    signals.off('SIGINT', onSignal);
    signals.off('SIGTERM', onSignal);
    io.stdout.off('error', onStdoutError);
    ac.abort();
  }

  if (reason !== 'epipe' && !opts.quiet) {
    const summary = formatSummary({ byType, durationMs: Date.now() - startedAt, badLines }, chalk);
    if (opts.logFormat === 'json') log.info('summary', summary.split('\n')[0]!.replace(/^zoomws: /, ''), { events: matched, badLines, byType: Object.fromEntries(byType) });
    else io.stderr.write(summary + '\n');
  }
  if (reason === 'timeout' && opts.maxEvents !== undefined) {
    log.error('timeout', `timed out after ${opts.timeout} s with ${matched} of ${opts.maxEvents} events`);
    return ExitCode.timeout;
  }
  return ExitCode.ok;
}
