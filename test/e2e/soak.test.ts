/**
 * A short soak (the full 1,000,000-event run with memory is `npm run bench`): a burst as fast as the
 * simulator sends, through the real CLI, with none lost, none duplicated and the order kept.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/server.js';
import { cleanEnv, runCli } from '../helpers/cli.js';

let sim: Simulator | undefined;
afterEach(() => sim?.close());

describe('soak', () => {
  it('passes 50,000 burst events through connect exactly, in order', async () => {
    const events = 50_000;
    const sent = createHash('sha1');
    let count = 0;
    sim = await startSimulator({ rate: 0, seed: 21, keepSent: false, onSent: (json) => (sent.update(json + '\n'), count++) });
    const run = runCli(['connect', '--max-events', String(events)], { env: cleanEnv(sim.env) });
    await run.waitFor('stderr', /connected/);
    await sim.control({ action: 'burst', count: events });
    expect((await run.exit).code).toBe(0);
    expect(count).toBe(events);
    expect(run.stdoutLines()).toHaveLength(events);
    expect(createHash('sha1').update(run.stdout()).digest('hex')).toBe(sent.digest('hex'));
    expect(run.stderr()).toMatch(/50,?000 events, 0 reconnects, 0 gaps, 0 duplicates dropped/);
  }, 60_000);
});
