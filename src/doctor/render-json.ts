/** The --json view: exactly one document, the report minus the text-only notes (docs/doctor.schema.json). */
import type { DoctorReport } from './runner.js';

export function renderJson(report: DoctorReport): string {
  const checks = report.checks.map(({ notes: _notes, ...check }) => check);
  return JSON.stringify({ ...report, checks }, null, 2) + '\n';
}
