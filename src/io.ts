import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { ExitCode, UserError } from './exit-codes.js';
/** The streams a command talks to, injected so commands can be run without a terminal. */
export interface IO {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIO(): IO {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** A named input: '-' is stdin, anything else a file opened now, so a bad path is one clear error (exit 2). */
export async function openInput(file: string, io: IO): Promise<NodeJS.ReadableStream> {
  if (file === '-') return io.stdin;
  const stream = createReadStream(resolve(io.cwd, file));
  try {
    await once(stream, 'open');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new UserError(`cannot read ${file}: ${why}`, ExitCode.usage);
  }
  return stream;
}
