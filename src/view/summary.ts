/** The exit summary on stderr: events by type, reconnects, gaps and how long tail ran. */
import type { ChalkInstance } from 'chalk';
import { paintEventName } from './family.js';
import { humanDuration } from './human.js';

export interface SummaryInput {
  /** Event name → count, in the order first seen. */
  byType: Map<string, number>;
  durationMs: number;
  reconnects?: number;
  gaps?: Array<{ durationMs: number }>;
  /** Replay only: lines skipped as unreadable. */
  badLines?: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Counts per type, largest first (ties by name), after one headline. No trailing newline. */
export function formatSummary(s: SummaryInput, chalk: ChalkInstance): string {
  const total = [...s.byType.values()].reduce((a, b) => a + b, 0);
  const head = [`${plural(total, 'event')} in ${humanDuration(s.durationMs)}`];
  if (s.reconnects !== undefined) head.push(plural(s.reconnects, 'reconnect'));
  if (s.gaps !== undefined) {
    const gapMs = s.gaps.reduce((a, g) => a + g.durationMs, 0);
    const text = plural(s.gaps.length, 'gap') + (s.gaps.length ? ` (${humanDuration(gapMs)} without a connection)` : '');
    head.push(s.gaps.length ? chalk.yellow(text) : text);
  }
  if (s.badLines) head.push(chalk.yellow(`${plural(s.badLines, 'bad line')} skipped`));
  const rows = [...s.byType].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const digits = String(rows[0]?.[1] ?? 0).length;
  const lines = rows.map(([name, n]) => `  ${String(n).padStart(digits)}  ${paintEventName(name, chalk)}`);
  return ['zoomws: ' + head.join(', '), ...lines].join('\n');
}
