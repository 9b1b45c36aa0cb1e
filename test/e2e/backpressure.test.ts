/**
 * A slow consumer (`connect | slow-reader`): zoomws stops reading the socket instead of buffering
 * without bound, keeps its heartbeats going, says so, and loses nothing once the reader catches up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { type Simulator, startSimulator } from '../../src/simulator/server.js';
import { cleanEnv, runCli } from '../helpers/cli.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

describe('slow consumer', () => {
  it.each(['connect', 'tail'])('%s pauses the socket while stdout is backed up, keeps heartbeats going, and loses nothing', async (command) => {
    sim = await startSimulator({ rate: 0, seed: 11 });
    const run = runCli([command, '--heartbeat-interval', '0.5'], { env: cleanEnv(sim.env) });
    await run.waitFor('stderr', /connected/);
    // Stop reading zoomws's stdout: the pipe fills, then zoomws must stop reading Zoom.
    run.proc.stdout!.pause();
    const events = 30_000; // ~25 MB of JSON: far more than a pipe and zoomws's buffers hold
    void sim.control({ action: 'burst', count: events });
    const pausedAt = Date.now();
    await run.waitFor('stderr', /warning: stdout has not been read for [^:]+: reading from Zoom is paused \(heartbeats continue\)/, 10_000);
    await new Promise((r) => setTimeout(r, 2000));
    // Heartbeats kept going while nothing was read, and the socket was never replaced.
    const beats = sim.connectionLog[0]!.heartbeatsAt.filter((t) => t > pausedAt);
    expect(beats.length).toBeGreaterThanOrEqual(4);
    expect(sim.stats.connections).toBe(1);
    // The backlog waits in the socket, not in zoomws's memory.
    expect(rssMb(run.proc.pid!)).toBeLessThan(150);
    expect(sim.sent.length).toBeLessThan(events);

    run.proc.stdout!.resume();
    await run.waitFor('stderr', /stdout caught up after [^;]+; reading from Zoom again/, 20_000);
    await run.waitFor('stdout', (t) => t.length > 0 && t.split('\n').length > events, 30_000);
    run.proc.kill('SIGTERM');
    expect((await run.exit).code).toBe(0);
    if (command === 'connect') expect(run.stdoutLines()).toEqual(sim.sent.map((e) => e.json));
    // tail: one rendered line per event, each naming its event type, in order.
    else expect(run.stdoutLines().map((l) => l.split(/ +/)[1])).toEqual(sim.sent.map((e) => (JSON.parse(e.json) as { event: string }).event));
    expect(run.stderr()).toMatch(/30,?000 events(, | in \S+, )0 reconnects, 0 gaps/);
  }, 60_000);
});
