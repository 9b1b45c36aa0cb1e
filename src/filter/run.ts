/**
 * `zoomws filter`: NDJSON through jq-wasm, streamed and batched.
 * Each read hands over every line that has arrived, so a live pipe gets one call per event and a
 * file thousands of lines per call (jq-wasm costs ~0.85 ms a call, whatever its size).
 * Exit codes are jq's: 0, 1/4 with -e, 2 usage/system, 3 compile, 5 runtime error in some input.
 */
import type { IO } from '../io.js';
import { redact } from '../core/redact.js';
import { compileEventGlobs } from '../core/events-glob.js';
import { JqEngine } from './engine.js';
import type { FilterOptions } from './options.js';
import { HALT_MARKER, hostProgram, programNeeds, type ProgramNeeds } from './program.js';
import { formatResults, isPlain, splitResults, type OutputStyle } from './output.js';
import { readLines } from './lines.js';
import { openError, readText, sources, type Source } from './sources.js';
import { compileFast, type FastProgram } from './fast/compile.js';

/** One input line bound for jq. */
export interface Item {
  text: string;
  line: number;
  value: unknown; // JSON.parse of text (the fast path reuses it)
}

const BATCH_LINES = 4000;

export async function runFilter(o: FilterOptions, io: IO): Promise<number> {
  const err = (line: string) => io.stderr.write(redact(line) + '\n');
  // Compiling the wasm takes ~50 ms: it overlaps with opening and parsing the first input.
  const loading = JqEngine.load();

  // The program and its arguments, read on the host where jq-wasm has no files.
  let program = o.program ?? '.';
  if (o.fromFile) {
    if (o.program === undefined) return usage(err, '-f needs a file holding the program');
    try {
      program = await readText(o.program, io.cwd);
    } catch (e) {
      err(`jq: error: ${openError(o.program, e)}`);
      return 2;
    }
  }
  const argFlags: string[] = [];
  for (const a of o.named) {
    if (a.kind === 'arg' || a.kind === 'argjson') {
      argFlags.push(`--${a.kind}`, a.name, a.value);
      continue;
    }
    let text: string;
    try {
      text = await readText(a.value, io.cwd);
    } catch (e) {
      err(`jq: error: ${openError(a.value, e)}`);
      return 2;
    }
    if (a.kind === 'rawfile') argFlags.push('--arg', a.name, text);
    else {
      // jq's own parser reads the file, so numbers keep their literal form.
      const r = await (await loading).run(text, '.', ['-c', '-s']);
      if (r.exitCode !== 0) {
        err(`jq: Bad JSON in --slurpfile ${a.name} ${a.value}: ${r.stderr.replace(/^jq: (parse )?error: /, '')}`);
        return 2;
      }
      argFlags.push('--argjson', a.name, r.stdout);
    }
  }
  const format = o.indent === 'compact' ? ['-c'] : o.indent === 'tab' ? ['--tab'] : ['--indent', String(o.indent)];
  const baseFlags = [...format, ...(o.ascii ? ['-a'] : []), ...(o.sortKeys ? ['-S'] : []), ...argFlags];
  const needs = programNeeds(program);
  const positional =
    o.positionalKind === 'args' ? JSON.stringify(o.positional) : o.positionalKind === 'jsonargs' ? `[${o.positional.join(',')}]` : undefined;

  // Compile once before any output: a live stream shows a typo at once.
  const ready = (async (): Promise<Prepared> => {
    const engine = await loading;
    const check = await engine.run('', program, baseFlags);
    if (check.exitCode === 3 || check.exitCode === 2) {
      const lines = check.stderr.split('\n').filter((l) => !/^Use jq --help|^or see the jq manpage/.test(l));
      return { failure: { code: check.exitCode, message: lines.join('\n') + '\n' } };
    }
    let host = hostProgram(program, needs, { positional, env: io.env });
    if (host.program !== program && (await engine.run('', host.program, [...baseFlags, ...host.flags])).exitCode === 3) {
      host = { program, flags: [] }; // e.g. an empty program: run it as written
    }
    return { engine, program: host.program, flags: [...baseFlags, ...host.flags, '-e'] };
  })();

  const noColour = (io.env.NO_COLOR ?? '') !== '';
  const style: OutputStyle = {
    raw: o.raw,
    join: o.join,
    ascii: o.ascii,
    seq: o.seq,
    colour: o.colour ?? (io.stdout.isTTY === true && !noColour),
  };
  const fast = !needs.readsInputs && !needs.halts && !o.slurp && !o.nullInput && !o.sortKeys ? compileFast(program, o) : undefined;
  return new FilterState(io, style, ready, o, fast, needs).run();
}

