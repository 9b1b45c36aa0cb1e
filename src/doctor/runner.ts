/**
 * Runs the checks in runbook order. A check that cannot run because an earlier one failed is
 * reported as skipped, with why; the socket checks run only after saying they take the connection.
 */
import type { Agent } from 'node:http';
import { checkConfiguration, type DoctorConfigFlags } from './configuration.js';
import { judgeEventFlow, judgeHeartbeat, judgeOpening, judgeSingleConsumer } from './connection.js';
import { triggerAdvice } from './families.js';
import { checkNetwork } from './network.js';
import { type CheckId, type CheckResult, ORDER, skipped, type Status } from './result.js';
import { SocketProbe } from './socket-probe.js';
import { checkToken } from './token.js';

export interface DoctorInputs {
  flags: DoctorConfigFlags;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Seconds to wait for an event; undefined skips the event-flow wait. */
  waitSec?: number;
  /** False (--no-connect) skips every check that opens the socket. */
  connect: boolean;
}

export interface DoctorHooks {
  /** Each check's result, as soon as it is known (the text view prints them as they come). */
  onResult(result: CheckResult): void;
  /** Things to tell the user while doctor runs (stderr): the connection notice, what to do while waiting. */
  notice(text: string): void;
}

export interface DoctorReport {
  schemaVersion: 1;
  ok: boolean;
  exitCode: 0 | 1;
  startedAt: string;
  durationMs: number;
  summary: Record<Status, number>;
  checks: CheckResult[];
}

export const LIMITS = {
  /** Upgrade plus build_connection. */
  openMs: 10_000,
  heartbeatMs: 5_000,
  /** Without --wait, doctor keeps the socket this long to see whether another consumer takes it back. */
  holdMs: 2_000,
};

const SOCKET_CHECKS: CheckId[] = ['socket', 'heartbeat', 'event-flow', 'single-consumer'];

export async function runDoctor(inputs: DoctorInputs, hooks: DoctorHooks): Promise<DoctorReport> {
  const startedAt = Date.now();
  const checks: CheckResult[] = [];
  const emit = (r: CheckResult) => {
    checks.push(r);
    hooks.onResult(r);
  };
  // The hint goes on the first skipped check only: four identical hints would bury it.
  const skipRest = (ids: CheckId[], why: string, hint?: string) => ids.forEach((id, i) => emit(skipped(id, why, i === 0 ? hint : undefined)));

  const conf = checkConfiguration(inputs.flags, inputs.env, inputs.cwd);
  emit(conf.result);
  const { config, validUrls } = conf;

  const network = await checkNetwork({
    oauthUrl: validUrls.oauthUrl ? new URL(config.oauthUrl) : undefined,
    wsUrl: validUrls.wsUrl ? new URL(config.wsUrl) : undefined,
    env: inputs.env,
    proxyFlag: inputs.flags.proxy,
    network: conf.network,
    ca: conf.ca,
  });
  emit(network.result);

  let token: Awaited<ReturnType<typeof checkToken>>['token'];
  if (!config.clientId || !config.clientSecret) skipRest(['token'], 'needs ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET (see Configuration)');
  else if (!validUrls.oauthUrl || network.reachable.oauth === false) skipRest(['token'], 'the OAuth host cannot be reached (see Network)');
  else {
    const outcome = await checkToken(config, conf.network?.fetch);
    token = outcome.token;
    emit(outcome.result);
  }

  if (!inputs.connect) {
    skipRest(SOCKET_CHECKS, '--no-connect', 'run without --no-connect when a short interruption of a running consumer is acceptable');
  } else if (conf.result.status === 'fail') {
    skipRest(SOCKET_CHECKS, 'the configuration has errors (see Configuration)');
  } else if (!token) {
    skipRest(SOCKET_CHECKS, 'no token (see Token)');
  } else if (network.reachable.ws === false) {
    skipRest(SOCKET_CHECKS, 'the WebSocket host cannot be reached (see Network)');
  } else {
    const agent = conf.network?.agentFor(config.wsUrl);
    await connectionChecks(inputs, hooks, emit, skipRest, { subscriptionId: config.subscriptionId, wsUrl: config.wsUrl, token: token.value, scopes: token.scopes, agent });
  }

  const summary: Record<Status, number> = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const c of checks) summary[c.status]++;
  checks.sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
  return {
    schemaVersion: 1,
    ok: summary.fail === 0,
    exitCode: summary.fail === 0 ? 0 : 1,
    startedAt: new Date(startedAt).toISOString(),
    durationMs: Date.now() - startedAt,
    summary,
    checks,
  };
}

async function connectionChecks(
  inputs: DoctorInputs,
  hooks: DoctorHooks,
  emit: (r: CheckResult) => void,
  skipRest: (ids: CheckId[], why: string) => void,
  target: { subscriptionId: string; wsUrl: string; token: string; scopes: string[]; agent?: Agent },
): Promise<void> {
  hooks.notice(
    `opening the socket: doctor briefly takes subscription ${target.subscriptionId}'s one connection, so a running consumer may be disconnected (--no-connect skips this)`,
  );
  const url = new URL(target.wsUrl);
  url.searchParams.set('subscriptionId', target.subscriptionId);
  url.searchParams.set('access_token', target.token);
  const { probe, opening } = await SocketProbe.open(url, LIMITS.openMs, target.agent);
  emit(judgeOpening(opening, target.subscriptionId));
  if (!probe) return skipRest(['heartbeat', 'event-flow', 'single-consumer'], 'the socket did not open (see Subscription and socket)');

  try {
    const ack = await probe.heartbeat(LIMITS.heartbeatMs);
    emit(judgeHeartbeat(ack, probe.closed, LIMITS.heartbeatMs));
    const halfOpen = ack.rttMs === undefined && !probe.closed;

    const { action } = triggerAdvice(target.scopes);
    const waitStart = Date.now();
    if (inputs.waitSec !== undefined && !halfOpen && !probe.closed && !probe.events.length) {
      hooks.notice(`waiting up to ${inputs.waitSec} s for an event: ${action} now`);
      await probe.firstEvent(inputs.waitSec * 1000);
    }
    // Hold before judging the event flow: an event that arrives meanwhile counts even without --wait.
    await probe.holdUntil(LIMITS.holdMs);
    const arrivedAt = probe.arrivals[0];
    emit(
      judgeEventFlow({
        waitSec: inputs.waitSec,
        first: probe.events[0],
        arrivedAt,
        waitedMs: arrivedAt === undefined ? Date.now() - waitStart : Math.max(0, arrivedAt - waitStart),
        closed: probe.closed,
        halfOpen,
        action,
      }),
    );
    emit(judgeSingleConsumer(probe.closed, probe.closed?.afterOpenMs ?? probe.openForMs, target.subscriptionId, probe.events));
  } finally {
    await probe.close();
  }
}
