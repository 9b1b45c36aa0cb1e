/** Input sources (stdin or the named files, in order) and the host-side reads jq-wasm cannot do. */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

export interface Source {
  label: string; // how jq names it in messages: `<stdin>` or the path as given
  open(): Promise<NodeJS.ReadableStream>;
}

export function sources(files: string[], stdin: NodeJS.ReadableStream, cwd: string): Source[] {
  if (files.length === 0) return [{ label: '<stdin>', open: async () => stdin }];
  return files.map((file) => ({
    label: file,
    open: () =>
      new Promise<NodeJS.ReadableStream>((ok, fail) => {
        const stream = createReadStream(resolve(cwd, file), { highWaterMark: 1 << 20 });
        stream.once('open', () => ok(stream));
        stream.once('error', fail);
      }),
  }));
}

/** jq's wording for a file it cannot read, e.g. `Could not open x.json: No such file or directory`. */
export function openError(file: string, err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const reason =
    e.code === 'ENOENT' ? 'No such file or directory' : e.code === 'EACCES' ? 'Permission denied' : e.code === 'EISDIR' ? 'Is a directory' : e.message;
  return `Could not open ${file}: ${reason}`;
}

export async function readText(file: string, cwd: string): Promise<string> {
  return readFile(resolve(cwd, file), 'utf8');
}
