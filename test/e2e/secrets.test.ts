/**
 * Secrets never leak: every command of the built CLI, with --debug and --log-format json where it takes them,
 * against the simulator in each failure mode it can produce, a CONNECT proxy with credentials in its URL and
 * webhook handlers signing with a secret token. No stdout or stderr byte, and no output file, may hold the
 * client secret, an access token the simulator issued, the webhook secret token, the proxy password, or an
 * Authorization / Proxy-Authorization value (Basic base64 of id:secret). Output files are created 0600, and
 * a password given in --proxy (argv, visible in `ps`) draws exactly one warning.
 */
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ARGV_PASSWORD_WARNING } from '../../src/core/proxy.js';
import type { OAuthMode, SimCredentials } from '../../src/simulator/oauth.js';
import { sampleEvent } from '../../src/simulator/samples.js';
import { DEMO_CREDENTIALS, type Simulator, type SimulatorOptions, startSimulator } from '../../src/simulator/server.js';
import { type Handler, startHandler } from '../forward/handler.js';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { startProxy, type TestProxy } from '../helpers/connect-proxy.js';

const CREDS: SimCredentials = {
  clientId: 'secrets-test-client-id',
  clientSecret: 'cs-Secr3t-Value-9f2KqZ',
  accountId: 'secrets-test-account',
  subscriptionId: 'c2VjcmV0cy10ZXN0LTE',
};
const WRONG_SECRET = 'cs-Wr0ng-Secret-4TzLm';
const WEBHOOK_SECRET = 'whsec-Token-Value-7Hq2Xp';
const PROXY_USER = 'alice';
const PROXY_PASSWORD = 'Pr0xy-Pa$$-w0rd-Q8';
const WRONG_PROXY_PASSWORD = 'Wr0ng-Pr0xy-pw-K3';

const b64 = (s: string) => Buffer.from(s).toString('base64');
/** Every spelling of a secret that could reach output: as is, percent-encoded, inside a Basic header. */
const FIXED_SECRETS = [
  CREDS.clientSecret,
  WRONG_SECRET,
  WEBHOOK_SECRET,
  PROXY_PASSWORD,
  encodeURIComponent(PROXY_PASSWORD),
  WRONG_PROXY_PASSWORD,
  b64(`${CREDS.clientId}:${CREDS.clientSecret}`),
  b64(`${CREDS.clientId}:${WRONG_SECRET}`),
  b64(`${PROXY_USER}:${PROXY_PASSWORD}`),
  b64(`${PROXY_USER}:${WRONG_PROXY_PASSWORD}`),
];
/** Secret shapes in status output, whatever their value: a JWT, a token in a URL, a Basic/Bearer credential. */
const SECRET_SHAPES = [/eyJ[\w-]{8,}\.[\w-]{8,}\./, /access_token=(?!\*\*\*)[^&\s"']/, /\b(?:basic|bearer)\s+(?!\*\*\*)[A-Za-z0-9+/=._-]{8,}/i];

const dir = mkdtempSync(join(tmpdir(), 'zoomws-secrets-'));
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(closers.map((c) => c()));
});

/** At most this many cases (child processes) at once: 2 cores, other test files running too. */
let slots = 6;
const queue: Array<() => void> = [];
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (slots === 0) await new Promise<void>((resolve) => queue.push(resolve));
  else slots--;
  try {
    return await fn();
  } finally {
    const next = queue.shift();
    if (next) next();
    else slots++;
  }
}

