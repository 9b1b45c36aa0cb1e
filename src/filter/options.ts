/**
 * `zoomws filter` argv → typed options, following jq's own grammar (src/main.c): options and
 * positionals mix freely, `--` ends options, an argument is an option only if it looks like one
 * (`-x` or `--xx`; so `-1` or `-` are positionals), short flags combine (`-rc`).
 */
import { ExitCode, UserError } from '../exit-codes.js';

export type InvalidPolicy = 'warn' | 'skip' | 'fail';

/** A named argument, in command-line order (jq keeps the first of a repeated name). */
export interface NamedArg {
  kind: 'arg' | 'argjson' | 'slurpfile' | 'rawfile';
  name: string;
  value: string; // the text, JSON text, or file path
}

export interface FilterOptions {
  program?: string; // the program text, or with fromFile the path of the program file
  fromFile: boolean;
  files: string[];
  positional: string[]; // --args strings or --jsonargs JSON texts
  positionalKind: 'none' | 'args' | 'jsonargs';
  named: NamedArg[];
  /** 'compact' is this command's default (NDJSON in, NDJSON out); a number is jq's --indent. */
  indent: 'compact' | 'tab' | number;
  raw: boolean;
  join: boolean;
  ascii: boolean;
  sortKeys: boolean;
  nullInput: boolean;
  slurp: boolean;
  exitStatus: boolean;
  seq: boolean;
  colour?: boolean; // -C true, -M false, undefined: decide from the terminal
  events?: string;
  onInvalid: InvalidPolicy;
  help: boolean;
  version: boolean;
}

const usage = (message: string) => new UserError(message, ExitCode.usage, 'see zoomws filter --help');

/** jq's test: `-x` or `--x`, never `-` alone or `-1`. */
const isOptish = (a: string) => a.length > 1 && a[0] === '-' && (a[1] === '-' || /[A-Za-z]/.test(a[1]!));

export function parseFilterArgs(args: string[]): FilterOptions {
  const o: FilterOptions = {
    fromFile: false, files: [], positional: [], positionalKind: 'none', named: [], indent: 'compact',
    raw: false, join: false, ascii: false, sortKeys: false, nullInput: false, slurp: false,
    exitStatus: false, seq: false, onInvalid: 'warn', help: false, version: false,
  };
  let optionsDone = false;
  let programSeen = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (optionsDone || !isOptish(a)) {
      if (!programSeen) {
        o.program = a;
        programSeen = true;
      } else if (o.positionalKind === 'args') o.positional.push(a);
      else if (o.positionalKind === 'jsonargs') {
        if (!isJson(a)) throw usage('invalid JSON text passed to --jsonargs');
        o.positional.push(a);
      } else o.files.push(a);
      continue;
    }
    if (a === '--') {
      optionsDone = true;
      continue;
    }
    // Values this command needs (`--events x`, `--events=x`).
    const take = (name: string, count: number, example: string): string[] => {
      if (i + count >= args.length) throw usage(`${name} takes ${count === 1 ? 'one parameter' : `${count} parameters`} (e.g. ${name} ${example})`);
      const values = args.slice(i + 1, i + 1 + count);
      i += count;
      return values;
    };
    if (a.startsWith('--')) {
      const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      const value = (example: string) => inline ?? take(flag, 1, example)[0]!;
      switch (flag) {
        case '--events': o.events = value("'meeting.*,recording.completed'"); break;
        case '--on-invalid': {
          const p = value('warn');
          if (p !== 'warn' && p !== 'skip' && p !== 'fail') throw usage(`--on-invalid must be warn, skip or fail, not '${p}'`);
          o.onInvalid = p;
          break;
        }
        case '--indent': {
          const text = value('4');
          const n = Number(text);
          if (!/^-?\d+$/.test(text) || n < -1 || n > 7) throw usage('--indent takes a number between -1 and 7');
          o.indent = n === -1 ? 'tab' : n; // jq: -1 means a tab
          break;
        }
        default:
          if (inline !== undefined) throw usage(`unknown option ${a}`);
          longFlag(o, a, take);
      }
      continue;
    }
    for (const ch of a.slice(1)) shortFlag(o, ch);
  }
  if (o.program === undefined && o.events === undefined && !o.help && !o.version && !o.fromFile) {
    // jq falls back to `.` only when not at a terminal; this command is for pipes, so does too.
    o.program = '.';
  }
  return o;
}

