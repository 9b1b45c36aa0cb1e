import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { judgeEventFlow, judgeHeartbeat, judgeOpening, judgeSingleConsumer } from '../../src/doctor/connection.js';
import { renderJson } from '../../src/doctor/render-json.js';
import { result, skipped } from '../../src/doctor/result.js';
import type { DoctorReport } from '../../src/doctor/runner.js';
import { validate } from './json-schema.js';

const schema = JSON.parse(readFileSync(new URL('../../docs/doctor.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;

function report(checks: DoctorReport['checks']): DoctorReport {
  return { schemaVersion: 1, ok: true, exitCode: 0, startedAt: new Date(0).toISOString(), durationMs: 12, summary: { pass: 7, warn: 0, fail: 0, skip: 0 }, checks };
}

const seven = () => [
  result('configuration', 'pass', 'all values set', { notes: ['a note only people see'] }),
  result('network', 'warn', 'issuer', { fix: 'x', timings: { 'oauth.dns': 1.5 } }),
  skipped('token', 'no token'),
  judgeOpening({ kind: 'accepted', upgradeMs: 3, openMs: 5, content: 'ok' }, 'sub'),
  judgeHeartbeat({ rttMs: 2 }, undefined, 5000),
  judgeEventFlow({ waitSec: 2, waitedMs: 2000, halfOpen: false, action: 'start or end a test meeting' }),
  judgeSingleConsumer(undefined, 2000, 'sub', []),
];

describe('docs/doctor.schema.json', () => {
  it('accepts what renderJson prints, without the text-only notes', () => {
    const doc = JSON.parse(renderJson(report(seven()))) as { checks: Array<Record<string, unknown>> };
    expect(validate(schema, doc)).toEqual([]);
    expect(doc.checks[0]).not.toHaveProperty('notes');
    expect(doc.checks.map((c) => c.id)).toEqual(['configuration', 'network', 'token', 'socket', 'heartbeat', 'event-flow', 'single-consumer']);
  });

  it('rejects documents that break the contract (so the e2e schema checks can fail)', () => {
    const bad = JSON.parse(renderJson(report(seven()))) as Record<string, unknown> & { checks: Array<Record<string, unknown>> };
    bad.checks[1]!.status = 'ok';
    delete bad.checks[2]!.fix;
    bad.checks[3]!.extra = 1;
    bad.exitCode = 2;
    bad.checks[4]!.timings = { roundTrip: '2 ms' };
    expect(validate(schema, bad)).toEqual([
      '$.exitCode: 2 not in [0,1]',
      '$.checks[1].status: "ok" not in ["pass","warn","fail","skip"]',
      '$.checks[2]: missing fix',
      '$.checks[3]: unexpected property extra',
      '$.checks[4].timings.roundTrip: expected number, got string',
    ]);
    expect(validate(schema, { ...bad, checks: bad.checks.slice(0, 6) })).toContain('$.checks: fewer than 7 items');
  });
});