async function sim(opts: SimulatorOptions = {}, oauth?: OAuthMode): Promise<Simulator> {
  const s = await startSimulator({ rate: 20, seed: 7, credentials: CREDS, ...opts });
  closers.push(() => s.close());
  if (oauth) await s.control({ action: 'oauth', mode: oauth });
  return s;
}
async function handler(status = 200): Promise<Handler> {
  const h = await startHandler({ secret: WEBHOOK_SECRET, respond: () => status });
  closers.push(() => h.close());
  return h;
}
async function proxy(hosts?: Record<string, string>): Promise<TestProxy> {
  const p = await startProxy({ credentials: `${PROXY_USER}:${PROXY_PASSWORD}`, hosts });
  closers.push(() => p.close());
  return p;
}
const withPassword = (p: TestProxy, password = PROXY_PASSWORD) => p.url.replace('//', `//${PROXY_USER}:${encodeURIComponent(password)}@`);
/** A port on 127.0.0.1 where nothing listens. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
const env = (s?: Simulator, extra: Record<string, string> = {}) => cleanEnv({ ...(s?.env ?? {}), ZOOM_WEBHOOK_SECRET_TOKEN: WEBHOOK_SECRET, ...extra });
const file = (name: string) => join(dir, name);
const recorded = ['meeting.started', 'meeting.participant_joined', 'recording.completed'].map((t) => JSON.stringify(sampleEvent(t))).join('\n') + '\n';
const STREAM = ['--debug', '--log-format', 'json'];

interface Case {
  args: string[];
  env: NodeJS.ProcessEnv;
  /** The simulator whose issued tokens must not show. */
  sim?: Simulator;
  code: number | number[];
  input?: string;
  /** Files the command writes: each must exist, mode 0600, and hold no secret. */
  files?: string[];
  /** Secrets beyond the fixed ones (e.g. the demo's). */
  secrets?: string[];
  /** stdout is event data (download_token is JWT-shaped): only exact secrets are looked for there. */
  data?: boolean;
  /** The command got a password in --proxy. */
  argvPassword?: boolean;
  /** Runs while the command runs (fault injection mid-stream); resolves when done. */
  during?: (run: ReturnType<typeof runCli>) => Promise<void>;
  /** Checks that the failure mode really happened. */
  check?: (out: { stdout: string; stderr: string }) => void;
}

