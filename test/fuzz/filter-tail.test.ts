/**
 * Random bytes and broken lines into `zoomws filter .` and `zoomws tail -` (the built CLI, child processes):
 * no crash, no hang, every bad line reported by its number, and the documented exit codes.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { Fuzz, type FuzzLine, joinLines } from './inputs.js';

const SEEDS = [11, 12, 13];

function input(seed: number, n = 150): { lines: FuzzLine[]; bytes: Buffer } {
  const f = new Fuzz(seed);
  const lines = Array.from({ length: n }, () => f.line());
  return { lines, bytes: joinLines(f, lines) };
}

/** 1-based numbers of the lines of these kinds. */
const numbers = (lines: FuzzLine[], kinds: string[]) => lines.flatMap((l, i) => (kinds.includes(l.kind) ? [i + 1] : []));

async function run(args: string[], bytes: Buffer) {
  const r = runCli(args);
  r.proc.stdin!.on('error', () => {}); // --on-invalid fail may exit before reading everything
  r.proc.stdin!.end(bytes);
  const exit = await Promise.race([r.exit, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`hung: zoomws ${args.join(' ')}\n${r.stderr()}`)), 20_000))]);
  expect(r.stderr()).not.toMatch(/internal error|\n\s+at /); // no crash, no stack trace
  return { ...r, code: exit.code };
}

describe('filter . fuzz', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: every invalid line is reported and skipped, every JSON line comes out, exit 0`, async () => {
      const { lines, bytes } = input(seed);
      const r = await run(['filter', '.'], bytes);
      const bad = numbers(lines, ['invalid']);
      expect(bad.length).toBeGreaterThan(10);
      expect(r.code).toBe(0);
      // In input order, lines too deep for jq (found by jq, not JSON.parse) included.
      const reported = r.stderrLines().flatMap((l) => /^line (\d+): invalid JSON/.exec(l)?.[1] ?? []).map(Number);
      expect(reported).toEqual(bad);
      // Nothing raw from a hostile line reaches the terminal: no control character but the newlines.
      expect(r.stderr()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(r.stderrLines().at(-1)).toBe(`zoomws filter: skipped ${bad.length} invalid lines`);
      expect(r.stdoutLines()).toHaveLength(numbers(lines, ['event', 'frame', 'heartbeat', 'json']).length);
    });
  }

  it('--on-invalid fail stops at the first bad line with exit 2', async () => {
    const { lines, bytes } = input(SEEDS[0]!);
    const r = await run(['filter', '--on-invalid', 'fail', '.'], bytes);
    expect(r.code).toBe(2);
    const first = numbers(lines, ['invalid'])[0]!;
    expect(r.stderr()).toMatch(new RegExp(`line ${first}: invalid JSON`));
    expect(r.stdoutLines()).toHaveLength(numbers(lines.slice(0, first - 1), ['event', 'frame', 'heartbeat', 'json']).length);
  });
});

describe('tail - fuzz', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: every event is shown, every bad line warned about by number, exit 0`, async () => {
      const { lines, bytes } = input(seed);
      const r = await run(['tail', '-'], bytes);
      expect(r.code).toBe(0);
      const events = numbers(lines, ['event', 'frame']).length;
      const bad = numbers(lines, ['invalid', 'json']);
      expect(r.stdoutLines()).toHaveLength(events);
      const warned = r.stderrLines().flatMap((l) => /^zoomws: warning: stdin:(\d+): .*; skipped$/.exec(l)?.[1] ?? []).map(Number);
      expect(warned).toEqual(bad);
      expect(r.stderr()).toMatch(new RegExp(`zoomws: ${events} events in \\S+, ${bad.length} bad lines skipped`));
    });
  }
});
