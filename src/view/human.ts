/** Human units: clock times, byte sizes and durations as people read them. */

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * `HH:MM:SS.mmm` in local time, or in `timeZone` (an IANA name) when given: tests pass 'UTC'
 * so golden output does not depend on the machine's zone.
 */
export function formatClock(ms: number, timeZone?: string): string {
  const d = new Date(ms);
  if (!timeZone) return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return `${f.format(d)}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/** Bytes in SI units, three significant digits at most: `512 B`, `4.2 MB`, `1.31 GB`. */
export function humanBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB', 'PB'];
  let v = bytes;
  let u = -1;
  while (v >= 999.5 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  const digits = v < 10 ? 2 : v < 100 ? 1 : 0;
  return `${Number(v.toFixed(digits))} ${units[u]}`;
}

/** A duration: `850ms`, `4.2s`, `42s`, `12m 05s`, `2h 03m`, `3d 04h`. */
export function humanDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 10_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)}s`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const [d, h, m] = [Math.floor(s / 86400), Math.floor(s / 3600) % 24, Math.floor(s / 60) % 60];
  if (d) return h ? `${d}d ${pad(h)}h` : `${d}d`;
  if (h) return m ? `${h}h ${pad(m)}m` : `${h}h`;
  return s % 60 ? `${m}m ${pad(s % 60)}s` : `${m}m`;
}
