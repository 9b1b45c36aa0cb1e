/**
 * The command-line surface: parses argv into typed options and hands them to each command's `run`.
 * Command modules are imported lazily so `zoomws --help` stays fast.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ExitCode, UserError } from './exit-codes.js';
import { processIO } from './io.js';
import { redact } from './core/redact.js';

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number greater than 0');
  return n;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

/** Options every command that reaches Zoom shares. The client secret is deliberately not a flag (argv shows in `ps`). */
function addConfigOptions(cmd: Command): Command {
  return cmd
    .option('--account-id <id>', 'Server-to-Server OAuth account ID (env ZOOM_ACCOUNT_ID)')
    .option('--client-id <id>', 'OAuth client ID (env ZOOM_CLIENT_ID)')
    .option('--subscription-id <id>', 'event subscription ID (env ZOOM_SUBSCRIPTION_ID)')
    .option('--ws-url <url>', 'WebSocket endpoint, may carry ?subscriptionId= (env ZOOM_WS_URL)')
    .option('--oauth-url <url>', 'OAuth token URL (env ZOOM_OAUTH_URL)')
    .option('--env-file <path>', 'read configuration from this file instead of ./.env');
}

/** Options of the commands that hold a live stream (connect, tail). */
function addStreamOptions(cmd: Command): Command {
  return addConfigOptions(cmd)
    .option('--events <globs>', "only these events, comma-separated globs (e.g. 'meeting.*,recording.completed')")
    .option('--max-events <n>', 'exit 0 after N events', wholeNumber)
    .option('--timeout <seconds>', 'exit after this many seconds (exit 6 if --max-events was not reached)', positiveNumber)
    .option('--heartbeat-interval <seconds>', 'seconds between heartbeats', positiveNumber, 30)
    .option('--max-retries <n>', 'give up after N failed reconnects in a row (default: forever once connected)', wholeNumber)
    .option('--demo', 'start the built-in Zoom simulator and connect to it (no account needed)')
    .option('--quiet', 'only errors on stderr')
    .option('--verbose', 'more status on stderr (heartbeats, token refreshes)')
    .option('--debug', 'everything, including frames (secrets redacted) and stack traces')
    .addOption(new Option('--log-format <format>', 'status lines on stderr as text or JSON objects').choices(['text', 'json']).default('text'));
}

export function buildProgram(): Command {
  const program = new Command('zoomws')
    .description("Stream and inspect Zoom events over Zoom's WebSocket event subscription")
    .version(process.env.npm_package_version ?? '0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });

  addStreamOptions(program.command('connect'))
    .description('print the raw event stream: one Zoom event per line (NDJSON) on stdout')
    .option('--output <file>', 'also append NDJSON to this file (created mode 0600)')
    .option('--raw', 'print the wire frames verbatim instead of decoded events (debugging)')
    .action(async (opts) => {
      const { run } = await import('./commands/connect.js');
      process.exitCode = await run(opts, processIO());
    });

  addStreamOptions(program.command('tail'))
    .description('watch events live: one readable, coloured line per event (or replay a recording with --file)')
    .argument('[file]', "replay this NDJSON recording instead of connecting ('-' reads stdin)")
    .option('--file <path>', "replay recorded NDJSON (what connect wrote) instead of connecting; '-' reads stdin")
    .option('--follow', 'with --file: keep reading as the file grows')
    .option('--format <template>', "your own line, e.g. '{event_ts} {event} {payload.object.topic}'")
    .option('--json', "show each event's full JSON under its line")
    .addOption(new Option('--color <when>', 'colour the output').choices(['auto', 'always', 'never']).default('auto'))
    .action(async (file: string | undefined, opts) => {
      const { run } = await import('./commands/tail.js');
      process.exitCode = await run({ ...opts, file: opts.file ?? file }, processIO());
    });

  program
    .command('simulate')
    .description('run a local fake Zoom (token endpoint + WebSocket) that emits realistic events')
    .option('--port <n>', 'port to listen on (0 picks a free one)', wholeNumber, 9880)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--rate <events-per-sec>', 'events per second', positiveNumber, 2)
    .option('--token-ttl <seconds>', 'lifetime of minted tokens', positiveNumber, 3600)
    .option('--fault <name...>', 'start with faults: drop-every=S, half-open, reject-token, close-on-open, malformed, duplicates')
    .option('--seed <n>', 'random seed for reproducible streams', wholeNumber)
    .action(async (opts) => {
      const { run } = await import('./commands/simulate.js');
      process.exitCode = await run(opts, processIO());
    });

  return program;
}

/** Print a user error as one line; anything else is a bug (exit 1), with the stack only under --debug. */
function report(err: unknown, debug: boolean): number {
  if (err instanceof UserError) {
    process.stderr.write(redact(`zoomws: ${err.message}${err.hint ? ` (${err.hint})` : ''}`) + '\n');
    if (debug && err.stack) process.stderr.write(redact(err.stack) + '\n');
    return err.exitCode;
  }
  const e = err as Error;
  process.stderr.write(redact(`zoomws: internal error: ${e?.message ?? String(err)}${debug ? '' : ' (run with --debug for details)'}`) + '\n');
  if (debug && e?.stack) process.stderr.write(redact(e.stack) + '\n');
  return ExitCode.internal;
}

export async function main(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug');
  try {
    // jq's argument grammar (`--arg name value`, `--args`, programs starting with `-`) is not
    // commander's: `filter` parses its own arguments, like jq.
    if (argv[0] === 'filter') {
      const { main: filter } = await import('./commands/filter.js');
      process.exitCode = await filter(argv.slice(1), processIO());
      return;
    }
    await buildProgram().parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are successes; every other parse error is a usage error (exit 2).
      process.exitCode = err.exitCode === 0 ? 0 : ExitCode.usage;
      return;
    }
    process.exitCode = report(err, debug);
  }
}
