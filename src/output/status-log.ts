/**
 * Status lines on stderr: everything that is not data. Redacted, levelled, and either text for
 * people or JSON objects for log collectors (`--log-format json`).
 */
import { redact } from '../core/redact.js';

export type Level = 'error' | 'warn' | 'info' | 'verbose' | 'debug';
export type Verbosity = 'quiet' | 'normal' | 'verbose' | 'debug';

const RANK: Record<Level, number> = { error: 0, warn: 1, info: 2, verbose: 3, debug: 4 };
const SHOWN: Record<Verbosity, number> = { quiet: 0, normal: 2, verbose: 3, debug: 4 };

export interface StatusLogOptions {
  verbosity?: Verbosity;
  format?: 'text' | 'json';
  now?: () => number;
}

export class StatusLog {
  private readonly max: number;
  private readonly format: 'text' | 'json';
  private readonly now: () => number;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    opts: StatusLogOptions = {},
  ) {
    this.max = SHOWN[opts.verbosity ?? 'normal'];
    this.format = opts.format ?? 'text';
    this.now = opts.now ?? Date.now;
  }

  enabled(level: Level): boolean {
    return RANK[level] <= this.max;
  }

  /** `fields` travel as JSON properties; in text they are already part of the message. */
  write(level: Level, type: string, message: string, fields: Record<string, unknown> = {}): void {
    if (!this.enabled(level)) return;
    const line =
      this.format === 'json'
        ? JSON.stringify({ time: new Date(this.now()).toISOString(), level, type, message, ...fields })
        : `zoomws: ${level === 'warn' ? 'warning: ' : level === 'error' ? 'error: ' : ''}${message}`;
    this.stream.write(redact(line) + '\n');
  }

  error(type: string, message: string, fields?: Record<string, unknown>): void {
    this.write('error', type, message, fields);
  }
  warn(type: string, message: string, fields?: Record<string, unknown>): void {
    this.write('warn', type, message, fields);
  }
  info(type: string, message: string, fields?: Record<string, unknown>): void {
    this.write('info', type, message, fields);
  }
  verbose(type: string, message: string, fields?: Record<string, unknown>): void {
    this.write('verbose', type, message, fields);
  }
  debug(type: string, message: string, fields?: Record<string, unknown>): void {
    this.write('debug', type, message, fields);
  }
}

export function verbosityOf(opts: { quiet?: boolean; verbose?: boolean; debug?: boolean }): Verbosity {
  return opts.debug ? 'debug' : opts.verbose ? 'verbose' : opts.quiet ? 'quiet' : 'normal';
}
