/**
 * Where `connect` writes events. Node writes to a pipe on stdout synchronously: a slow reader
 * (`connect | slow-consumer`) would then block the whole process, heartbeats included, until Zoom
 * gives up on us. On a pipe we write through libuv's thread pool instead, so the event loop keeps
 * running; `write()` returning false tells the caller to stop reading the socket until 'drain'.
 */
import { createWriteStream, fstatSync } from 'node:fs';
import type { IO } from '../io.js';

type Out = IO['stdout'];

/** stdout as a non-blocking stream when it is this process's pipe; otherwise as it is (TTYs and files do not stall). */
export function eventStream(io: IO): { stream: Out; close(): Promise<void> } {
  if (io.stdout !== process.stdout || !isPipe(1)) return { stream: io.stdout, close: async () => {} };
  // 64 KiB matches a Linux pipe buffer: beyond that, the reader is genuinely behind.
  const stream = createWriteStream('', { fd: 1, autoClose: false, highWaterMark: 64 * 1024 });
  return {
    stream,
    close: () =>
      new Promise<void>((resolve) => {
        if (stream.destroyed || stream.writableFinished) return resolve();
        stream.once('error', () => resolve());
        stream.end(resolve);
      }),
  };
}

function isPipe(fd: number): boolean {
  try {
    return fstatSync(fd).isFIFO();
  } catch {
    return false;
  }
}
