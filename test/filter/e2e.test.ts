/** End-to-end: the built CLI as a child process (run `npx tsc -p .` first). */
import { describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { cleanEnv } from '../helpers/cli.js';
import { cliCommand, spawnFilter } from './helpers.js';

const event = (i: number) =>
  JSON.stringify({
    event: i % 100 === 0 ? 'meeting.started' : 'meeting.participant_joined',
    event_ts: 1626230691572 + i,
    payload: {
      account_id: 'Wk9PTV9BQ0NPVU5UX0lE',
      object: {
        id: String(85746065432 + i),
        uuid: 'Wk9PTV9NRUVUSU5HX0lE',
        host_id: 'Wk9PTV9VU0VSX0lE',
        topic: `Weekly sync ${i}`,
        type: 2,
        start_time: '2021-07-13T21:44:51Z',
        timezone: 'America/Los_Angeles',
        participant: { user_id: `u${i}`, user_name: `Participant ${i}`, email: `p${i}@example.com`, join_time: '2021-07-13T21:45:00Z' },
      },
    },
  });

describe('zoomws filter (child process)', () => {
  it('on a live pipe, prints each result before stdin closes', async () => {
    const child = spawnFilter(['-r', '.payload.object.topic']);
    let out = '';
    child.stdout.setEncoding('utf8');
    const seen = (text: string) =>
      new Promise<void>((resolve) => {
        const check = () => out.includes(text) && (child.stdout.off('data', onData), resolve());
        const onData = (d: string) => { out += d; check(); };
        child.stdout.on('data', onData);
        check();
      });
    child.stdin.write(event(1) + '\n');
    await seen('Weekly sync 1\n'); // stdin is still open: the result came from the first line alone
    child.stdin.write(event(2) + '\n');
    await seen('Weekly sync 2\n');
    child.stdin.end();
    const [code] = await once(child, 'close');
    expect(out).toBe('Weekly sync 1\nWeekly sync 2\n');
    expect(code).toBe(0);
  });

  it('a compile error shows at once, before any input arrives', async () => {
    const child = spawnFilter(['.a |']); // stdin stays open and empty
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const [code] = await once(child, 'close');
    expect(code).toBe(3);
    expect(err).toContain('jq: 1 compile error');
    child.stdin.destroy();
  });

  it('exits quietly when the reader goes away (EPIPE)', async () => {
    const child = spawnFilter(['.']);
    child.stdout.once('data', () => child.stdout.destroy());
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.stdin.on('error', () => {});
    for (let i = 0; i < 2000 && child.stdin.writable; i++) child.stdin.write(event(i) + '\n');
    child.stdin.end();
    await once(child, 'close');
    expect(err).toBe('');
  });

  it('streams a 200 MB file with bounded memory', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoomws-filter-big-'));
    try {
      const file = join(dir, 'day.ndjson');
      const ws = createWriteStream(file);
      let lines = 0;
      let bytes = 0;
      let block = '';
      for (let i = 0; i < 1000; i++) block += event(i) + '\n';
      while (bytes < 200 * 1024 * 1024) {
        if (!ws.write(block)) await once(ws, 'drain');
        bytes += Buffer.byteLength(block);
        lines += 1000;
      }
      ws.end();
      await once(ws, 'close');

      const child = spawnFilter(['select(.event=="meeting.started") | .payload.object.topic', file], 'ignore');
      let count = 0;
      let last = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        count += d.split('\n').length - 1;
        last = d;
      });
      let peakKb = 0;
      const timer = setInterval(() => {
        try {
          const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) peakKb = Math.max(peakKb, Number(m[1]));
        } catch {
          /* exited */
        }
      }, 50);
      const [code] = await once(child, 'close');
      clearInterval(timer);
      expect(code).toBe(0);
      expect(count).toBe(lines / 100);
      expect(last.endsWith('"Weekly sync 900"\n')).toBe(true);
      // Reading the file whole would take well over 400 MB (UTF-16 string + lines).
      expect(peakKb).toBeGreaterThan(0);
      expect(peakKb / 1024).toBeLessThan(200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with 2>&1 into one pipe, every report comes between the results of the lines around it, across batches', async () => {
    // 5,000 lines (more than one 4,000-line batch) through jq-wasm, a bad line every 997.
    const lines = Array.from({ length: 5000 }, (_, i) => (i % 997 === 500 ? `{"bad": ${i + 1}` : JSON.stringify({ n: `v${i + 1}` })));
    const dir = mkdtempSync(join(tmpdir(), 'zoomws-filter-order-'));
    try {
      const file = join(dir, 'in.ndjson');
      await new Promise<void>((resolve) => createWriteStream(file).end(lines.join('\n') + '\n', resolve));
      const argv = [process.execPath, ...cliCommand(), '-r', '.n | ascii_upcase', 'in.ndjson'].map((a) => `'${a}'`).join(' ');
      const child = spawn('sh', ['-c', `${argv} 2>&1`], { cwd: dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
      let merged = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (merged += d));
      const [code] = (await once(child, 'close')) as [number];
      const expected = lines.map((l, i) => (l.startsWith('{"bad"') ? `in.ndjson: line ${i + 1}: invalid JSON: ` : `V${i + 1}`));
      const got = merged.split('\n').slice(0, -2);
      expect(got).toHaveLength(expected.length);
      got.forEach((line, i) => expect(line.startsWith(expected[i]!) ? expected[i] : line).toBe(expected[i]));
      expect(merged.split('\n').at(-2)).toBe('zoomws filter: skipped 5 invalid lines');
      expect(code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
