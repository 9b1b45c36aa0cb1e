/**
 * `zoomws tail` replay end to end: the built CLI renders recorded NDJSON from a file or stdin,
 * with no connection. Exact stdout against the view goldens; status and summary on stderr.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, runCli } from '../helpers/cli.js';
import { fixture, fixtureLines, fixtureText, tags } from '../view/helpers.js';

const EVENTS = fixture('events.ndjson');
const env = (extra: Record<string, string | undefined> = {}) => cleanEnv({ TZ: 'UTC', ...extra });
const tmp = () => mkdtempSync(join(tmpdir(), 'zoomws-tail-'));

/** The summary rows for the fixture: counts first, then names. */
const FIXTURE_ROWS = (() => {
  const counts = new Map<string, number>();
  for (const l of fixtureLines('events.ndjson')) {
    const name = (JSON.parse(l) as { event: string }).event;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([n, c]) => `  ${c}  ${n}`);
})();

describe('tail replay', () => {
  it('renders a recorded file exactly like the view, with a summary on stderr', async () => {
    const run = runCli(['tail', '--file', EVENTS], { env: env() });
    expect((await run.exit).code).toBe(0);
    expect(run.stdoutLines()).toEqual(fixtureLines('events.plain.txt'));
    const err = run.stderrLines();
    expect(err[0]).toMatch(/^zoomws: 33 events in \d+(ms|\.\ds)$/);
    expect(err.slice(1)).toEqual(FIXTURE_ROWS);
    expect(FIXTURE_ROWS[0]).toBe('  3  meeting.started');
  });

  it('reads stdin with "-"', async () => {
    const run = runCli(['tail', '-'], { env: env(), input: fixtureText('events.ndjson') });
    expect((await run.exit).code).toBe(0);
    expect(run.stdoutLines()).toEqual(fixtureLines('events.plain.txt'));
  });

  it('colours with --color always even under NO_COLOR, and with FORCE_COLOR when piped', async () => {
    for (const [args, extra] of [
      [['--color', 'always'], { NO_COLOR: '1' }],
      [[], { NO_COLOR: undefined, FORCE_COLOR: '1' }],
    ] as const) {
      const run = runCli(['tail', EVENTS, ...args], { env: env(extra) });
      expect((await run.exit).code).toBe(0);
      expect(run.stdoutLines().map(tags)).toEqual(fixtureLines('events.color.txt'));
    }
  });

  it('does not colour a pipe, nor with --color never under FORCE_COLOR', async () => {
    for (const [args, extra] of [
      [[], { NO_COLOR: undefined }],
      [['--color', 'never'], { NO_COLOR: undefined, FORCE_COLOR: '3' }],
    ] as const) {
      const run = runCli(['tail', EVENTS, ...args], { env: env(extra) });
      expect((await run.exit).code).toBe(0);
      expect(run.stdout()).not.toContain('\u001b');
      expect(run.stderr()).not.toContain('\u001b');
      expect(run.stdoutLines()).toEqual(fixtureLines('events.plain.txt'));
    }
  });

  it('warns about bad lines with their numbers and renders the rest', async () => {
    const input = ['{"event":"user.signed_in","event_ts":0,"payload":{"object":{"email":"a@example.com"}}}', 'garbage', '', '"just a string"', '{"event":"phone.callee_missed"}'].join('\n');
    const run = runCli(['tail', '-'], { env: env(), input });
    expect((await run.exit).code).toBe(0);
    expect(run.stdoutLines()).toEqual([
      '00:00:00.000 user.signed_in             a@example.com',
      '--:--:--.--- phone.callee_missed        (no payload)',
    ]);
    expect(run.stderrLines().slice(0, 3)).toEqual([
      'zoomws: warning: stdin:2: not JSON: garbage; skipped',
      'zoomws: warning: stdin:4: not a JSON object; skipped',
      expect.stringMatching(/^zoomws: 2 events in \d+ms, 2 bad lines skipped$/),
    ]);
  });

  it('applies --events, --max-events, --format and --json', async () => {
    const run = runCli(['tail', EVENTS, '--events', 'recording.*,user.updated', '--max-events', '2', '--format', '{time} {event} {payload.object.topic}', '--json'], { env: env() });
    expect((await run.exit).code).toBe(0);
    const lines = fixtureLines('events.ndjson');
    const pretty = (l: string) => JSON.stringify(JSON.parse(l), null, 2).replace(/^/gm, '  ');
    expect(run.stdout()).toBe(`10:02:41.877 recording.completed Weekly sync\n${pretty(lines[10]!)}\n09:14:13.120 recording.started Weekly sync\n${pretty(lines[11]!)}\n`);
  });

  it('never cuts long lines when piped', async () => {
    const topic = 'x'.repeat(75); // fields are clipped at 80 characters; whole lines are not
    const run = runCli(['tail', '-'], { env: env({ COLUMNS: '40' }), input: JSON.stringify({ event: 'meeting.started', event_ts: 0, payload: { object: { topic } } }) });
    expect((await run.exit).code).toBe(0);
    expect(run.stdout()).toBe(`00:00:00.000 meeting.started            "${topic}"\n`);
  });

  it('--quiet leaves stderr empty', async () => {
    const run = runCli(['tail', EVENTS, '--quiet'], { env: env() });
    expect((await run.exit).code).toBe(0);
    expect(run.stderr()).toBe('');
    expect(run.stdoutLines()).toHaveLength(33);
  });

  it('--follow shows lines appended later and exits 0 with a summary on Ctrl-C', async () => {
    const path = join(tmp(), 'events.ndjson');
    writeFileSync(path, fixtureLines('events.ndjson').slice(0, 2).join('\n') + '\n');
    const run = runCli(['tail', '--file', path, '--follow'], { env: env() });
    await run.waitFor('stdout', (t) => t.split('\n').length === 3);
    appendFileSync(path, fixtureLines('events.ndjson')[2]!.slice(0, 50));
    appendFileSync(path, fixtureLines('events.ndjson')[2]!.slice(50) + '\n');
    await run.waitFor('stdout', /participant_joined/);
    run.proc.kill('SIGINT');
    const { code } = await run.exit;
    expect(code).toBe(0);
    expect(run.stdoutLines()).toEqual(fixtureLines('events.plain.txt').slice(0, 3));
    expect(run.stderrLines()[0]).toMatch(/^zoomws: 3 events in /);
  });

  it('--timeout ends a follow; exit 6 when --max-events was not reached', async () => {
    const path = join(tmp(), 'events.ndjson');
    writeFileSync(path, fixtureLines('events.ndjson')[0] + '\n');
    const run = runCli(['tail', path, '--follow', '--timeout', '0.5', '--max-events', '5'], { env: env() });
    const { code, ms } = await run.exit;
    expect(code).toBe(6);
    expect(ms).toBeLessThan(5000);
    expect(run.stdoutLines()).toHaveLength(1);
    expect(run.stderrLines().at(-1)).toBe('zoomws: error: timed out after 0.5 s with 1 of 5 events');
  });

  it('exits quietly when the reader goes away (tail | head -1)', () => {
    const dir = tmp();
    const big = join(dir, 'big.ndjson');
    const line = fixtureLines('events.ndjson')[2]!;
    writeFileSync(big, (line + '\n').repeat(20_000));
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" tail "${big}" | head -1`], { env: env(), encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(fixtureLines('events.plain.txt')[2] + '\n');
    expect(r.stderr).toBe('');
  });

  it.each([
    [['tail', 'no-such-file.ndjson'], 'zoomws: cannot read no-such-file.ndjson: no such file'],
    [['tail', '.'], 'zoomws: cannot read .: it is a directory'],
    [['tail', '--follow'], 'zoomws: --follow needs --file <path> (e.g. zoomws tail --file events.ndjson --follow)'],
    [['tail', '-', '--demo'], 'zoomws: --file replays a recording and cannot be combined with --demo'],
    [['tail', '-', '--format', '{payload'], 'zoomws: --format: unclosed "{" at character 1 of "{payload" (write {{ or }} for a literal brace)'],
  ])('%j is a usage error: one line, exit 2', async (args, message) => {
    const run = runCli(args, { env: env(), input: '' });
    expect((await run.exit).code).toBe(2);
    expect(run.stderr()).toBe(message + '\n');
    expect(run.stdout()).toBe('');
  });

  it('replays what connect wrote, big ids untouched under --json', async () => {
    const text = '{"event":"meeting.created","event_ts":1,"payload":{"object":{"id":123456789012345678901,"topic":"t"}}}\n';
    const run = runCli(['tail', '-', '--json', '--format', '{event}'], { env: env(), input: text });
    expect((await run.exit).code).toBe(0);
    expect(run.stdout()).toContain('"id": 123456789012345678901,');
  });
});
