/**
 * The colour decision, made once and explicitly. chalk 5 ignores NO_COLOR and looks at
 * process.stdout on its own, so views get a `new Chalk({ level })` built from this instead.
 */
import { Chalk, type ChalkInstance, type ColorSupportLevel } from 'chalk';

export type ColorFlag = 'auto' | 'always' | 'never';

export interface ColorInputs {
  flag?: ColorFlag;
  env: NodeJS.ProcessEnv;
  /** Whether the stream being coloured (stdout for events) is a terminal. */
  isTTY?: boolean;
}

/** FORCE_COLOR as chalk reads it: '' or 'true' → 1, '0'/'false' → 0, '1'–'3' → that level. */
function forcedLevel(value: string | undefined): ColorSupportLevel | undefined {
  if (value === undefined) return undefined;
  if (value === '' || value === 'true') return 1;
  if (value === 'false') return 0;
  const n = Number(value);
  return Number.isInteger(n) ? (Math.min(Math.max(n, 0), 3) as ColorSupportLevel) : 1;
}

/**
 * `never` → 0. `always` → colour even under NO_COLOR (an explicit flag wins). `auto` → FORCE_COLOR
 * if set (it wins over NO_COLOR, as in Node itself), else none under NO_COLOR, TERM=dumb or a pipe.
 * Views only use the 16 basic colours, so level 1 is enough whenever colour is on.
 */
export function resolveColorLevel({ flag = 'auto', env, isTTY }: ColorInputs): ColorSupportLevel {
  if (flag === 'never') return 0;
  const forced = forcedLevel(env.FORCE_COLOR);
  if (flag === 'always') return forced ? forced : 1;
  if (forced !== undefined) return forced;
  if (env.NO_COLOR) return 0;
  if (!isTTY || env.TERM === 'dumb') return 0;
  return 1;
}

export function makeChalk(level: ColorSupportLevel): ChalkInstance {
  return new Chalk({ level });
}
