/**
 * `zoomws filter [options] <jq program> [file...]`, dispatched by cli.ts before commander because
 * jq's argv grammar (`--arg name value`, `--args`, programs starting with `-`) does not fit it.
 * Returns jq's exit code; never calls process.exit.
 */
import type { IO } from '../io.js';
import { UserError } from '../exit-codes.js';
import { redact } from '../core/redact.js';
import { FILTER_HELP, parseFilterArgs } from '../filter/options.js';

export async function main(args: string[], io: IO): Promise<number> {
  let opts;
  try {
    opts = parseFilterArgs(args);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    io.stderr.write(`zoomws filter: ${err.message}${err.hint ? ` (${err.hint})` : ''}\n`);
    return err.exitCode;
  }
  if (opts.help) {
    io.stdout.write(FILTER_HELP);
    return 0;
  }
  if (opts.version) {
    io.stdout.write('jq-1.8.2 (jq-wasm 3.0.0)\n');
    return 0;
  }
  try {
    const { runFilter } = await import('../filter/run.js');
    return await runFilter(opts, io);
  } catch (err) {
    // A bug, not a user error: one line, exit 2 like jq's system errors.
    io.stderr.write(redact(`zoomws filter: internal error: ${(err as Error)?.message ?? String(err)}`) + '\n');
    return 2;
  }
}
