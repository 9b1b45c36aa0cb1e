import { describe, expect, it } from 'vitest';
import { renderCheck, renderVerdict } from '../../src/doctor/render-text.js';
import { result, skipped } from '../../src/doctor/result.js';
import type { DoctorReport } from '../../src/doctor/runner.js';
import { makeChalk } from '../../src/view/color.js';

const plain = makeChalk(0);
const report = (checks: DoctorReport['checks']): DoctorReport => ({ schemaVersion: 1, ok: true, exitCode: 0, startedAt: '', durationMs: 0, summary: { pass: 0, warn: 0, fail: 0, skip: 0 }, checks });

describe('text view', () => {
  it('prints symbol, title, finding, then the fix (or hint) and the notes', () => {
    expect(renderCheck(result('token', 'fail', 'wrong account id', { fix: 'copy it again', notes: ['n1'] }), plain)).toBe('✖ Token: wrong account id\n    fix: copy it again\n    n1\n');
    expect(renderCheck(result('network', 'warn', 'odd issuer', { fix: 'check' }), plain)).toBe('! Network: odd issuer\n    fix: check\n');
    expect(renderCheck(result('heartbeat', 'pass', 'acknowledged', { fix: 'ignored' }), plain)).toBe('✔ Heartbeat: acknowledged\n');
    expect(renderCheck(skipped('event-flow', 'no --wait', 'run with --wait 60'), plain)).toBe('- Event flow: skipped: no --wait\n    hint: run with --wait 60\n');
  });

  it('colours only when asked', () => {
    expect(renderCheck(result('heartbeat', 'pass', 'ok'), makeChalk(1))).toContain('\x1b[32m✔');
    expect(renderCheck(result('heartbeat', 'pass', 'ok'), plain)).not.toContain('\x1b');
  });

  it('ends with a verdict naming the failed or warned checks', () => {
    expect(renderVerdict(report([result('token', 'fail', 'x'), result('socket', 'fail', 'y')]), plain)).toBe('\n2 checks failed: Token, Subscription and socket. Fix the first one and run zoomws doctor again.\n');
    expect(renderVerdict(report([result('network', 'warn', 'x')]), plain)).toBe('\nNo check failed; 1 warning: Network.\n');
    expect(renderVerdict(report([result('network', 'pass', 'x'), skipped('event-flow', 'no --wait')]), plain)).toBe('\nAll checks passed. Not checked: Event flow.\n');
  });
});
