/**
 * What every doctor check produces: the stable record behind both the text and the JSON output
 * (docs/doctor.md documents it; docs/doctor.schema.json pins it).
 */
export type CheckId = 'configuration' | 'network' | 'token' | 'socket' | 'heartbeat' | 'event-flow' | 'single-consumer';
export type Status = 'pass' | 'warn' | 'fail' | 'skip';

export const TITLES: Record<CheckId, string> = {
  configuration: 'Configuration',
  network: 'Network',
  token: 'Token',
  socket: 'Subscription and socket',
  heartbeat: 'Heartbeat',
  'event-flow': 'Event flow',
  'single-consumer': 'Single consumer',
};

/** Runbook order: each check may depend on the ones before it. */
export const ORDER: readonly CheckId[] = ['configuration', 'network', 'token', 'socket', 'heartbeat', 'event-flow', 'single-consumer'];

export interface CheckResult {
  id: CheckId;
  title: string;
  status: Status;
  /** One line: what was found. */
  finding: string;
  /** One line: what to do. Null when the check passed. For a skipped check: how to make it run. */
  fix: string | null;
  /** Milliseconds, by step name. */
  timings: Record<string, number>;
  details: Record<string, unknown>;
  /** Extra lines for people (the text view only; the same facts are in `details`). */
  notes?: string[];
}

export function result(
  id: CheckId,
  status: Status,
  finding: string,
  more: { fix?: string | null; timings?: Record<string, number>; details?: Record<string, unknown>; notes?: string[] } = {},
): CheckResult {
  return {
    id,
    title: TITLES[id],
    status,
    finding,
    fix: status === 'pass' ? null : (more.fix ?? null),
    timings: more.timings ?? {},
    details: more.details ?? {},
    ...(more.notes?.length ? { notes: more.notes } : {}),
  };
}

export const skipped = (id: CheckId, why: string, hint?: string): CheckResult => result(id, 'skip', `skipped: ${why}`, { fix: hint ?? null });

/** The worst of several statuses (skip ranks below pass: it says nothing went wrong). */
export function worst(statuses: Status[]): Status {
  for (const s of ['fail', 'warn', 'pass'] as const) if (statuses.includes(s)) return s;
  return 'skip';
}

/** Milliseconds with one decimal: local round trips take well under one. */
export const ms = (value: number): number => Math.round(value * 10) / 10;
