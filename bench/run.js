// `npm run bench`: every benchmark, one after another, each comparing side by side within its own run
// (ratios, not absolute times: the machine is shared and noisy). Rewrites docs/performance.md.
// Only some:  node bench/run.js connect startup      Soak size:  SOAK_EVENTS=200000 npm run bench
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib.js';

const ALL = ['connect', 'filter', 'startup', 'soak'];
const only = process.argv.slice(2);
const names = only.length ? ALL.filter((n) => only.includes(n)) : ALL;

const sections = [];
for (const name of names) {
  process.stderr.write(`bench: ${name} …\n`);
  const { run } = await import(`./${name}.bench.js`);
  const result = await run();
  process.stderr.write(`bench: ${result.summary}\n`);
  sections.push(result);
}

if (only.length) {
  for (const s of sections) console.log(`## ${s.title}\n\n${s.markdown}\n`);
} else {
  const cpu = cpus();
  const doc = [
    '# Performance',
    '',
    `Written by \`npm run bench\` (bench/run.js) on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} × ${cpu[0]?.model.trim()}, ` +
      `${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${process.platform}. The machine is shared with other work:`,
    'compare the ratios within a table, which are measured side by side in one run, rather than absolute rates',
    'across runs (expect ±10 %). To reproduce: `npm ci && npm run bench` (installs Debian\'s jq for the filter',
    'comparison when missing; `SOAK_EVENTS=200000 npm run bench` for a shorter soak).',
    '',
    ...sections.flatMap((s) => [`## ${s.title}`, '', s.markdown, '']),
  ].join('\n');
  writeFileSync(join(root, 'docs', 'performance.md'), doc);
  process.stderr.write('bench: wrote docs/performance.md\n');
}
