/** Runs the built CLI as a child process and lets a test wait for lines on its streams. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/zoomws.js', import.meta.url));
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Run {
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  stdoutLines: () => string[];
  stderrLines: () => string[];
  /** Resolves when the stream's text matches; rejects after `ms` with what was seen. */
  waitFor: (stream: 'stdout' | 'stderr', match: RegExp | ((text: string) => boolean), ms?: number) => Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

/** A clean environment: nothing from the developer's shell (ZOOM_*, colours) leaks into a test. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const { PATH, HOME, TMPDIR, LANG } = process.env;
  return { PATH, HOME, TMPDIR, LANG, NO_COLOR: '1', ...extra };
}

/** CLIs still running: a test that fails mid-way must not leave one reconnecting for ever (test/setup.ts). */
const running = new Set<Run>();

export async function killLeftovers(): Promise<void> {
  await Promise.all(
    [...running].map((run) => {
      run.proc.kill('SIGKILL');
      return run.exit;
    }),
  );
}

export function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}): Run {
  const run = startCli(args, opts);
  running.add(run);
  void run.exit.then(() => running.delete(run));
  return run;
}

function startCli(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string }): Run {
  const started = Date.now();
  const proc = spawn(process.execPath, [BIN, ...args], { env: opts.env ?? cleanEnv(), cwd: opts.cwd ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const poke = () => waiters.forEach((w) => w());
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => ((out += d), poke()));
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => ((err += d), poke()));
  if (opts.input !== undefined) proc.stdin!.end(opts.input);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) =>
    proc.on('close', (code, signal) => {
      poke();
      resolve({ code, signal, ms: Date.now() - started });
    }),
  );
  const lines = (s: string) => s.split('\n').filter((l) => l !== '');
  return {
    proc,
    stdout: () => out,
    stderr: () => err,
    stdoutLines: () => lines(out),
    stderrLines: () => lines(err),
    exit,
    waitFor(stream, match, ms = 10_000) {
      const test = typeof match === 'function' ? match : (t: string) => match.test(t);
      const text = () => (stream === 'stdout' ? out : err);
      return new Promise((resolve, reject) => {
        const check = () => {
          if (test(text())) {
            cleanup();
            resolve();
          } else if (proc.exitCode !== null) {
            cleanup();
            reject(new Error(`process exited (${proc.exitCode}) before ${stream} matched ${match}\nstdout:\n${out}\nstderr:\n${err}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out after ${ms} ms waiting for ${stream} to match ${match}\nstdout:\n${out}\nstderr:\n${err}`));
        }, ms);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}