/** An invalid-line warning, written before items[at]. */
interface Note {
  at: number;
  text: string;
}

// C0/C1 controls, DEL and bidi overrides (as src/view/text.ts): a hostile line must not reach the terminal raw.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const MAX_EXCERPT = 200;

/** JSON.parse's message quotes the bad line: show its control characters escaped (`\u001b`) and cut it short. */
export function safeExcerpt(reason: string): string {
  const chars = Array.from(reason);
  // Cut first, so no escape is cut in half.
  const text = chars.length > MAX_EXCERPT ? chars.slice(0, MAX_EXCERPT).join('') + '…' : reason;
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The 0-based batch positions of the lines jq reported errors for (`jq: error (at /dev/stdin:N)`), in order. */
function errorLines(stderr: string, count: number): number[] {
  const lines = new Set<number>();
  for (const m of stderr.matchAll(/^jq: error \(at \/dev\/stdin:(\d+)\)/gm)) lines.add(Math.min(Math.max(Number(m[1]), 1), count) - 1);
  return [...lines].sort((a, b) => a - b);
}

type Prepared =
  | { engine: JqEngine; program: string; flags: string[]; failure?: undefined }
  | { failure: { code: number; message: string } };

function usage(err: (l: string) => void, message: string): number {
  err(`zoomws filter: ${message}`);
  return 2;
}

class FilterState {
  private skipped = 0;
  private runtimeErrors = false;
  private systemError = false;
  private lastResult = -1; // -e: -1 no result yet, 0 false/null, 1 anything else
  private stopCode: number | undefined; // set by halt or --on-invalid fail
  private failed = false; // --on-invalid fail saw a bad line: finish the lines before it, then stop
  private closed = false;
  private readonly match?: (event: string) => boolean;
  private jq?: { engine: JqEngine; program: string; flags: string[] };
  private preparing?: Promise<boolean>;
  private input?: NodeJS.ReadableStream & { destroy?: () => void };
  private notes: string[] = []; // invalid-line warnings, shown once the program is known to compile

  constructor(
    private readonly io: IO,
    private readonly style: OutputStyle,
    private readonly ready: Promise<Prepared>,
    private readonly o: FilterOptions,
    private readonly fast: FastProgram | undefined,
    private readonly needs: ProgramNeeds,
  ) {
    if (o.events !== undefined) this.match = compileEventGlobs(o.events);
    io.stdout.on('error', (e: NodeJS.ErrnoException) => {
      // A reader that went away (`| head`) ends us quietly.
      this.closed = true;
      if (e.code !== 'EPIPE') this.systemError = true;
    });
  }

  /** Waits for the compile check; false (and the stop code set) if the program does not compile. */
  private prepared(): Promise<boolean> {
    this.preparing ??= this.ready.then((r) => {
      if (r.failure) {
        this.io.stderr.write(r.failure.message);
        this.stopCode = r.failure.code;
        this.notes = [];
        this.input?.destroy?.(); // nothing will be read: do not wait for input to report it
        return false;
      }
      this.jq = r;
      return true;
    });
    return this.preparing;
  }

  private async flushNotes(): Promise<boolean> {
    if (!(await this.prepared())) return false;
    for (const note of this.notes) this.err(note);
    this.notes = [];
    return true;
  }

  async run(): Promise<number> {
    void this.prepared();
    if (!(await this.run2())) return this.stopCode!;
    if (this.skipped > 0 && this.o.onInvalid !== 'fail') {
      this.err(`zoomws filter: skipped ${this.skipped} invalid line${this.skipped === 1 ? '' : 's'}`);
    }
    if (this.stopCode !== undefined) return this.stopCode;
    if (this.systemError) return 2;
    if (this.runtimeErrors) return 5;
    if (this.o.exitStatus) return this.lastResult === -1 ? 4 : this.lastResult === 0 ? 1 : 0;
    return 0;
  }

  /** Runs everything; false if the program did not compile. */
  private async run2(): Promise<boolean> {
    const needs = this.needs;
    if (this.o.nullInput && !needs.readsInputs) {
      await this.callJq([], '', ['-n']);
    } else if (this.o.slurp || needs.readsInputs) {
      await this.whole();
    } else {
      for (const source of sources(this.o.files, this.io.stdin, this.io.cwd)) {
        await this.stream(source);
        if (this.stopCode !== undefined) break;
      }
    }
    return this.flushNotes();
  }

  private err(line: string): void {
    this.io.stderr.write(redact(line) + '\n');
  }

  private async open(source: Source): Promise<NodeJS.ReadableStream | undefined> {
    try {
      return await source.open();
    } catch (e) {
      this.err(`jq: error: ${openError(source.label, e)}`);
      this.systemError = true;
      return undefined;
    }
  }

  private async stream(source: Source): Promise<void> {
    const stream = await this.open(source);
    if (!stream || this.stopCode !== undefined) return;
    this.input = stream;
    for await (const chunk of readLines(stream)) {
      const notes: Note[] = [];
      const items = this.accept(source, chunk.lines, chunk.firstLine, notes);
      if (!(await this.prepared())) break;
      // Reports keep input order: each invalid-line warning is written between the lines around it.
      let from = 0;
      for (const note of [...notes, { at: items.length, text: '' }]) {
        for (let i = from; i < note.at && this.stopCode === undefined; i += BATCH_LINES) {
          await this.batch(source, items.slice(i, Math.min(i + BATCH_LINES, note.at)));
        }
        from = note.at;
        if (note.text && this.stopCode === undefined) this.err(note.text);
      }
      if (this.failed) this.stopCode ??= 2;
      if (this.stopCode !== undefined || this.closed) break;
    }
    if (this.stopCode !== undefined || this.closed) (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  }

  /** -s and programs that call input/inputs: jq must see every input in one call. */
  private async whole(): Promise<void> {
    const all: Item[] = [];
    let label = '<stdin>';
    for (const source of sources(this.o.files, this.io.stdin, this.io.cwd)) {
      const stream = await this.open(source);
      if (!stream) continue;
      if (this.stopCode !== undefined) return;
      this.input = stream;
      label = source.label;
      for await (const chunk of readLines(stream)) {
        const notes: Note[] = [];
        for (const item of this.accept(source, chunk.lines, chunk.firstLine, notes)) all.push(item);
        for (const note of notes) this.notes.push(note.text);
        if (!(await this.flushNotes())) return;
        if (this.failed) {
          this.stopCode = 2;
          return;
        }
      }
    }
    const input = all.length ? all.map((i) => i.text).join('\n') + '\n' : '';
    await this.callJq(all, input, [...(this.o.slurp ? ['-s'] : []), ...(this.o.nullInput ? ['-n'] : [])], label);
  }

  /** Validates lines and applies --events; returns the lines jq should see, and the warnings for the others by position. */
  private accept(source: Source, lines: string[], firstLine: number, notes: Note[]): Item[] {
    const items: Item[] = [];
    for (let k = 0; k < lines.length; k++) {
      const text = lines[k]!;
      const line = firstLine + k;
      if (text.length === 0 || (text.trim() === '' /* blank lines separate nothing */)) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        const text = this.invalid(source, line, (e as Error).message);
        if (text) notes.push({ at: items.length, text });
        if (this.failed) break;
        continue;
      }
      if (this.match) {
        const event = (value as { event?: unknown } | null)?.event;
        if (typeof event !== 'string' || !this.match(event)) continue;
      }
      items.push({ text, line, value });
    }
    return items;
  }

  /** Counts a bad line; returns its warning unless --on-invalid skip. */
  private invalid(source: Source, line: number, reason: string): string | undefined {
    this.skipped++;
    if (this.o.onInvalid === 'skip') return undefined;
    if (this.o.onInvalid === 'fail') this.failed = true;
    const where = source.label === '<stdin>' ? '' : `${source.label}: `;
    return `${where}line ${line}: invalid JSON: ${safeExcerpt(reason)}`;
  }

  /** Runs a batch, through the JS fast path where it applies and jq-wasm for the rest, in order. */
  private async batch(source: Source, items: Item[]): Promise<void> {
    if (!this.fast) return this.callJq(items, undefined, [], source.label);
    let out: string[] = [];
    let pending: Item[] = [];
    let calls = 0;
    const flushOut = async () => {
      if (out.length) await this.write(formatResults(out, this.style));
      out = [];
    };
    for (const item of items) {
      if (this.stopCode !== undefined) break;
      const results = this.fast.run(item);
      if (results === undefined) {
        pending.push(item);
        continue;
      }
      if (pending.length) {
        if (++calls > 8) {
          // Too many islands of lines the fast path cannot take: one jq call for the whole batch.
          out = [];
          return this.callJq(items, undefined, [], source.label);
        }
        await flushOut();
        await this.callJq(pending, undefined, [], source.label);
        pending = [];
      }
      for (const r of results) out.push(r);
      if (results.length) this.lastResult = this.fast.lastTruthy ? 1 : 0;
    }
    await flushOut();
    if (pending.length) await this.callJq(pending, undefined, [], source.label);
  }

  /** One jq-wasm call over `items` (or the given input text); a trap or parse error retries line by line. */
  private async callJq(items: Item[], input: string | undefined, extra: string[], label = '<stdin>'): Promise<void> {
    if (!(await this.prepared()) || this.stopCode !== undefined || this.closed) return;
    const { engine, program, flags } = this.jq!;
    const text = input ?? items.map((i) => i.text).join('\n') + '\n';
    const r = await engine.run(text, program, [...flags, ...extra]);
    const parseError = /^jq: parse error/m.test(r.stderr);
    if ((r.trap || parseError) && items.length > 1 && input === undefined) {
      for (const item of items) await this.callJq([item], undefined, extra, label);
      return;
    }
    if (r.trap) {
      const line = items.length === 1 ? items[0]!.line : 0;
      this.err(`jq: error (at ${label}:${line}): the value is too deep for jq-wasm to print (${r.trap}); engine reloaded`);
      this.runtimeErrors = true;
      return;
    }
    if (parseError && input === undefined) {
      // JSON.parse accepted a line jq rejects (e.g. nesting beyond jq's limit).
      const reason = r.stderr.replace(/^jq: parse error: /, '').replace(/ at line \d+, column \d+$/, '');
      const note = this.invalid({ label, open: async () => this.io.stdin }, items[0]!.line, reason);
      if (note) this.err(note);
      if (this.failed) this.stopCode = 2;
      return;
    }
    if (items.length > 1 && input === undefined && /^jq: error \(at /m.test(r.stderr)) {
      // jq writes a batch's errors after all its results: split the batch around the failing lines so
      // each error comes out between the results of the lines before and after it.
      let from = 0;
      for (const k of errorLines(r.stderr, items.length)) {
        if (k > from) await this.callJq(items.slice(from, k), undefined, extra, label);
        await this.callJq([items[k]!], undefined, extra, label);
        from = k + 1;
      }
      if (from < items.length) await this.callJq(items.slice(from), undefined, extra, label);
      return;
    }
    if (r.stdout) {
      await this.write(isPlain(this.style) ? r.stdout + (this.style.join ? '' : '\n') : formatResults(splitResults(r.stdout), this.style));
    }
    let stderr = r.stderr;
    const halted = stderr.includes(HALT_MARKER);
    if (halted) stderr = stderr.split(HALT_MARKER).join('');
    if (stderr) {
      if (/^jq: error \(at /m.test(stderr)) this.runtimeErrors = true;
      stderr = stderr.replace(/jq: error \(at \/dev\/stdin:(\d+)\)/g, (_, n: string) => {
        const item = items[Math.min(Math.max(Number(n), 1), items.length) - 1];
        return `jq: error (at ${label}:${item ? item.line : n})`;
      });
      this.io.stderr.write(stderr + '\n');
    }
    if (halted) {
      this.stopCode = r.exitCode;
      return;
    }
    if (r.exitCode === 0) this.lastResult = 1;
    else if (r.exitCode === 1) this.lastResult = 0;
    else if (r.exitCode === 2) this.systemError = true;
  }

  private async write(text: string): Promise<void> {
    if (!text || this.closed || !(await this.prepared())) return;
    const stdout = this.io.stdout;
    if (stdout.write(text)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        stdout.off('drain', done);
        stdout.off('error', done);
        stdout.off('close', done);
        resolve();
      };
      stdout.on('drain', done);
      stdout.on('error', done);
      stdout.on('close', done);
    });
  }
}
