/**
 * Delivery reports as words: one status line per delivery, retry and dead-letter (connect, forward), the same
 * facts as an inline `↳` line under the event (tail), and the per-target exit summary.
 */
import type { Level, StatusLog } from '../output/status-log.js';
import { duration } from '../output/time.js';
import type { DeadLetter } from './dead-letter.js';
import type { Report, TargetQueue } from './queue.js';

export interface Line {
  level: Level;
  type: string;
  message: string;
  /** The same line under the event it belongs to (tail). */
  inline?: string;
  fields: Record<string, unknown>;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `dl` names the dead-letter file in dead-letter and spill lines. */
export function describeReport(r: Report, dl?: DeadLetter): Line {
  const target = r.target.label;
  switch (r.kind) {
    case 'delivered': {
      const outcome = `${r.status} in ${duration(r.ms)}${r.attempt > 1 ? ` (attempt ${r.attempt})` : ''}`;
      return {
        level: 'info',
        type: 'forward',
        message: `forwarded ${r.name} to ${target}: ${outcome}`,
        inline: `↳ ${r.name} → ${target} ${outcome}`,
        fields: { event: r.name, target, outcome: 'delivered', status: r.status, ms: r.ms, attempt: r.attempt },
      };
    }
    case 'retry': {
      const outcome = `${r.error} after ${duration(r.ms)} (attempt ${r.attempt} of ${r.attempts}); retrying in ${duration(r.retryInMs)}`;
      return {
        level: 'warn',
        type: 'forward',
        message: `forwarding ${r.name} to ${target} failed: ${outcome}`,
        inline: `↳ ${r.name} → ${target} ${outcome}`,
        fields: { event: r.name, target, outcome: 'retry', error: r.error, ms: r.ms, attempt: r.attempt, retryInMs: r.retryInMs },
      };
    }
    case 'dead-letter': {
      const why =
        r.reason === 'queue-full' ? 'its queue was full' : r.reason === 'exit' ? `not finished before exit (${r.error})` : `${r.error}${r.attempts > 1 ? ` after ${r.attempts} attempts` : ''}`;
      const where = !dl ? 'not kept' : r.written ? `written to ${dl.shown}` : `LOST: the dead-letter file ${dl.shown} cannot be written`;
      return {
        level: r.reason === 'queue-full' ? 'verbose' : 'error',
        type: 'dead-letter',
        message: `${r.name} not delivered to ${target}: ${why}; ${where}`,
        inline: `↳ ${r.name} → ${target} not delivered: ${why}; ${where}`,
        fields: { event: r.name, target, outcome: 'dead-letter', reason: r.reason, error: r.error, attempts: r.attempts, file: dl?.shown, written: r.written },
      };
    }
    case 'spill-start':
      return {
        level: 'warn',
        type: 'spill',
        message: `${target} is falling behind (${r.waiting} deliveries waiting): new events for it go to the dead-letter file ${dl?.shown} until it catches up`,
        fields: { target, waiting: r.waiting, file: dl?.shown },
      };
    case 'spill-end':
      return {
        level: 'warn',
        type: 'spill',
        message: `${target} is catching up; ${plural(r.spilled, 'event')} went to ${dl?.shown} meanwhile (replay them with zoomws forward --file ${dl?.shown} --to ${target})`,
        fields: { target, spilled: r.spilled, file: dl?.shown },
      };
  }
}

export function logReport(r: Report, dl: DeadLetter, log: StatusLog): void {
  const line = describeReport(r, dl);
  log.write(line.level, line.type, line.message, line.fields);
}

/** One summary line per target: delivered / retried / dead-lettered, and where the dead letters are. */
export function summarizeForwarding(queues: TargetQueue[], dl: DeadLetter, log: StatusLog, extra: { unrouted?: number; writeError?: string } = {}): void {
  for (const q of queues) {
    const s = q.stats;
    const parts = [`${s.delivered} delivered`, `${s.retried} retried`, `${s.deadLettered} dead-lettered`];
    let tail = '';
    if (s.deadLettered - s.lost > 0) tail += ` (in ${dl.shown}${s.spilled ? `, ${s.spilled} because the queue was full` : ''})`;
    if (s.lost > 0) tail += `; ${s.lost} LOST: ${dl.shown} could not be written${extra.writeError ? ` (${extra.writeError})` : ''}`;
    const level: Level = s.deadLettered ? 'warn' : 'info';
    log.write(level, 'forward-summary', `forwarded to ${q.target.label}: ${parts.join(', ')}${tail}`, { target: q.target.label, ...s, file: s.deadLettered ? dl.shown : undefined });
  }
  if (extra.writeError && !queues.some((q) => q.stats.lost)) log.error('dead-letter', `writing ${dl.shown} failed (${extra.writeError}): dead-lettered events may be missing from it`);
  if (extra.unrouted) log.info('forward-summary', `${plural(extra.unrouted, 'event')} matched no --forward-to route and were not forwarded`, { unrouted: extra.unrouted });
}
