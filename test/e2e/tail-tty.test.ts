/**
 * `zoomws tail` in a real terminal (tmux from Debian, installed by test/global-setup.ts): the spinner while connecting, coloured lines
 * cut to the terminal width, and a clean exit on Ctrl-C with the summary and the cursor restored.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/server.js';
import { BIN, ROOT } from '../helpers/cli.js';

const SOCKET = `zoomws-test-${process.pid}`;
let SESSION = 'tail';
const WIDTH = 70;

const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, '-f', '/dev/null', ...args], { encoding: 'utf8' });
/** The pane as text; with `escapes`, SGR colour sequences included. */
const pane = (escapes = false) => tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', SESSION);

async function until(what: string, test: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; pane:\n${pane()}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

let sim: Simulator;
let slowOauth: Server;

beforeAll(async () => {
  sim = await startSimulator({ rate: 20, seed: 5 });
  // A token endpoint that answers after 1.5 s, so the "connecting" spinner is on screen long enough to see.
  slowOauth = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      await new Promise((r) => setTimeout(r, 1500));
      const upstream = await fetch(sim.oauthUrl, {
        method: 'POST',
        headers: { authorization: req.headers.authorization ?? '', 'content-type': req.headers['content-type'] ?? '' },
        body: Buffer.concat(chunks),
      });
      res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text());
    });
  });
  await new Promise<void>((r) => slowOauth.listen(0, '127.0.0.1', r));
});

afterAll(async () => {
  spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  slowOauth?.close();
  await sim?.close();
});

describe('tail in a terminal', () => {
  /** Starts `zoomws tail` in a new tmux session; `extra` adds environment variables (CI is unset unless given). */
  function startTail(session: string, extra: Record<string, string> = {}): void {
    SESSION = session;
    const env = { ...sim.env, ZOOM_OAUTH_URL: `http://127.0.0.1:${(slowOauth.address() as AddressInfo).port}/oauth/token`, TZ: 'UTC', TERM: 'xterm-256color', ...extra };
    const assignments = Object.entries(env).map(([k, v]) => `${k}='${v}'`).join(' ');
    // After zoomws exits the shell prints its exit code and waits, so the pane can still be read.
    const command = `cd '${ROOT}' && env -u NO_COLOR -u FORCE_COLOR -u CI ${assignments} '${process.execPath}' '${BIN}' tail; echo "exit=$?"; sleep 60`;
    tmux('new-session', '-d', '-s', SESSION, '-x', String(WIDTH), '-y', '40', command);
  }
  const eventRows = () => pane().split('\n').filter((l) => /^\d\d:\d\d:\d\d\.\d{3} /.test(l));

  it('spins while connecting, colours and cuts lines to the width, and exits cleanly on Ctrl-C', async () => {
    startTail('tail');

    await until('the spinner', () => /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] connecting to 127\.0\.0\.1:\d+…/.test(pane()));
    expect(tmux('display-message', '-p', '-t', SESSION, '#{cursor_flag}').trim()).toBe('0');

    await until('ten event lines', () => eventRows().length >= 10);
    // The spinner is gone once connected, never left behind among the lines.
    expect(pane()).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] /);

    const rows = eventRows();
    for (const row of rows) expect([...row.trimEnd()].length).toBeLessThanOrEqual(WIDTH);
    expect(rows.some((r) => r.trimEnd().endsWith('…'))).toBe(true);
    // Coloured: a dim clock, then the event name in its family's colour. capture-pane only emits an
    // attribute when it changes, so a clock right after a line that ended dim carries no `ESC[2m` of its own.
    const coloured = pane(true).split('\n').filter((l) => /^(\u001b\[[\d;]*m)*\d\d:\d\d:\d\d\.\d{3}/.test(l));
    expect(coloured.length).toBeGreaterThanOrEqual(10);
    for (const l of coloured) expect(l).toMatch(/^(\u001b\[[\d;]*m)*[\d:.]+\u001b\[0m(\u001b\[39m\u001b\[49m)? \u001b\[(3[1-6]|9[1-6])m[a-z_]+\./);
    expect(coloured.filter((l) => /^(\u001b\[[\d;]*m)*\u001b\[2m\d/.test(l)).length).toBeGreaterThan(0);

    tmux('send-keys', '-t', SESSION, 'C-c');
    await until('the exit', () => /exit=\d+/.test(pane()));
    const screen = pane();
    expect(screen).toMatch(/^exit=0$/m);
    expect(screen).toMatch(/^zoomws: \d+ events in \S+, 0 reconnects, 0 gaps$/m);
    expect(screen).not.toMatch(/Error|internal error/);
    expect(tmux('display-message', '-p', '-t', SESSION, '#{cursor_flag}').trim()).toBe('1');
  });

  // CI jobs often run under a pseudo-terminal whose log is kept: frames of a spinner would litter it.
  it('shows no spinner, and no ora fallback line, when CI is set', async () => {
    startTail('tail-ci', { CI: 'true' });
    // Watch the whole 1.5 s token wait, when a spinner would be on screen.
    let seen = '';
    await until('five event lines', () => {
      const screen = pane();
      if (/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] |^- connecting/m.test(screen)) seen = screen;
      return eventRows().length >= 5;
    });
    expect(seen).toBe('');
    tmux('send-keys', '-t', SESSION, 'C-c');
    await until('the exit', () => /exit=\d+/.test(pane()));
    expect(pane()).toMatch(/^exit=0$/m);
  });
});
