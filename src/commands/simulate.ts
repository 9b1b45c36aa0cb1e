/** `zoomws simulate`: the built-in Zoom as a standalone server, for trying zoomws and for tests. */
import type { IO } from '../io.js';
import { startSimulator, type SimulatorOptions } from '../simulator/server.js';
import { ExitCode, UserError } from '../exit-codes.js';

export interface SimulateOptions {
  port: number;
  host: string;
  rate: number;
  tokenTtl: number;
  fault?: string[];
  seed?: number;
}

/** `--fault name[=value]` → simulator options. */
function faults(list: string[] = []): Partial<SimulatorOptions> {
  const out: Partial<SimulatorOptions> = {};
  for (const item of list) {
    const [name, value] = item.split('=', 2) as [string, string | undefined];
    const n = value === undefined ? undefined : Number(value);
    switch (name) {
      case 'drop-every':
        out.dropEveryMs = (n ?? 30) * 1000;
        break;
      case 'half-open':
        out.halfOpen = true;
        break;
      case 'close-on-open':
        out.closeOnOpen = n ?? 1_000_000;
        break;
      case 'malformed':
        out.malformedEvery = n ?? 5;
        break;
      case 'duplicates':
        out.duplicates = true;
        break;
      case 'cut-on-expiry':
        out.cutOnExpiry = true;
        break;
      default:
        throw new UserError(`unknown fault ${JSON.stringify(name)}`, ExitCode.usage, 'known: drop-every=S, half-open, close-on-open[=N], malformed[=EVERY], duplicates, cut-on-expiry');
    }
  }
  return out;
}

export async function run(opts: SimulateOptions, io: IO, signals: NodeJS.EventEmitter = process): Promise<number> {
  const sim = await startSimulator({
    port: opts.port,
    host: opts.host,
    rate: opts.rate,
    tokenTtlSec: opts.tokenTtl,
    seed: opts.seed,
    ...faults(opts.fault),
    log: (line) => io.stderr.write(`simulator: ${line}\n`),
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') throw new UserError(`port ${opts.port} is already in use`, ExitCode.usage, 'pick another with --port, or --port 0 for any free one');
    throw err;
  });
  // Listen for Ctrl-C before announcing: a signal right after the announcement must stop us cleanly.
  const stopped = new Promise<void>((resolve) => {
    signals.once('SIGINT', resolve);
    signals.once('SIGTERM', resolve);
  });
  // stdout: the environment that points zoomws at this simulator (`eval "$(zoomws simulate)"` style).
  for (const [k, v] of Object.entries(sim.env)) io.stdout.write(`export ${k}=${v}\n`);
  io.stderr.write(
    `simulator: a simulated Zoom is listening on ${sim.origin} (${opts.rate} events/s). In another terminal, set the variables above and run \`zoomws tail\` or \`zoomws connect\`.\n` +
      `simulator: fault injection: POST ${sim.origin}/_sim/control {"action":"drop"|"half-open"|"reject-token"|"close-on-open"|"malformed"|"duplicate"|"burst",…}; state: GET ${sim.origin}/_sim/state. Ctrl-C stops.\n`,
  );
  await stopped;
  await sim.close();
  return ExitCode.ok;
}
