/**
 * What `connect` and `tail` share: resolve the configuration (or start the demo simulator),
 * run a session, and end it on --max-events, --timeout, a signal, EPIPE or a fatal error.
 */
import { type ConfigFlags, resolveConfig, type ZoomConfig } from '../core/config.js';
import { compileEventGlobs } from '../core/events-glob.js';
import { createNetwork, type NetworkFlags } from '../core/proxy.js';
import type { ZoomEvent } from '../core/frames.js';
import { ZoomSession, type SessionStats } from '../core/session.js';
import { TokenClient } from '../core/token.js';
import { ExitCode } from '../exit-codes.js';
import type { IO } from '../io.js';
import type { StatusLog } from '../output/status-log.js';
import { duration } from '../output/time.js';
import type { Simulator } from '../simulator/server.js';

export interface LiveOptions extends ConfigFlags, NetworkFlags {
  events?: string;
  maxEvents?: number;
  timeout?: number;
  heartbeatInterval?: number;
  maxRetries?: number;
  demo?: boolean;
}

export type EndReason = 'max-events' | 'timeout' | 'signal' | 'epipe' | 'error';

export interface LiveHooks {
  /** An event that passed --events. */
  onEvent(event: ZoomEvent): void;
  /** Called once the session exists, before it starts: attach extra listeners here. */
  onSession?(session: ZoomSession, config: ZoomConfig): void;
  /** Where SIGINT/SIGTERM come from (tests inject an emitter). */
  signals?: NodeJS.EventEmitter;
}

export interface LiveResult {
  exitCode: number;
  reason: EndReason;
  stats: SessionStats;
  matched: number;
  /** Why the run failed, printed after the summary so it is the last line a user sees. */
  failure?: { code: string; message: string };
}

async function demoConfig(log: StatusLog): Promise<{ config: ZoomConfig; sim: Simulator }> {
  const { startSimulator } = await import('../simulator/server.js');
  const sim = await startSimulator({ rate: 2 });
  log.info('demo', `demo mode: a simulated Zoom is running at ${sim.origin} (no account needed)`, { origin: sim.origin });
  const { creds } = sim;
  return {
    sim,
    config: { ...creds, wsUrl: sim.wsUrl.split('?')[0]!, oauthUrl: sim.oauthUrl },
  };
}

export async function runLive(opts: LiveOptions, io: IO, log: StatusLog, hooks: LiveHooks): Promise<LiveResult> {
  const network = createNetwork(opts, io.env, (m) => log.warn('config', m));
  let config: ZoomConfig;
  let sim: Simulator | undefined;
  if (opts.demo) ({ config, sim } = await demoConfig(log));
  else {
    const resolved = resolveConfig(opts, io.env, io.cwd);
    resolved.warnings.forEach((w) => log.warn('config', w));
    config = resolved.config;
  }
  const matches = compileEventGlobs(opts.events ?? '');
  const session = new ZoomSession({
    subscriptionId: config.subscriptionId,
    wsUrl: config.wsUrl,
    tokens: new TokenClient(config, { fetch: network.fetch }),
    agent: network.agentFor(config.wsUrl),
    heartbeatIntervalMs: (opts.heartbeatInterval ?? 30) * 1000,
    maxRetries: opts.maxRetries,
  });
  hooks.onSession?.(session, config);

  let matched = 0;
  let reason: EndReason | undefined;
  const end = (why: EndReason) => {
    reason ??= why;
    void session.stop();
  };

  session.on('event', (event) => {
    // After a signal or timeout, events still in flight while the socket closes are written: Zoom will not
    // send them again. Only --max-events (exactly N) and a gone reader stop the output.
    if (reason === 'max-events' || reason === 'epipe' || !matches(event.name)) return;
    hooks.onEvent(event);
    if (++matched === opts.maxEvents) end('max-events');
  });

  const onSignal = () => end('signal');
  const signals = hooks.signals ?? process;
  signals.on('SIGINT', onSignal);
  signals.on('SIGTERM', onSignal);
  const onStdoutError = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') end('epipe');
    else throw err;
  };
  io.stdout.on('error', onStdoutError);
  const timer = opts.timeout === undefined ? undefined : setTimeout(() => end('timeout'), opts.timeout * 1000);

  const { error } = await session.start().done;
  clearTimeout(timer);
  signals.off('SIGINT', onSignal);
  signals.off('SIGTERM', onSignal);
  await sim?.close();

  if (error) {
    const failure = { code: 'fatal', message: `${error.message}${error.hint ? ` (${error.hint})` : ''}` };
    return { exitCode: error.exitCode, reason: 'error', stats: session.stats, matched, failure };
  }
  const why = reason ?? 'signal';
  if (why === 'timeout' && opts.maxEvents !== undefined) {
    const failure = { code: 'timeout', message: `timed out after ${opts.timeout} s with ${matched} of ${opts.maxEvents} events` };
    return { exitCode: ExitCode.timeout, reason: why, stats: session.stats, matched, failure };
  }
  return { exitCode: ExitCode.ok, reason: why, stats: session.stats, matched };
}

/** The end of a run: the summary (unless stdout's reader is gone), then the failure, so the cause is the last line. */
export function finish(result: LiveResult, log: StatusLog, summary: () => void): number {
  if (result.reason !== 'epipe') summary();
  if (result.failure) log.error(result.failure.code, result.failure.message, { exitCode: result.exitCode });
  return result.exitCode;
}

/** The exit summary: what was received, and every way something could have been missed. */
export function summarize(result: LiveResult, log: StatusLog, now = Date.now()): void {
  const { stats } = result;
  const gapMs = stats.gaps.reduce((sum, g) => sum + g.durationMs, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [
    plural(result.matched, 'event'),
    plural(stats.reconnects, 'reconnect'),
    `${plural(stats.gaps.length, 'gap')}${stats.gaps.length ? ` (${duration(gapMs)} without a connection)` : ''}`,
    plural(stats.duplicates, 'duplicate') + ' dropped',
    plural(stats.skippedFrames, 'unreadable frame') + ' skipped',
  ];
  log.info('summary', `${parts.join(', ')} in ${duration(now - stats.startedAt)}`, {
    events: result.matched,
    received: stats.events,
    reconnects: stats.reconnects,
    gaps: stats.gaps.length,
    gapMs,
    duplicates: stats.duplicates,
    skippedFrames: stats.skippedFrames,
    durationMs: now - stats.startedAt,
  });
}
