/**
 * What a jq program needs from the host that jq-wasm cannot give by itself, found by looking at
 * its words (strings and comments removed first; a false positive only costs speed):
 * - `input`/`inputs` read across inputs, so those programs get all input in one call;
 * - `halt`/`halt_error` stop jq, which one batch call cannot tell apart from its normal end: a
 *   prefix redefines them to leave a marker on stderr first;
 * - `$ENV`/`env` would see the wasm sandbox's environment: the prefix binds the real one;
 * - `--args`/`--jsonargs` cannot be passed through jq-wasm's argv: the prefix sets $ARGS.positional.
 * The prefix stays on line 1 so `$__loc__` and runtime messages keep their line numbers.
 */
export const HALT_MARKER = '\u0000zoomws-halt\u0000';

export interface ProgramNeeds {
  readsInputs: boolean;
  halts: boolean;
  env: boolean;
}

/** Removes string literals (with interpolation) and comments, keeping the words between. */
export function codeWords(program: string): string {
  let out = '';
  let i = 0;
  const depth: number[] = []; // paren depth at each open interpolation
  let parens = 0;
  const skipString = () => {
    // at the character after an opening quote or after a closing interpolation paren
    while (i < program.length) {
      const c = program[i]!;
      if (c === '\\' && program[i + 1] === '(') {
        depth.push(parens);
        parens++;
        i += 2;
        return;
      }
      if (c === '\\') i += 2;
      else if (c === '"') {
        i++;
        return;
      } else i++;
    }
  };
  while (i < program.length) {
    const c = program[i]!;
    if (c === '"') {
      i++;
      out += ' ';
      skipString();
    } else if (c === '#') {
      while (i < program.length && program[i] !== '\n') i++;
    } else if (c === '(') {
      parens++;
      out += c;
      i++;
    } else if (c === ')') {
      parens--;
      i++;
      if (depth.length && depth[depth.length - 1] === parens) {
        depth.pop();
        out += ' ';
        skipString();
      } else out += c;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

export function programNeeds(program: string): ProgramNeeds {
  const words = codeWords(program);
  return {
    readsInputs: /\binputs?\b/.test(words),
    halts: /\bhalt(_error)?\b/.test(words),
    env: /\$ENV\b|(^|[^$\w])env\b/.test(words),
  };
}

export interface HostArgs {
  positional?: string; // JSON array text
  env?: Record<string, string | undefined>;
}

/** The program jq-wasm runs, plus the extra flags it needs. `null` prefix: run the program as is. */
export function hostProgram(program: string, needs: ProgramNeeds, host: HostArgs): { program: string; flags: string[] } {
  let prefix = '';
  const flags: string[] = [];
  if (needs.halts) {
    const mark = `(${JSON.stringify(HALT_MARKER)}|stderr|empty)`;
    prefix +=
      `def __zoomws_halt: halt; def __zoomws_halt_error(c): halt_error(c); ` +
      `def halt: ${mark}, __zoomws_halt; def halt_error(c): ${mark}, __zoomws_halt_error(c); def halt_error: halt_error(5); `;
  }
  const hidden: string[] = [];
  if (host.positional !== undefined) {
    flags.push('--argjson', '__zoomws_positional', host.positional);
    hidden.push('__zoomws_positional');
  }
  if (needs.env && host.env) {
    flags.push('--argjson', '__zoomws_env', JSON.stringify(host.env));
    hidden.push('__zoomws_env');
  }
  if (hidden.length) {
    const positional = host.positional !== undefined ? ' | .positional = $__zoomws_positional' : '';
    prefix += `($ARGS${positional} | .named |= del(${hidden.map((h) => `.${h}`).join(', ')})) as $ARGS | `;
    if (needs.env && host.env) prefix += `$__zoomws_env as $ENV | def env: $ENV; `;
  }
  return { program: prefix + program, flags };
}
