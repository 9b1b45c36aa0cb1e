/**
 * Sleep/wake: when the wall clock jumps (laptop lid, suspended VM), the session checks the socket at
 * once with a heartbeat instead of waiting out the watchdog (~65 s at the default 30 s interval).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Disconnect, ZoomSession } from '../../src/core/session.js';
import { TokenClient } from '../../src/core/token.js';
import { type Simulator, startSimulator } from '../../src/simulator/server.js';

let sim: Simulator | undefined;
let session: ZoomSession | undefined;
afterEach(async () => {
  await session?.stop();
  await sim?.close();
});

async function openSession(clock: { offset: number }) {
  sim = await startSimulator({ rate: 0 });
  const now = () => Date.now() + clock.offset;
  session = new ZoomSession({
    subscriptionId: sim.creds.subscriptionId,
    wsUrl: sim.wsUrl.split('?')[0]!,
    tokens: new TokenClient({ ...sim.creds, oauthUrl: sim.oauthUrl }),
    heartbeatIntervalMs: 30_000,
    now,
  });
  const warnings: string[] = [];
  const disconnects: Disconnect[] = [];
  session.on('warning', (w) => warnings.push(w));
  session.on('disconnect', (d) => disconnects.push(d));
  const opened = new Promise<void>((resolve) => session!.on('state', (s) => s === 'open' && resolve()));
  session.start();
  await opened;
  return { warnings, disconnects };
}

const until = async (test: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('session after a system sleep', () => {
  it('declares a socket that died during the sleep dead within seconds of waking', async () => {
    const clock = { offset: 0 };
    const { warnings, disconnects } = await openSession(clock);
    await sim!.control({ action: 'half-open', on: true });
    const wokeAt = Date.now();
    clock.offset += 120_000;
    await until(() => disconnects.length > 0, 10_000);
    expect(Date.now() - wokeAt).toBeLessThan(8_000);
    expect(warnings[0]).toMatch(/^the clock jumped 12\d s \(system sleep\?\); checking the connection$/);
    expect(disconnects[0]).toMatchObject({ kind: 'dead', cause: 'no answer to a heartbeat after the system woke' });
    expect(sim!.connectionLog[0]!.heartbeatsAt.length).toBe(1);
  });

  it('keeps a socket that answers the wake-up heartbeat', async () => {
    const clock = { offset: 0 };
    const { warnings, disconnects } = await openSession(clock);
    clock.offset += 120_000;
    await until(() => warnings.length > 0, 5_000);
    await new Promise((r) => setTimeout(r, 6_500));
    expect(sim!.connectionLog[0]!.heartbeatsAt.length).toBe(1);
    expect(disconnects).toEqual([]);
    expect(sim!.stats.connections).toBe(1);
  });
});
