/**
 * Event-name globs for `--events 'meeting.*,recording.completed'`: comma-separated; `*` matches
 * any run of characters (dots included); an empty spec matches everything.
 */
export function compileEventGlobs(spec: string): (eventName: string) => boolean {
  const globs = spec.split(',').map((g) => g.trim()).filter(Boolean);
  if (globs.length === 0) return () => true;
  const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^(?:${globs.map((g) => g.split('*').map(escape).join('.*')).join('|')})$`);
  return (name) => re.test(name);
}
