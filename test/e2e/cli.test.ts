/** The command surface itself: version, help, and usage errors as one line with exit 2. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/server.js';
import { cleanEnv, ROOT, runCli } from '../helpers/cli.js';

const { version } = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string };

describe('cli', () => {
  it('prints the package version', async () => {
    const run = runCli(['--version']);
    expect((await run.exit).code).toBe(0);
    expect(run.stdout()).toBe(`${version}\n`);
  });

  it('lists every command in --help, filter included', async () => {
    const run = runCli(['--help']);
    expect((await run.exit).code).toBe(0);
    const listed = [...run.stdout().matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]);
    expect(listed).toEqual(['connect', 'tail', 'filter', 'doctor', 'forward', 'trigger', 'completion', 'simulate', 'help']);
    expect(run.stderr()).toBe('');
  });

  it.each([
    [['nosuch'], "zoomws: unknown command 'nosuch' (see zoomws --help)"],
    [['connect', '--bogus'], "zoomws: unknown option '--bogus' (see zoomws --help)"],
    [['connect', '--heartbeat-interval', 'abc'], "zoomws: option '--heartbeat-interval <seconds>' argument 'abc' is invalid. expected a number greater than 0 (see zoomws --help)"],
    [['tail', '--color', 'sometimes'], "zoomws: option '--color <when>' argument 'sometimes' is invalid. Allowed choices are auto, always, never. (see zoomws --help)"],
  ])('%j is a usage error: one line, exit 2', async (args, line) => {
    const run = runCli(args);
    expect((await run.exit).code).toBe(2);
    expect(run.stdout()).toBe('');
    expect(run.stderr()).toBe(`${line}\n`);
  });

  it('a bad --output path is a usage error before connecting', async () => {
    const run = runCli(['connect', '--demo', '--output', '/nonexistent/dir/events.ndjson']);
    expect((await run.exit).code).toBe(2);
    expect(run.stderr()).toBe('zoomws: cannot write --output /nonexistent/dir/events.ndjson: no such directory (choose another path with --output FILE)\n');
  });

  it('ends quietly when the reader goes away (doctor | head -1)', async () => {
    const sim = await startSimulator({ rate: 0 });
    try {
      const run = runCli(['doctor', '--no-connect'], { env: cleanEnv(sim.env), cwd: '/tmp' });
      await run.waitFor('stdout', /\n/);
      run.proc.stdout!.destroy();
      expect((await run.exit).code).toBe(0);
      expect(run.stderr()).not.toMatch(/EPIPE|Error|at /);
    } finally {
      await sim.close();
    }
  });
});

