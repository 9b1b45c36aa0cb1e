/**
 * The command-line surface: parses argv into typed options and hands them to each command's `run`.
 * Command modules are imported lazily so `zoomws --help` stays fast.
 */
import { createRequire } from 'node:module';
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
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
    .option('--env-file <path>', 'read configuration from this file instead of ./.env')
    .option('--proxy <url>', 'HTTPS proxy for the token request and the socket, credentials in the URL (env HTTPS_PROXY)')
    .option('--ca-file <path>', 'extra CA certificates (PEM), e.g. for a TLS-intercepting proxy (env NODE_EXTRA_CA_CERTS)');
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

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Forwarding to local webhook handlers (connect and tail). The secret token is read from env or a file, never argv. */
function addForwardOptions(cmd: Command): Command {
  return cmd
    .option('--forward-to <[glob=]url>', "POST each event to a webhook handler, signed like Zoom; repeatable; 'recording.*=URL' routes by event", collect)
    .option('--forward-concurrency <n>', 'deliveries in flight per target', positiveNumber, 1)
    .option('--forward-timeout <seconds>', 'per-delivery timeout (Zoom: 3 s)', positiveNumber, 3)
    .option('--forward-retries <n>', 'retries per delivery on refused connections, 5xx and timeouts', wholeNumber, 3)
    .option('--dead-letter <file>', 'append deliveries that still fail (NDJSON, with the last error)')
    .option('--secret-token-file <file>', 'webhook secret token for x-zm-signature (default: env ZOOM_WEBHOOK_SECRET_TOKEN)');
}

/** The installed package's version (npm_package_version is only set under `npm run`, and may be another package's). */
function packageVersion(): string {
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}

export function buildProgram(): Command {
  const program = new Command('zoomws')
    .description("Stream and inspect Zoom events over Zoom's WebSocket event subscription")
    .version(packageVersion())
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
      // A usage error is one line: what is wrong, and where to look.
      outputError: (s) => process.stderr.write(`zoomws: ${s.trim().replace(/^error: /, '')} (see zoomws --help)\n`),
    });


  addForwardOptions(addStreamOptions(program.command('connect')))
    .description('print the raw event stream: one Zoom event per line (NDJSON) on stdout')
    .option('--output <file>', 'also append NDJSON to this file (created mode 0600)')
    .option('--raw', 'print the wire frames verbatim instead of decoded events (debugging)')
    .action(async (opts) => {
      const { run } = await import('./commands/connect.js');
      process.exitCode = await run(opts, processIO());
    });

  addForwardOptions(addStreamOptions(program.command('tail')))
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

  // Listed for --help only: main() hands `filter` its arguments before commander sees them (jq's grammar).
  program
    .command('filter')
    .description('jq-compatible filtering of NDJSON (jq 1.8 via jq-wasm); see zoomws filter --help')
    .argument('[program-and-files...]');

  addConfigOptions(program.command('doctor'))
    .description('diagnose why events do not arrive: configuration, network, token, socket, heartbeat, event flow')
    .option('--wait <seconds>', 'wait this long for one event (start or end a test meeting meanwhile)', positiveNumber)
    .option('--no-connect', 'skip the checks that open the socket (they briefly take the subscription from a running consumer)')
    .option('--json', 'print the results as one JSON document (docs/doctor.md has the schema)')
    .option('--debug', 'show stack traces of unexpected errors')
    .action(async (opts) => {
      const { run } = await import('./commands/doctor.js');
      process.exitCode = await run(opts, processIO());
    });

  program
    .command('forward')
    .description('replay recorded NDJSON (or a dead-letter file) into a webhook handler, signed like Zoom')
    .requiredOption('--file <path>', "NDJSON to replay ('-' reads stdin)")
    .requiredOption('--to <url>', 'the webhook handler URL')
    .option('--rate <events-per-sec>', 'pace the replay (default: as fast as the handler answers)', positiveNumber)
    .option('--forward-timeout <seconds>', 'per-delivery timeout', positiveNumber, 3)
    .option('--forward-retries <n>', 'retries per delivery', wholeNumber, 3)
    .option('--dead-letter <file>', 'append deliveries that still fail (NDJSON, with the last error)')
    .option('--secret-token-file <file>', 'webhook secret token for x-zm-signature (default: env ZOOM_WEBHOOK_SECRET_TOKEN)')
    .option('--quiet', 'only errors on stderr')
    .option('--debug', 'show stack traces of unexpected errors')
    .action(async (opts) => {
      const { run } = await import('./commands/forward.js');
      process.exitCode = await run(opts, processIO());
    });

  program
    .command('trigger')
    .description('send one realistic sample event to a webhook handler or into a running simulator')
    .argument('[event-type]', 'e.g. meeting.started (see --list)')
    .option('--list', 'list the event types trigger knows')
    .option('--set <path=value>', 'override a field, e.g. payload.object.topic=Standup; repeatable', collect)
    .option('--to <url>', 'POST it to this webhook handler, signed like Zoom')
    .option('--simulator <url>', 'emit it from a running `zoomws simulate` (e.g. http://127.0.0.1:9880)')
    .option('--secret-token-file <file>', 'webhook secret token for x-zm-signature (default: env ZOOM_WEBHOOK_SECRET_TOKEN)')
    .option('--debug', 'show stack traces of unexpected errors')
    .action(async (type: string | undefined, opts) => {
      const { run } = await import('./commands/trigger.js');
      process.exitCode = await run({ ...opts, type }, processIO());
    });

  program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish)')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']))
    .action(async (shell: 'bash' | 'zsh' | 'fish') => {
      const { run } = await import('./commands/completion.js');
      process.exitCode = await run({ shell, program: buildProgram() }, processIO());
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
  // `zoomws doctor | head -1`: a reader that goes away is not an error. Streaming commands also
  // watch for EPIPE to stop early; everything else just finishes quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
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
