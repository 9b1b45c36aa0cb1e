/** The human view: one ✔ / ✖ / ! / - line per check, its fix, indented details, and a verdict. */
import type { ChalkInstance } from 'chalk';
import type { CheckResult, Status } from './result.js';
import type { DoctorReport } from './runner.js';

const SYMBOL: Record<Status, string> = { pass: '✔', fail: '✖', warn: '!', skip: '-' };

function paint(chalk: ChalkInstance, status: Status, text: string): string {
  return status === 'pass' ? chalk.green(text) : status === 'fail' ? chalk.red(text) : status === 'warn' ? chalk.yellow(text) : chalk.dim(text);
}

export function renderCheck(r: CheckResult, chalk: ChalkInstance): string {
  const lines = [`${paint(chalk, r.status, SYMBOL[r.status])} ${chalk.bold(r.title)}: ${r.finding}`];
  if (r.fix) lines.push(`    ${r.status === 'skip' ? 'hint' : 'fix'}: ${r.fix}`);
  for (const note of r.notes ?? []) lines.push(chalk.dim(`    ${note}`));
  return lines.join('\n') + '\n';
}

export function renderVerdict(report: DoctorReport, chalk: ChalkInstance): string {
  const titles = (s: Status) => report.checks.filter((c) => c.status === s).map((c) => c.title);
  const failed = titles('fail');
  const warned = titles('warn');
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (failed.length) {
    return `\n${chalk.red(`${plural(failed.length, 'check')} failed: ${failed.join(', ')}.`)} Fix the first one and run zoomws doctor again.\n`;
  }
  if (warned.length) return `\n${chalk.yellow(`No check failed; ${plural(warned.length, 'warning')}: ${warned.join(', ')}.`)}\n`;
  const unchecked = titles('skip');
  return `\n${chalk.green('All checks passed.')}${unchecked.length ? ` Not checked: ${unchecked.join(', ')}.` : ''}\n`;
}