async function exec(c: Case) {
  const run = runCli(c.args, { env: c.env, cwd: dir, input: c.input });
  const kill = setTimeout(() => run.proc.kill('SIGKILL'), 15_000);
  await c.during?.(run);
  const { code } = await run.exit;
  clearTimeout(kill);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

function verify(c: Case, out: { code: number | null; stdout: string; stderr: string }) {
  const context = `zoomws ${c.args.join(' ')}\n--- stdout\n${out.stdout.slice(0, 3000)}\n--- stderr\n${out.stderr.slice(0, 6000)}`;
  expect([c.code].flat(), context).toContain(out.code);
  const secrets = [...FIXED_SECRETS, ...(c.sim?.issuedTokens ?? []), ...(c.secrets ?? [])];
  const texts: Array<[string, string]> = [
    ['stdout', out.stdout],
    ['stderr', out.stderr],
  ];
  for (const f of c.files ?? []) {
    expect(existsSync(f), `${f} was not created\n${context}`).toBe(true);
    expect((statSync(f).mode & 0o777).toString(8), `mode of ${f}`).toBe('600');
    texts.push([f, readFileSync(f, 'utf8')]);
  }
  for (const [where, text] of texts) {
    for (const secret of secrets) expect(text.includes(secret), `${where} holds the secret ${secret}\n${context}`).toBe(false);
    if (where !== 'stderr' && c.data) continue; // event data: a recording's download_token is JWT-shaped
    for (const shape of SECRET_SHAPES) expect(text, `${where} holds a secret shaped ${shape}\n${context}`).not.toMatch(shape);
  }
  const warnings = out.stderr.split('\n').filter((l) => l.includes(ARGV_PASSWORD_WARNING));
  expect(warnings, context).toHaveLength(c.argvPassword ? 1 : 0);
  c.check?.(out);
}

/** Lazily built: each case starts its own simulator, handlers and proxy when its slot comes. */
const CASES: Record<string, () => Promise<Case>> = {
  'connect --raw: malformed frames and duplicates printed verbatim': async () => {
    const s = await sim({ malformedEvery: 2, duplicates: true });
    return { args: ['connect', '--raw', ...STREAM, '--max-events', '6', '--timeout', '5'], env: env(s), sim: s, code: 0, data: true };
  },
  'connect: forwarding signed, --output and --dead-letter files': async () => {
    const s = await sim();
    const ok = await handler();
    const failing = await handler(500);
    const output = file('connect-output.ndjson');
    const dead = file('connect-dead-letter.ndjson');
    const args = ['connect', ...STREAM, '--max-events', '4', '--timeout', '6', '--output', output, '--dead-letter', dead, '--forward-retries', '0'];
    return {
      args: [...args, '--forward-to', ok.url, '--forward-to', failing.url],
      env: env(s),
      sim: s,
      code: [0, 4],
      files: [output, dead],
      data: true,
      check: () => {
        expect(ok.received.length).toBeGreaterThan(0);
        expect(ok.received.every((r) => r.verified)).toBe(true); // signed with the webhook secret token
        expect(readFileSync(dead, 'utf8').trim().split('\n').length).toBeGreaterThan(0);
      },
    };
  },
  'connect: the socket dropped every 0.5 s': async () => {
    const s = await sim({ dropEveryMs: 500 });
    return { args: ['connect', ...STREAM, '--timeout', '2.5'], env: env(s), sim: s, code: [0, 5], data: true, check: ({ stderr }) => expect(stderr).toMatch(/"type":"disconnect"/) };
  },
  'connect: half-open socket, --heartbeat-interval 1': async () => {
    const s = await sim({ halfOpen: true });
    return { args: ['connect', ...STREAM, '--heartbeat-interval', '1', '--timeout', '4'], env: env(s), sim: s, code: 0, data: true, check: ({ stderr }) => expect(stderr).toMatch(/"type":"disconnect"/) };
  },
  'connect: the token rejected mid-stream': async () => {
    const s = await sim();
    return {
      args: ['connect', ...STREAM, '--timeout', '3'],
      env: env(s),
      sim: s,
      code: [0, 3],
      data: true,
      during: async (run) => {
        await run.waitFor('stdout', /\n/);
        await s.control({ action: 'reject-token' });
      },
      check: () => expect(s.issuedTokens.length).toBeGreaterThan(1),
    };
  },
  'connect: tokens expiring every second (cut on expiry)': async () => {
    const s = await sim({ tokenTtlSec: 1, cutOnExpiry: true });
    return { args: ['connect', ...STREAM, '--timeout', '3'], env: env(s), sim: s, code: 0, data: true, check: () => expect(s.issuedTokens.length).toBeGreaterThan(1) };
  },
  'connect: closed right after opening (another consumer)': async () => {
    const s = await sim({ closeOnOpen: 100 });
    return { args: ['connect', ...STREAM, '--max-retries', '1', '--timeout', '4'], env: env(s), sim: s, code: [0, 4, 5] };
  },
  'connect: malformed frames and duplicates, decoded': async () => {
    const s = await sim({ malformedEvery: 1, duplicates: true });
    return { args: ['connect', ...STREAM, '--max-events', '5', '--timeout', '5'], env: env(s), sim: s, code: 0, data: true, check: ({ stderr }) => expect(stderr).toMatch(/"type":"skipped"/) };
  },
  'connect: OAuth app disabled': async () => {
    const s = await sim({}, 'app-disabled');
    return { args: ['connect', ...STREAM], env: env(s), sim: s, code: 3 };
  },
  'connect: OAuth HTTP 500': async () => {
    const s = await sim({}, 'error-500');
    return { args: ['connect', ...STREAM, '--max-retries', '1', '--timeout', '4'], env: env(s), sim: s, code: [0, 4] };
  },
  'connect: OAuth unsupported grant': async () => {
    const s = await sim({}, 'unsupported-grant');
    return { args: ['connect', ...STREAM], env: env(s), sim: s, code: 3 };
  },
  'connect: wrong client secret': async () => {
    const s = await sim();
    return { args: ['connect', ...STREAM], env: env(s, { ZOOM_CLIENT_SECRET: WRONG_SECRET }), sim: s, code: 3 };
  },
  'connect: wrong account id': async () => {
    const s = await sim();
    return { args: ['connect', ...STREAM], env: env(s, { ZOOM_ACCOUNT_ID: 'no-such-account' }), sim: s, code: 3 };
  },
  'connect: wrong subscription id': async () => {
    const s = await sim();
    return { args: ['connect', ...STREAM, '--max-retries', '0', '--timeout', '4'], env: env(s, { ZOOM_WS_URL: s.wsUrl.replace(CREDS.subscriptionId, 'bm8tc3VjaC1zdWI') }), sim: s, code: 4, check: () => expect(s.issuedTokens.length).toBeGreaterThan(0) };
  },
  'connect: nothing listening': async () => {
    const port = await deadPort();
    const e = env(undefined, { ZOOM_ACCOUNT_ID: CREDS.accountId, ZOOM_CLIENT_ID: CREDS.clientId, ZOOM_CLIENT_SECRET: CREDS.clientSecret });
    return { args: ['connect', ...STREAM, '--max-retries', '0', '--ws-url', `ws://127.0.0.1:${port}/ws?subscriptionId=${CREDS.subscriptionId}`, '--oauth-url', `http://127.0.0.1:${port}/oauth/token`], env: e, code: 4 };
  },
  'connect: through a proxy with credentials in --proxy': async () => {
    const s = await sim();
    const p = await proxy();
    return { args: ['connect', ...STREAM, '--raw', '--max-events', '3', '--timeout', '5', '--proxy', withPassword(p)], env: env(s), sim: s, code: 0, data: true, argvPassword: true,
      check: ({ stderr }) => {
        expect(p.tunnels.length).toBe(2);
        const warning = stderr.split('\n').find((l) => l.includes(ARGV_PASSWORD_WARNING))!;
        expect(JSON.parse(warning)).toMatchObject({ level: 'warn', type: 'config', message: ARGV_PASSWORD_WARNING });
      },
    };
  },
  'connect: a proxy refusing the password in --proxy (407)': async () => {
    const s = await sim();
    const p = await proxy();
    return { args: ['connect', '--debug', '--proxy', withPassword(p, WRONG_PROXY_PASSWORD)], env: env(s), sim: s, code: 3, argvPassword: true };
  },
  'connect: a proxy with credentials in HTTPS_PROXY (no argv warning)': async () => {
    const s = await sim();
    const p = await proxy({ 'zoom.test': '127.0.0.1' });
    const e = env(s, { ZOOM_WS_URL: `ws://zoom.test:${s.port}/ws?subscriptionId=${CREDS.subscriptionId}`, ZOOM_OAUTH_URL: `http://zoom.test:${s.port}/oauth/token`, HTTP_PROXY: withPassword(p) });
    return { args: ['connect', '--debug', '--max-events', '2', '--timeout', '5'], env: e, sim: s, code: 0, data: true, check: () => expect(p.tunnels.map((t) => t.status)).toEqual([200, 200]) };
  },
  'connect --demo --raw': async () => ({ args: ['connect', '--demo', '--raw', '--debug', '--max-events', '3', '--timeout', '5'], env: env(), code: 0, data: true, secrets: [DEMO_CREDENTIALS.clientSecret] }),

  'tail: faults, forwarding and a dead letter': async () => {
    const s = await sim({ dropEveryMs: 700, malformedEvery: 2, duplicates: true });
    const failing = await handler(500);
    const dead = file('tail-dead-letter.ndjson');
    return { args: ['tail', ...STREAM, '--max-events', '4', '--timeout', '5', '--forward-to', failing.url, '--forward-retries', '0', '--dead-letter', dead], env: env(s), sim: s, code: [0, 4, 6], files: [dead], data: true };
  },
  'tail: half-open socket, --heartbeat-interval 1': async () => {
    const s = await sim({ halfOpen: true });
    return { args: ['tail', ...STREAM, '--heartbeat-interval', '1', '--timeout', '3.5'], env: env(s), sim: s, code: 0, data: true };
  },
  'tail: wrong client secret': async () => {
    const s = await sim();
    return { args: ['tail', '--debug'], env: env(s, { ZOOM_CLIENT_SECRET: WRONG_SECRET }), sim: s, code: 3 };
  },
  'tail: OAuth app disabled': async () => {
    const s = await sim({}, 'app-disabled');
    return { args: ['tail', ...STREAM], env: env(s), sim: s, code: 3 };
  },
  'tail: through a proxy with credentials in --proxy': async () => {
    const s = await sim();
    const p = await proxy();
    return { args: ['tail', '--debug', '--max-events', '2', '--timeout', '5', '--proxy', withPassword(p)], env: env(s), sim: s, code: 0, data: true, argvPassword: true, check: ({ stderr }) => expect(stderr.split('\n')).toContain(`zoomws: warning: ${ARGV_PASSWORD_WARNING}`) };
  },
  'tail -: a recording replayed with --json, a bad line': async () => ({ args: ['tail', '-', '--json'], env: env(undefined, { ZOOM_CLIENT_SECRET: CREDS.clientSecret }), input: `${recorded}{"broken":\n`, code: 0, data: true }),

  'doctor --debug': async () => {
    const s = await sim();
    return { args: ['doctor', '--debug'], env: env(s), sim: s, code: 0, check: () => expect(s.issuedTokens.length).toBeGreaterThan(0) };
  },
  'doctor --json': async () => {
    const s = await sim();
    return { args: ['doctor', '--json'], env: env(s), sim: s, code: 0 };
  },
  'doctor --json: half-open socket': async () => {
    const s = await sim({ halfOpen: true });
    return { args: ['doctor', '--json'], env: env(s), sim: s, code: [1, 4] };
  },
  'doctor --debug: OAuth app disabled': async () => {
    const s = await sim({}, 'app-disabled');
    return { args: ['doctor', '--debug'], env: env(s), sim: s, code: [1, 3] };
  },
  'doctor --json: OAuth HTTP 500': async () => {
    const s = await sim({}, 'error-500');
    return { args: ['doctor', '--json'], env: env(s), sim: s, code: [1, 4] };
  },
  'doctor --json: wrong client secret': async () => {
    const s = await sim();
    return { args: ['doctor', '--json'], env: env(s, { ZOOM_CLIENT_SECRET: WRONG_SECRET }), sim: s, code: [1, 3] };
  },
  'doctor --debug: wrong subscription id': async () => {
    const s = await sim();
    return { args: ['doctor', '--debug'], env: env(s, { ZOOM_WS_URL: s.wsUrl.replace(CREDS.subscriptionId, 'bm8tc3VjaC1zdWI') }), sim: s, code: [1, 4] };
  },
  'doctor --json: nothing listening': async () => {
    const port = await deadPort();
    return { args: ['doctor', '--json', '--ws-url', `ws://127.0.0.1:${port}/ws?subscriptionId=${CREDS.subscriptionId}`, '--oauth-url', `http://127.0.0.1:${port}/oauth/token`], env: env(undefined, { ZOOM_ACCOUNT_ID: CREDS.accountId, ZOOM_CLIENT_ID: CREDS.clientId, ZOOM_CLIENT_SECRET: CREDS.clientSecret }), code: [1, 4] };
  },
  'doctor --debug: through a proxy with credentials in --proxy': async () => {
    const s = await sim();
    const p = await proxy();
    // doctor reports the password in argv as a Configuration finding (stdout), not as a stderr line.
    return { args: ['doctor', '--debug', '--proxy', withPassword(p)], env: env(s), sim: s, code: 0,
      check: ({ stdout }) => {
        expect(p.tunnels.length).toBeGreaterThan(0);
        expect(stdout).toMatch(/! Configuration: .*\n(.*\n)*.*the proxy password in --proxy is visible to other users in the process list \(ps\)/);
      },
    };
  },
  'doctor --json: a proxy refusing the password in --proxy': async () => {
    const s = await sim();
    const p = await proxy();
    return { args: ['doctor', '--json', '--proxy', withPassword(p, WRONG_PROXY_PASSWORD)], env: env(s), sim: s, code: [1, 3], check: ({ stdout }) => expect(stdout).toContain('visible to other users in the process list (ps)') };
  },

  'forward: signed replay, a dead letter': async () => {
    const failing = await handler(500);
    const input = file('forward-input.ndjson');
    writeFileSync(input, recorded);
    const dead = file('forward-dead-letter.ndjson');
    return { args: ['forward', '--debug', '--file', input, '--to', failing.url, '--forward-retries', '0', '--dead-letter', dead], env: env(), code: [0, 4], files: [dead], data: true, check: () => expect(failing.received.every((r) => r.verified)).toBe(true) };
  },
  'forward: nothing listening': async () => ({ args: ['forward', '--debug', '--file', '-', '--to', `http://127.0.0.1:${await deadPort()}/hook`, '--forward-retries', '0'], env: env(), input: recorded, code: [0, 4], data: true }),
  'trigger --to: signed': async () => {
    const ok = await handler();
    return { args: ['trigger', 'meeting.started', '--debug', '--to', ok.url], env: env(), code: 0, data: true, check: () => expect(ok.received.map((r) => r.verified)).toEqual([true]) };
  },
  'trigger --to: a handler answering 500': async () => {
    const failing = await handler(500);
    return { args: ['trigger', 'recording.completed', '--debug', '--to', failing.url], env: env(), code: 4, data: true };
  },
  'trigger --simulator': async () => {
    const s = await sim({ rate: 0 });
    // A consumer on the simulator's socket, so the event has somewhere to go.
    const form = new URLSearchParams({ grant_type: 'account_credentials', account_id: CREDS.accountId });
    const answer = await fetch(s.oauthUrl, { method: 'POST', body: form, headers: { authorization: `Basic ${b64(`${CREDS.clientId}:${CREDS.clientSecret}`)}` } });
    const { access_token: token } = (await answer.json()) as { access_token: string };
    const consumer = new WebSocket(`${s.wsUrl}&access_token=${token}`);
    const frames: string[] = [];
    consumer.on('message', (d) => frames.push(String(d)));
    await new Promise((resolve) => consumer.once('message', resolve));
    closers.push(async () => consumer.terminate());
    return { args: ['trigger', 'meeting.ended', '--debug', '--simulator', s.origin], env: env(s), sim: s, code: 0, data: true, check: () => expect(frames.some((f) => f.includes('meeting.ended'))).toBe(true) };
  },
  'filter: a bad line, the secrets in the environment': async () => ({ args: ['filter', '.event'], env: env(undefined, { ZOOM_CLIENT_SECRET: CREDS.clientSecret }), input: `${recorded}{"broken":\n`, code: 0 }),
  'simulate with faults': async () => ({
    args: ['simulate', '--port', '0', '--fault', 'half-open', '--fault', 'malformed', '--token-ttl', '1'],
    env: env(undefined, { ZOOM_CLIENT_SECRET: CREDS.clientSecret }),
    code: 0,
    // simulate prints its own demo credentials on stdout by design (`eval "$(zoomws simulate)"`).
    during: async (run) => {
      await run.waitFor('stderr', /listening on/);
      // simulate installs its SIGINT handler just after this line: give it a moment.
      await new Promise((resolve) => setTimeout(resolve, 300));
      run.proc.kill('SIGINT');
    },
  }),
  ...Object.fromEntries(['bash', 'zsh', 'fish'].map((shell) => [`completion ${shell}`, async (): Promise<Case> => ({ args: ['completion', shell], env: env(undefined, { ZOOM_CLIENT_SECRET: CREDS.clientSecret }), code: 0 })])),
};

describe.concurrent('no secret in any output byte', () => {
  for (const [name, make] of Object.entries(CASES)) {
    it(name, async () => {
      await slot(async () => {
        const c = await make();
        verify(c, await exec(c));
      });
    }, 60_000);
  }
});
