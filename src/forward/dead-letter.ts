/**
 * The dead-letter file: deliveries that could not be made, one NDJSON record each, with the event unchanged
 * under `event` so `zoomws forward --file` can replay the file. Created 0600 (events are account data).
 * Writes go through a stream so a spill never blocks the socket reader.
 */
import { createWriteStream, openSync, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { ExitCode, UserError } from '../exit-codes.js';
import { redact } from '../core/redact.js';

export const DEFAULT_DEAD_LETTER = 'zoomws-dead-letter.ndjson';

export interface DeadLetterRecord {
  failed_at: string;
  target: string;
  /** 'failed' (retries exhausted or a final answer), 'queue-full' (spilled), 'exit' (not finished before exit). */
  reason: 'failed' | 'queue-full' | 'exit';
  attempts: number;
  last_error: string | null;
  status: number | null;
  event: Record<string, unknown>;
}

export class DeadLetter {
  /** Records written (or queued for writing). */
  written = 0;
  private stream?: WriteStream;
  private failure?: string;

  /** `explicit`: the user named the file, so open it now and fail before connecting if we cannot. */
  constructor(
    readonly path: string,
    explicit: boolean,
    /** The path as the user gave it (or the default name), for messages. */
    readonly shown = path,
  ) {
    if (explicit) this.open();
  }

  private open(): WriteStream {
    if (this.stream) return this.stream;
    let fd: number;
    try {
      fd = openSync(this.path, 'a', 0o600);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such directory' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
      throw new UserError(`cannot write the dead-letter file ${this.path}: ${why}`, ExitCode.usage, 'choose another path with --dead-letter FILE');
    }
    this.stream = createWriteStream('', { fd });
    this.stream.on('error', (err) => (this.failure ??= err.message));
    return this.stream;
  }

  /** False when the file cannot be written: the caller counts the record as lost and says so. */
  write(record: Omit<DeadLetterRecord, 'failed_at'>): boolean {
    let stream: WriteStream;
    try {
      stream = this.open();
    } catch (err) {
      this.failure ??= (err as Error).message;
      return false;
    }
    const { event, ...meta } = record;
    // The metadata is redacted (a URL or an error may carry a secret); the event stays byte-exact for replay.
    const head = redact(JSON.stringify({ failed_at: new Date().toISOString(), ...meta }));
    stream.write(`${head.slice(0, -1)},"event":${JSON.stringify(event)}}\n`);
    this.written++;
    return true;
  }

  /** Flush and close; resolves with the write error, if any, so the caller can say records were lost. */
  async close(): Promise<string | undefined> {
    const stream = this.stream;
    if (stream && !stream.destroyed) {
      stream.end();
      await finished(stream).catch((err: Error) => (this.failure ??= err.message));
    }
    return this.failure;
  }
}
