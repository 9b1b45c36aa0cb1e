// Soak: N events (default 1,000,000) through `zoomws connect` at the simulator's maximum rate, with a
// sequence check (none lost, none duplicated, same order: a running hash of what was sent against
// one of what arrived on stdout) and the client's RSS sampled from /proc every 100 ms.
import { createHash } from 'node:crypto';
import { BIN, child, fmt, requireBuild, rssMb } from './lib.js';

export async function run({ events = Number(process.env.SOAK_EVENTS ?? 1_000_000) } = {}) {
  requireBuild();
  const { startSimulator } = await import('../dist/simulator/server.js');
  const sentHash = createHash('sha1');
  let sent = 0;
  const sim = await startSimulator({ rate: 0, seed: 3, keepSent: false, onSent: (json) => (sentHash.update(json + '\n'), sent++) });
  const c = child([BIN, 'connect'], sim.env);
  const gotHash = createHash('sha1');
  c.proc.stdout.on('data', (d) => gotHash.update(d));
  try {
    await c.until((s) => /connected/.test(s.err), 15_000);
    const samples = [];
    let rssAt100k;
    const sampler = setInterval(() => {
      const mb = rssMb(c.proc.pid);
      samples.push(mb);
      if (rssAt100k === undefined && c.lines >= 100_000) rssAt100k = mb;
    }, 100);
    const start = performance.now();
    await sim.control({ action: 'burst', count: events });
    await c.until((s) => s.lines >= events, 600_000);
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    const rssEnd = rssMb(c.proc.pid);
    await c.stop();
    const same = sentHash.digest('hex') === gotHash.digest('hex') && sent === events && c.lines === events;
    const growth = rssEnd / rssAt100k - 1;
    const peak = Math.max(...samples);
    return {
      title: 'soak and memory',
      summary: `soak: ${fmt(events)} events, sequence ${same ? 'intact' : 'BROKEN'}, RSS ${fmt(rssAt100k)} → ${fmt(rssEnd)} MB (${(growth * 100).toFixed(1)} %)`,
      markdown: [
        `${fmt(events)} events in one burst (as fast as the simulator sends) through \`zoomws connect\` to a pipe we read, in ${fmt(seconds, 1)} s (${fmt(events / seconds)} events/s).`,
        '',
        '| check | result |',
        '|---|---|',
        `| sequence (running hash of sent vs. stdout, and counts) | ${same ? 'identical: none lost, none duplicated, same order' : `**differs** (sent ${sent}, lines ${c.lines})`} |`,
        `| RSS after the first 100,000 events | ${fmt(rssAt100k, 1)} MB |`,
        `| RSS at the end | ${fmt(rssEnd, 1)} MB (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %) |`,
        `| peak RSS | ${fmt(peak, 1)} MB |`,
        '',
        `Goal: end within 10 % of the RSS after 100,000 events: **${growth <= 0.1 ? 'met' : 'not met'}**.`,
      ].join('\n'),
    };
  } finally {
    await c.stop();
    await sim.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log((await run()).markdown);
