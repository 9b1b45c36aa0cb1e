// Shared by the benchmarks: paths, child processes that count stdout lines, and statistics.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(root, 'bin', 'zoomws.js');

export function requireBuild() {
  if (!existsSync(join(root, 'dist', 'cli.js'))) {
    console.error('build first: npm run build');
    process.exit(2);
  }
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
export const fmt = (n, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * A child process whose stdout lines are counted as they arrive (with their arrival times when
 * `times` is given), and whose stderr can be waited on.
 */
export function child(args, env, { times } = {}) {
  const proc = spawn(process.execPath, args, { env: { PATH: process.env.PATH, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const state = { lines: 0, err: '', proc, waiters: [] };
  proc.stdout.on('data', (chunk) => {
    const now = performance.now();
    let n = 0;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
    if (times) for (let i = 0; i < n; i++) times.push(now);
    state.lines += n;
    state.waiters = state.waiters.filter((w) => !w());
  });
  proc.stderr.setEncoding('utf8').on('data', (d) => {
    state.err += d;
    state.waiters = state.waiters.filter((w) => !w());
  });
  state.until = (test, ms = 60_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${state.lines} lines; stderr:\n${state.err}`)), ms);
      const w = () => test(state) && (clearTimeout(timer), resolve(), true);
      if (!w()) state.waiters.push(w);
    });
  state.stop = () => new Promise((resolve) => (proc.exitCode !== null ? resolve() : (proc.once('close', resolve), proc.kill('SIGTERM'))));
  return state;
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}
