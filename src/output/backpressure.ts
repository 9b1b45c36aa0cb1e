/**
 * Backpressure for `connect`: stdout to a pipe is asynchronous in Node, so a slow reader
 * (`connect | slow-consumer`) would make us buffer the stream in memory without bound. Instead,
 * stop reading the socket while stdout is backed up: unread frames wait in the kernel and in Zoom's
 * buffers, and the event loop (heartbeats included) keeps running.
 */
import type { IO } from '../io.js';
import type { StatusLog } from './status-log.js';
import { duration } from './time.js';

type Out = IO['stdout'];

/**
 * Stop reading Zoom while stdout is backed up, and say so once it has lasted long enough to risk the
 * connection (Zoom's own tolerance is unknown). Returns what to call with each write()'s result.
 */
export function holdWhileBackedUp(
  stream: Out,
  session: { pause(): void; resume(): void },
  log: StatusLog,
  warnAfterMs = 10_000,
): (written: boolean) => void {
  let since: number | undefined;
  let warned = false;
  return (written) => {
    if (written || since !== undefined) return;
    since = Date.now();
    session.pause();
    const timer = setTimeout(() => {
      warned = true;
      log.warn('backpressure', `stdout has not been read for ${duration(Date.now() - since!)}: reading from Zoom is paused (heartbeats continue); if the reader stays stuck, Zoom may drop the connection and what it sends then is lost`);
    }, warnAfterMs);
    timer.unref();
    stream.once('drain', () => {
      clearTimeout(timer);
      session.resume();
      if (warned) log.info('backpressure', `stdout caught up after ${duration(Date.now() - since!)}; reading from Zoom again`);
      since = undefined;
      warned = false;
    });
  };
}
