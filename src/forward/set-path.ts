/** `--set payload.object.topic=Standup`: override one field of an event. The value is JSON when it parses, else a string. */
import { ExitCode, UserError } from '../exit-codes.js';

export function parseAssignment(spec: string): { path: string[]; value: unknown } {
  const eq = spec.indexOf('=');
  const path = eq > 0 ? spec.slice(0, eq).split('.') : [];
  if (eq <= 0 || path.some((p) => p === '')) {
    throw new UserError(`--set ${JSON.stringify(spec)}: expected path=value`, ExitCode.usage, 'e.g. --set payload.object.topic=Standup');
  }
  const text = spec.slice(eq + 1);
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON: the text itself (so topic=Standup needs no quotes).
  }
  return { path, value };
}

/** Set `path` in `target`, creating objects on the way; a numeric segment indexes an existing array. */
export function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (next === undefined || next === null) node[key] = {};
    else if (typeof next !== 'object') {
      throw new UserError(`--set ${path.join('.')}: ${path.slice(0, i + 1).join('.')} is ${JSON.stringify(next)}, not an object`, ExitCode.usage);
    }
    node = node[key] as Record<string, unknown>;
  }
}
