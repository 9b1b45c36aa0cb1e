/**
 * The simulator interleaves malformed frames (its `malformed` control action) with events in a seeded order;
 * `connect` must print exactly the events, count every unreadable frame, and stay connected.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/simulator/catalog.js';
import { type Simulator, startSimulator } from '../../src/simulator/server.js';
import { cleanEnv, runCli } from '../helpers/cli.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('connect with malformed frames', () => {
  for (const seed of [21, 22]) {
    it(`seed ${seed}: prints every event, skips and counts every malformed frame, never reconnects`, async () => {
      const random = createRandom(seed);
      sim = await startSimulator({ rate: 0, seed });
      const steps = Array.from({ length: 30 }, (_, i) => (i % 2 ? { events: 1 + Math.floor(random() * 20) } : { malformed: 1 + Math.floor(random() * 12) }));
      steps.push({ events: 3 }); // the run ends on an event, after every malformed frame
      const events = steps.reduce((n, s) => n + (s.events ?? 0), 0);
      const malformed = steps.reduce((n, s) => n + (s.malformed ?? 0), 0);

      const run = runCli(['connect', '--max-events', String(events)], { env: cleanEnv(sim.env) });
      await run.waitFor('stderr', /connected; waiting for events/);
      for (const s of steps) await sim.control(s.events ? { action: 'burst', count: s.events } : { action: 'malformed', count: s.malformed! });
      const { code } = await Promise.race([run.exit, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`hung:\n${run.stderr()}`)), 20_000))]);

      expect(code).toBe(0);
      expect(run.stdoutLines()).toEqual(sim.sent.map((e) => e.json));
      expect(run.stdoutLines()).toHaveLength(events);
      expect(run.stderrLines().at(-1)).toMatch(new RegExp(`^zoomws: ${events} events, 0 reconnects, 0 gaps, 0 duplicates dropped, ${malformed} unreadable frames skipped in `));
    });
  }
});
