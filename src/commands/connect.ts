/** `zoomws connect`: the raw stream. stdout carries one Zoom event per line and nothing else. */
import { closeSync, openSync, writeSync } from 'node:fs';
import { createForwarder, finishForwarding, type ForwardFlags } from '../forward/forwarder.js';
import { summarizeForwarding } from '../forward/report.js';
import { ExitCode, UserError } from '../exit-codes.js';
import type { IO } from '../io.js';
import { holdWhileBackedUp } from '../output/backpressure.js';
import { logSession } from '../output/session-log.js';
import { StatusLog, verbosityOf } from '../output/status-log.js';
import { finish, type LiveOptions, runLive, summarize } from './live.js';

export interface ConnectOptions extends LiveOptions, ForwardFlags {
  output?: string;
  raw?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  debug?: boolean;
  logFormat?: 'text' | 'json';
}

/** --output is opened before connecting, so a bad path is a usage error, not a lost stream. */
function openOutput(path: string): number {
  try {
    return openSync(path, 'a', 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such directory' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
    throw new UserError(`cannot write --output ${path}: ${why}`, ExitCode.usage, 'choose another path with --output FILE');
  }
}

export async function run(opts: ConnectOptions, io: IO): Promise<number> {
  const log = new StatusLog(io.stderr, { verbosity: verbosityOf(opts), format: opts.logFormat });
  const forwarder = createForwarder(opts, io, log);
  // Created 0600: recorded events are account data.
  const fd = opts.output === undefined ? undefined : openOutput(opts.output);
  let piped = true;
  let backedUp: (written: boolean) => void = () => {};
  const emit = (line: string) => {
    if (!piped) return;
    // One write per event, so each line leaves at once; a reader that falls behind pauses the socket.
    backedUp(io.stdout.write(line));
    if (fd !== undefined) writeSync(fd, line);
  };
  try {
    const result = await runLive(opts, io, log, {
      onEvent: (event) => {
        if (!opts.raw) emit(event.json + '\n');
        forwarder?.push(event);
      },
      onSession: (session, config) => {
        logSession(session, log, config.subscriptionId);
        if (opts.raw) session.on('frame', (text) => emit(text + '\n'));
        io.stdout.on('error', () => (piped = false));
        // Twice the heartbeat interval: when our own watchdog would give up on a silent socket.
        backedUp = holdWhileBackedUp(io.stdout, session, log, 2 * (opts.heartbeatInterval ?? 30) * 1000);
      },
    });
    const writeError = forwarder && (await finishForwarding(forwarder, log, { again: result.reason === 'signal' }));
    // `connect | head -1` ends quietly: no summary to nobody.
    return finish(result, log, () => {
      summarize(result, log);
      if (forwarder) summarizeForwarding(forwarder.queues, forwarder.deadLetter, log, { unrouted: forwarder.unrouted, writeError });
    });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
