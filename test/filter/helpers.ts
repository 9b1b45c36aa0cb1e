import { PassThrough, Writable } from 'node:stream';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { main } from '../../src/commands/filter.js';
import { cleanEnv } from '../helpers/cli.js';
import type { IO } from '../../src/io.js';

export interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

class Sink extends Writable {
  text = '';
  isTTY?: boolean;
  _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

/** Runs `zoomws filter` in-process with fake streams. */
export async function filter(args: string[], stdin = '', opts: { env?: NodeJS.ProcessEnv; tty?: boolean; cwd?: string } = {}): Promise<Run> {
  const input = new PassThrough();
  input.end(stdin);
  const stdout = new Sink();
  const stderr = new Sink();
  if (opts.tty) stdout.isTTY = true;
  const io: IO = { stdin: input, stdout, stderr, env: opts.env ?? {}, cwd: opts.cwd ?? process.cwd() };
  const code = await main(args, io);
  return { stdout: stdout.text, stderr: stderr.text, code };
}

/** Runs `zoomws filter` in-process with stdout and stderr written into one text, as `2>&1` does. */
export async function filterMerged(args: string[], stdin = ''): Promise<{ merged: string; code: number }> {
  const input = new PassThrough();
  input.end(stdin);
  const both = new Sink();
  const io: IO = { stdin: input, stdout: both, stderr: both, env: {}, cwd: process.cwd() };
  const code = await main(args, io);
  return { merged: both.text, code };
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built CLI: `node bin/zoomws.js filter` once cli.ts dispatches it, else test/filter/run-cli.mjs. */
export function cliCommand(): string[] {
  const cli = join(root, 'dist', 'cli.js');
  if (existsSync(cli) && readFileSync(cli, 'utf8').includes('commands/filter.js')) return [join(root, 'bin', 'zoomws.js'), 'filter'];
  return [join(root, 'test', 'filter', 'run-cli.mjs')];
}

export function spawnFilter(args: string[], stdin: 'pipe' | 'ignore' = 'pipe') {
  return spawn(process.execPath, [...cliCommand(), ...args], { env: cleanEnv(), stdio: [stdin, 'pipe', 'pipe'] });
}
