/**
 * `zoomws tail` live end to end: the built CLI against the simulator over real sockets. The view
 * itself is golden-tested in test/view; here the lines must be exactly that view of what was sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/server.js';
import { makeChalk } from '../../src/view/color.js';
import { colorJson } from '../../src/view/json.js';
import { renderEvent } from '../../src/view/render.js';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { tags } from '../view/helpers.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const view = (json: string, level: 0 | 1 = 0) => renderEvent(JSON.parse(json), { chalk: makeChalk(level), timeZone: 'UTC' });

describe('tail live', () => {
  it('shows each event as its line, status inline, and a summary by type on exit', async () => {
    sim = await startSimulator({ rate: 40, seed: 11 });
    const run = runCli(['tail', '--max-events', '6'], { env: cleanEnv({ ...sim.env, TZ: 'UTC' }) });
    expect((await run.exit).code).toBe(0);
    const sent = sim.sent.slice(0, 6).map((e) => e.json);
    expect(run.stdoutLines()).toEqual(sent.map((j) => view(j)));
    const err = run.stderrLines();
    expect(err[0]).toBe(`zoomws: connecting to 127.0.0.1:${sim.port} (subscription ${sim.creds.subscriptionId})`);
    expect(err[1]).toBe('zoomws: connected; waiting for events');
    expect(err[2]).toMatch(/^zoomws: 6 events in \S+, 0 reconnects, 0 gaps$/);
    const counts = new Map<string, number>();
    for (const j of sent) counts.set(JSON.parse(j).event, (counts.get(JSON.parse(j).event) ?? 0) + 1);
    expect(err.slice(3).map((l) => l.trim().split(/\s+/).reverse().join(' ')).sort()).toEqual([...counts].map(([n, c]) => `${n} ${c}`).sort());
  });

  it('reports a drop, the gap and the reconnect inline, coloured, and counts them in the summary', async () => {
    sim = await startSimulator({ rate: 20, seed: 3 });
    const run = runCli(['tail', '--color', 'always', '--json'], { env: cleanEnv({ ...sim.env, TZ: 'UTC' }) });
    await run.waitFor('stdout', (t) => (t.match(/^\S/gm) ?? []).length >= 2);
    await sim.control({ action: 'drop' });
    await run.waitFor('stderr', /reconnected/);
    const before = sim.sent.length;
    await run.waitFor('stdout', () => sim!.sent.length >= before + 2);
    run.proc.kill('SIGINT');
    expect((await run.exit).code).toBe(0);

    const err = run.stderrLines().map(tags);
    expect(err).toContainEqual(expect.stringMatching(/^\{33\}zoomws: warning: disconnected at .*; reconnecting\{39\}$/));
    expect(err).toContainEqual(expect.stringMatching(/^\{33\}zoomws: warning: gap: no connection from .* Zoom does not replay events sent then .*\{39\}$/));
    expect(err).toContainEqual('{2}zoomws: reconnected{22}');
    expect(err).toContainEqual(expect.stringMatching(/^zoomws: \d+ events in \S+, 1 reconnect, \{33\}1 gap \(\S+ without a connection\)\{39\}$/));

    // Each event: its coloured line, then its JSON indented under it.
    const out = run.stdout();
    const block = (json: string) => `${view(json, 1)}\n${colorJson(json, makeChalk(1)).replace(/^/gm, '  ')}\n`;
    expect(out.startsWith(block(sim.sent[0]!.json) + block(sim.sent[1]!.json))).toBe(true);
    expect(out).toMatch(/^ {2}\{$/m);
  });

  it('runs against the built-in simulator with --demo and no account', async () => {
    const run = runCli(['tail', '--demo', '--max-events', '2', '--format', '{event}|{payload.account_id}'], { env: cleanEnv({ TZ: 'UTC' }) });
    expect((await run.exit).code).toBe(0);
    const lines = run.stdoutLines();
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^[a-z_]+(\.[a-z_]+)*\|zoomws-demo-account$/);
    expect(run.stderrLines()[0]).toMatch(/^zoomws: demo mode: a simulated Zoom is running at http:\/\/127\.0\.0\.1:\d+/);
  });

  it('exits 6 on --timeout before --max-events, the cause after the summary', async () => {
    sim = await startSimulator({ rate: 0 });
    const run = runCli(['tail', '--timeout', '0.5', '--max-events', '1'], { env: cleanEnv(sim.env) });
    expect((await run.exit).code).toBe(6);
    expect(run.stdout()).toBe('');
    const err = run.stderrLines();
    expect(err.at(-1)).toMatch(/^zoomws: error: timed out after 0.5 s with 0 of 1 events$/);
    expect(err).toContainEqual(expect.stringMatching(/^zoomws: 0 events in \S+, 0 reconnects, 0 gaps$/));
  });
});