function longFlag(o: FilterOptions, a: string, take: (name: string, count: number, example: string) => string[]): void {
  switch (a) {
    case '--compact-output': o.indent = 'compact'; return;
    case '--pretty': o.indent = 2; return;
    case '--tab': o.indent = 'tab'; return;
    case '--raw-output': o.raw = true; return;
    case '--join-output': o.raw = o.join = true; return;
    case '--ascii-output': o.ascii = true; return;
    case '--sort-keys': o.sortKeys = true; return;
    case '--null-input': o.nullInput = true; return;
    case '--slurp': o.slurp = true; return;
    case '--exit-status': o.exitStatus = true; return;
    case '--seq': o.seq = true; return;
    case '--color-output': case '--colour-output': o.colour = true; return;
    case '--monochrome-output': o.colour = false; return;
    case '--from-file': o.fromFile = true; return;
    case '--args': o.positionalKind = 'args'; return;
    case '--jsonargs': o.positionalKind = 'jsonargs'; return;
    case '--help': o.help = true; return;
    case '--version': o.version = true; return;
    case '--arg': case '--argjson': case '--slurpfile': case '--rawfile': {
      const kind = a.slice(2) as NamedArg['kind'];
      const example = kind === 'arg' ? 'varname value' : kind === 'argjson' ? 'varname text' : 'varname filename';
      const [name, value] = take(a, 2, example) as [string, string];
      if (kind === 'argjson' && !isJson(value)) throw usage('invalid JSON text passed to --argjson');
      o.named.push({ kind, name, value });
      return;
    }
    default:
      throw usage(`unknown option ${a}`);
  }
}

function shortFlag(o: FilterOptions, ch: string): void {
  switch (ch) {
    case 'c': o.indent = 'compact'; return;
    case 'r': o.raw = true; return;
    case 'j': o.raw = o.join = true; return;
    case 'a': o.ascii = true; return;
    case 'S': o.sortKeys = true; return;
    case 'n': o.nullInput = true; return;
    case 's': o.slurp = true; return;
    case 'e': o.exitStatus = true; return;
    case 'C': o.colour = true; return;
    case 'M': o.colour = false; return;
    case 'f': o.fromFile = true; return;
    case 'h': o.help = true; return;
    case 'V': o.version = true; return;
    default:
      throw usage(`unknown option -${ch}`);
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export const FILTER_HELP = `Usage: zoomws filter [options] <jq program> [file...]
       zoomws filter [options] --args <jq program> [strings...]
       zoomws filter [options] --jsonargs <jq program> [JSON texts...]

Run a jq program (real jq 1.8.2, compiled to WebAssembly) over NDJSON events from files or stdin.
Output is compact NDJSON by default; each result is written as soon as its input line arrives.

jq options (same names and meanings as jq):
  -c, --compact-output   one result per line (the default)
      --pretty           jq's indented output;  --indent n  (0-7), --tab
  -r, --raw-output       strings without quotes;  -j, --join-output: and no newline
  -a, --ascii-output     escape non-ASCII characters
  -S, --sort-keys        sort object keys
  -n, --null-input       run the program once with null as input
  -s, --slurp            read all events into one array (reads the whole input)
  -e, --exit-status      exit 1 if the last result was false or null, 4 if there was none
  -C / -M                colour on / off (default: on at a terminal, off with NO_COLOR)
      --seq              prefix each result with the RS character (application/json-seq)
      --arg name value   set $name to a string;  --argjson name json: to a JSON value
      --slurpfile name f set $name to an array of the JSON values in file f
      --rawfile name f   set $name to the text of file f
      --args / --jsonargs  remaining positionals are $ARGS.positional, not files
  -f, --from-file        the first positional is a file holding the program
      --                 end of options (a program may start with -)

zoomws options:
      --events <globs>   only events whose name matches, e.g. 'meeting.*,recording.completed'
                         (applied before jq runs; the program may then be omitted)
      --on-invalid <p>   lines that are not JSON: warn (default), skip, or fail (exit 2)

Exit codes: 0 ok; 1 (-e) last result false/null; 2 usage or system error; 3 the program does not
compile; 4 (-e) no result; 5 a runtime error in some input (reported with its line number).
`;
