/**
 * Status on stderr for the human view: StatusLog's text lines painted (warnings and errors
 * yellow/red, the rest dim) and an ora spinner while connecting or reconnecting.
 */
import type { ChalkInstance } from 'chalk';
import type { Ora } from 'ora';

type Out = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** A stream for StatusLog that colours each `zoomws: …` line by its level. */
export function paintedStatus(stream: Out, chalk: ChalkInstance): NodeJS.WritableStream {
  const paint = (line: string) =>
    line.startsWith('zoomws: error: ') ? chalk.red(line) : line.startsWith('zoomws: warning: ') ? chalk.yellow(line) : chalk.dim(line);
  return {
    write: (chunk: string | Uint8Array) => stream.write(chunk.toString().replace(/[^\n]+/g, paint)),
  } as NodeJS.WritableStream;
}

/**
 * A spinner that only exists on an interactive terminal that reports its width: ora 9 hangs
 * printing when `columns` is 0, and a spinner in a pipe, a log file, a CI job (`CI` set, even on
 * a pseudo-terminal) or a `TERM=dumb` terminal is noise. The decision is made here, once, so ora
 * is told it is enabled: its own fallback would print `- text` lines instead.
 */
export class Spinner {
  private ora?: Ora;

  private constructor(private readonly make: () => Ora) {}

  static async create(stream: Out, env: NodeJS.ProcessEnv, enabled: boolean, color: boolean): Promise<Spinner | undefined> {
    if (!enabled || !stream.isTTY || !(stream.columns! > 0) || 'CI' in env || env.TERM === 'dumb') return undefined;
    const { default: ora } = await import('ora');
    // discardStdin off: ora would put stdin in raw mode and re-emit Ctrl-C itself.
    return new Spinner(() => ora({ stream, isEnabled: true, discardStdin: false, color: color ? 'cyan' : false }));
  }

  spin(text: string): void {
    this.ora ??= this.make();
    this.ora.text = text;
    if (!this.ora.isSpinning) this.ora.start();
  }

  stop(): void {
    this.ora?.stop();
  }
}
