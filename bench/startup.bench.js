// Start-up: `zoomws --help` and `zoomws filter .` on one line, against `node -e 0` (Node's own floor).
// Each command runs as a whole process, alternating, median of 21 runs.
import { spawnSync } from 'node:child_process';
import { BIN, fmt, median, requireBuild } from './lib.js';

const RUNS = 21;
const cases = [
  ['`node -e 0`', ['-e', '0'], ''],
  ['`zoomws --help`', [BIN, '--help'], ''],
  ['`zoomws filter .` on one line', [BIN, 'filter', '.'], '{"event":"meeting.started","event_ts":1,"payload":{}}\n'],
];

function time(args, input) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { input, stdio: ['pipe', 'ignore', 'ignore'] });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function run() {
  requireBuild();
  const ms = cases.map(() => []);
  for (let i = 0; i < RUNS; i++) cases.forEach(([, args, input], k) => ms[k].push(time(args, input)));
  const med = ms.map(median);
  const help = med[1];
  return {
    title: 'start-up',
    summary: `start-up: --help ${fmt(help)} ms (node -e 0: ${fmt(med[0])} ms)`,
    markdown: [
      `Whole processes, alternating, median of ${RUNS} runs.`,
      '',
      '| command | median | vs `node -e 0` |',
      '|---|---:|---:|',
      ...cases.map(([name], k) => `| ${name} | ${fmt(med[k])} ms | ${(med[k] / med[0]).toFixed(2)}× |`),
      '',
      `Goal: \`--help\` < 120 ms: **${help < 120 ? 'met' : 'not met'}**. Command modules are imported lazily, so \`--help\` loads only commander and the command table.`,
    ].join('\n'),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log((await run()).markdown);
