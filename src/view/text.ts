/**
 * Text helpers for terminal lines: make untrusted Zoom strings safe to print on one line, and
 * cut coloured lines to the terminal width without breaking escape sequences or wide characters.
 */

// C0/C1 controls, DEL and bidi overrides: a meeting topic must not be able to move the cursor,
// recolour the terminal or break the one-line-per-event layout.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g;

// Whole escape sequences (CSI, OSC) go entirely, so no `[31m` debris is left behind.
const SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?)/g;

/** One printable line: escape sequences removed, other controls become a single space, ends trimmed. */
export function oneLine(text: string): string {
  return text.replace(SEQUENCE, '').replace(UNSAFE, ' ').trim();
}

/**
 * A value as display text, or undefined when there is nothing worth showing: only non-empty
 * strings, finite numbers and booleans qualify, so `undefined`, `null`, `NaN` and objects never print.
 */
export function scalar(value: unknown, maxChars = 80): string | undefined {
  let s: string;
  if (typeof value === 'string') s = oneLine(value);
  else if (typeof value === 'number') s = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') s = String(value);
  else return undefined;
  if (s === '') return undefined;
  return clip(s, maxChars);
}

/** Cut plain text to `max` characters (code points), marking the cut with an ellipsis. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const chars = Array.from(s);
  return chars.length <= max ? s : chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}

// SGR and other CSI sequences chalk emits: zero width.
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/y;
const segmenter = new Intl.Segmenter();
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|\p{Extended_Pictographic}/u;
const ZERO = /^[\p{Mn}\p{Me}\u200b-\u200f\ufe00-\ufe0f]+$/u;

/** Terminal columns of one grapheme cluster (CJK and emoji take two). */
function graphemeWidth(g: string): number {
  if (ZERO.test(g)) return 0;
  return WIDE.test(g) ? 2 : 1;
}

/** Visible width of a line that may contain ANSI colour codes. */
export function displayWidth(line: string): number {
  return cut(line, Infinity).width;
}

/** Cut a (possibly coloured) line to `width` columns, ending with `…` and a colour reset when cut. */
export function truncate(line: string, width: number): string {
  if (!(width > 0)) return line;
  const whole = cut(line, width);
  if (whole.complete) return line;
  const head = cut(line, width - 1);
  return head.text + '…' + (line.includes('\u001b[') ? '\u001b[0m' : '');
}

function cut(line: string, width: number): { text: string; width: number; complete: boolean } {
  let out = '';
  let used = 0;
  let i = 0;
  while (i < line.length) {
    ANSI.lastIndex = i;
    const esc = ANSI.exec(line);
    if (esc) {
      out += esc[0];
      i += esc[0].length;
      continue;
    }
    const next = line.indexOf('\u001b', i + 1);
    const run = line.slice(i, next === -1 ? line.length : next);
    for (const { segment } of segmenter.segment(run)) {
      const w = graphemeWidth(segment);
      if (used + w > width) return { text: out, width: used, complete: false };
      out += segment;
      used += w;
    }
    i += run.length;
  }
  return { text: out, width: used, complete: true };
}
