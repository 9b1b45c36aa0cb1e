import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filter, filterMerged } from './helpers.js';
import { safeExcerpt } from '../../src/filter/run.js';

const started = (topic: string, id = '123') =>
  JSON.stringify({ event: 'meeting.started', event_ts: 1626230691572, payload: { object: { id, topic } } });
const joined = (name: string) =>
  JSON.stringify({ event: 'meeting.participant_joined', payload: { object: { id: '1', participant: { user_name: name } } } });
const ndjson = (...lines: string[]) => lines.map((l) => l + '\n').join('');

describe('zoomws filter: output flags', () => {
  const input = ndjson(started('Standup'), joined('Ana'), started('Retro'));

  it('is compact NDJSON by default and real jq', async () => {
    const r = await filter(['select(.event=="meeting.started") | .payload.object.topic'], input);
    expect(r).toEqual({ stdout: '"Standup"\n"Retro"\n', stderr: '', code: 0 });
  });
  it('--pretty, --indent n and --tab print like jq', async () => {
    const doc = '{"a":[1,{"b":null}],"c":{}}\n';
    expect((await filter(['--pretty', '.'], doc)).stdout).toBe('{\n  "a": [\n    1,\n    {\n      "b": null\n    }\n  ],\n  "c": {}\n}\n');
    expect((await filter(['--indent', '1', '.a'], doc)).stdout).toBe('[\n 1,\n {\n  "b": null\n }\n]\n');
    expect((await filter(['--tab', '.a[1]'], doc)).stdout).toBe('{\n\t"b": null\n}\n');
    expect((await filter(['--pretty', '-c', '.c'], doc)).stdout).toBe('{}\n');
  });
  it('-r prints strings raw, whitespace and empty strings included; other values as JSON', async () => {
    const r = await filter(['-r', '.[]'], '["  padded  ", "", "tab\\there", 1, null, {"a":"x"}]\n');
    expect(r.stdout).toBe('  padded  \n\ntab\there\n1\nnull\n{"a":"x"}\n');
  });
  it('-r keeps leading and trailing whitespace at batch edges (jq-wasm trims its output)', async () => {
    const r = await filter(['-r', '.t'], '{"t":"  first"}\n{"t":"last  "}\n');
    expect(r.stdout).toBe('  first\nlast  \n');
  });
  it('-j joins raw output without newlines', async () => {
    expect((await filter(['-j', '.[]'], '["a", 1, "b"]\n')).stdout).toBe('a1b');
  });
  it('-a escapes non-ASCII as jq does (surrogate pairs, lowercase hex)', async () => {
    expect((await filter(['-a', '.'], '"é😀"\n')).stdout).toBe('"\\u00e9\\ud83d\\ude00"\n');
    expect((await filter(['-a', '-r', '.'], '"é"\n')).stdout).toBe('"\\u00e9"\n'); // jq: -a wins over -r
  });
  it('-S sorts keys recursively', async () => {
    expect((await filter(['-S', '.'], '{"b":1,"a":{"d":1,"c":2}}\n')).stdout).toBe('{"a":{"c":2,"d":1},"b":1}\n');
  });
  it('-n runs once on null without reading stdin', async () => {
    expect(await filter(['-n', '[1,2]'], 'not even json\n')).toEqual({ stdout: '[1,2]\n', stderr: '', code: 0 });
  });
  it('-n with inputs sees every line', async () => {
    expect((await filter(['-n', 'reduce inputs as $e (0; . + 1)'], input)).stdout).toBe('3\n');
  });
  it('input pairs lines like jq', async () => {
    expect((await filter(['[., input]'], '1\n2\n3\n4\n')).stdout).toBe('[1,2]\n[3,4]\n');
  });
  it('-s slurps all lines into one array', async () => {
    expect((await filter(['-s', 'map(.event) | group_by(.) | map({(.[0]): length}) | add'], input)).stdout).toBe(
      '{"meeting.participant_joined":1,"meeting.started":2}\n',
    );
  });
  it('--seq writes RS before each JSON result but not before raw strings', async () => {
    expect((await filter(['--seq', '.'], '1\n"a"\n')).stdout).toBe('\u001e1\n\u001e"a"\n');
    expect((await filter(['--seq', '-r', '.'], '1\n"a"\n')).stdout).toBe('\u001e1\na\n');
  });
  it('--arg, --argjson, $ARGS.named, first of a repeated name wins', async () => {
    const r = await filter(['-n', '--arg', 'who', 'Ana', '--argjson', 'n', '{"x":[1]}', '--arg', 'who', 'Bo', '[$who, $n, $ARGS.named]']);
    expect(r.stdout).toBe('["Ana",{"x":[1]},{"who":"Ana","n":{"x":[1]}}]\n');
  });
  it('--args and --jsonargs fill $ARGS.positional', async () => {
    expect((await filter(['-n', '$ARGS', '--args', 'a', '--', '-b'])).stdout).toBe('{"positional":["a","-b"],"named":{}}\n');
    expect((await filter(['-n', '$ARGS.positional', '--jsonargs', '1', '{"a":2}', '100000000000000000001'])).stdout).toBe(
      '[1,{"a":2},100000000000000000001]\n',
    );
  });
  it('--slurpfile and --rawfile read files on the host', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoomws-filter-'));
    writeFileSync(join(dir, 'users.json'), '{"id":"u1"}\n{"id":"u2"} 1.50');
    writeFileSync(join(dir, 'note.txt'), '  hello\n');
    const r = await filter(['-n', '--slurpfile', 'u', 'users.json', '--rawfile', 't', 'note.txt', '[$u, $t]'], '', { cwd: dir });
    expect(r).toEqual({ stdout: '[[{"id":"u1"},{"id":"u2"},1.50],"  hello\\n"]\n', stderr: '', code: 0 });
    writeFileSync(join(dir, 'bad.json'), '{"a":');
    const bad = await filter(['-n', '--slurpfile', 'u', 'bad.json', '$u'], '', { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^jq: Bad JSON in --slurpfile u bad.json: /);
  });
  it('-f reads the program from a file; remaining positionals are input files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoomws-filter-'));
    writeFileSync(join(dir, 'prog.jq'), '# topics\n.payload.object.topic\n');
    writeFileSync(join(dir, 'day.ndjson'), ndjson(started('A'), started('B')));
    expect(await filter(['-f', 'prog.jq', 'day.ndjson'], '', { cwd: dir })).toEqual({ stdout: '"A"\n"B"\n', stderr: '', code: 0 });
  });
  it('-- ends options so a program may start with -', async () => {
    expect((await filter(['--', '-1'], '1\n')).stdout).toBe('-1\n');
    expect((await filter(['--', '-.'], '3\n')).stdout).toBe('-3\n');
    const r = await filter(['--', '.', '--arg']); // after --, even --arg is a file name
    expect(r).toEqual({ stdout: '', stderr: 'jq: error: Could not open --arg: No such file or directory\n', code: 2 });
  });
  it('reads files in order and names them in messages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoomws-filter-'));
    writeFileSync(join(dir, 'a.ndjson'), '1\n"x"\n');
    writeFileSync(join(dir, 'b.ndjson'), '2\n');
    const r = await filter(['. + 1', 'a.ndjson', 'missing.ndjson', 'b.ndjson'], '', { cwd: dir });
    expect(r.stdout).toBe('2\n3\n');
    expect(r.stderr).toBe(
      'jq: error (at a.ndjson:2): string ("x") and number (1) cannot be added\n' +
        'jq: error: Could not open missing.ndjson: No such file or directory\n',
    );
    expect(r.code).toBe(2); // jq: a file it cannot open is a system error
  });
});

describe('zoomws filter: exit codes', () => {
  it('0 on success, also with no input at all', async () => {
    expect(await filter(['.'], '')).toEqual({ stdout: '', stderr: '', code: 0 });
  });
  it('-e: 0 when the last output is truthy, 1 when false or null, 4 with no output', async () => {
    expect((await filter(['-e', '.a'], '{"a":null}\n{"a":1}\n')).code).toBe(0);
    expect((await filter(['-e', '.a'], '{"a":1}\n{"a":false}\n')).code).toBe(1);
    expect((await filter(['-e', '.a'], '{"a":1}\n{"a":null}\n')).code).toBe(1);
    expect((await filter(['-e', '.a | select(. == 1)'], '{"a":1}\n{"a":2}\n')).code).toBe(0); // last *output*
    expect((await filter(['-e', 'empty'], '1\n')).code).toBe(4);
    expect((await filter(['-e', '.'], '')).code).toBe(4);
    expect((await filter(['-e', '-r', '.'], '"null"\n')).code).toBe(0); // a string is truthy even printed raw
  });
  it('2 for usage errors, with one line on stderr', async () => {
    const r = await filter(['--no-such-flag', '.']);
    expect(r).toEqual({ stdout: '', stderr: 'zoomws filter: unknown option --no-such-flag (see zoomws filter --help)\n', code: 2 });
    expect((await filter(['-X', '.'])).code).toBe(2);
    expect((await filter(['.', '--arg', 'x'])).stderr).toBe(
      'zoomws filter: --arg takes 2 parameters (e.g. --arg varname value) (see zoomws filter --help)\n',
    );
    expect((await filter(['--argjson', 'x', '{bad', '.'])).code).toBe(2);
    expect((await filter(['--indent', '9', '.'])).code).toBe(2);
    expect((await filter(['--on-invalid', 'explode', '.'])).code).toBe(2);
  });
  it('3 when the program does not compile, with jq\'s message, line, column and caret', async () => {
    const r = await filter(['.payload | {topic: .topic'], '{}\n');
    expect(r).toEqual({
      stdout: '',
      stderr:
        "jq: error: syntax error, unexpected end of file, expecting '}' at <top-level>, line 1, column 20:\n" +
        '    .payload | {topic: .topic\n' +
        '                       ^^^^^^\n' +
        'jq: 1 compile error\n',
      code: 3,
    });
    expect((await filter(['$nope'], '')).stderr).toContain('$nope is not defined');
  });
  it('5 for a runtime error mid-stream: reported with its line, processing goes on', async () => {
    const r = await filter(['.payload.object.topic | ascii_upcase'], ndjson(started('a'), '{"payload":{"object":{"topic":7}}}', started('c')));
    expect(r.stdout).toBe('"A"\n"C"\n');
    expect(r.stderr).toBe('jq: error (at <stdin>:2): explode input must be a string\n');
    expect(r.code).toBe(5);
  });
  it('5 wins over -e', async () => {
    expect((await filter(['-e', 'error("x")'], '1\n')).code).toBe(5);
  });
  it('halt stops at once with its exit code; halt_error prints its message', async () => {
    expect(await filter(['if . == 2 then halt else . end'], '1\n2\n3\n')).toEqual({ stdout: '1\n', stderr: '', code: 0 });
    const r = await filter(['if . == 2 then "bye\\n" | halt_error(7) else . end'], '1\n2\n3\n');
    expect(r).toEqual({ stdout: '1\n', stderr: 'bye\n', code: 7 });
  });
  it('errors with a non-string message are shown as jq does', async () => {
    const r = await filter(['error({code: .})'], '1\n');
    expect(r.stderr).toBe('jq: error (at <stdin>:1) (not a string): {"code":1}\n');
  });
});

describe('zoomws filter: invalid lines', () => {
  const input = '{"event":"a"}\n{"event":\n\n{"event":"b"}\nnope\n';
  it('warn (default): one line per bad line, a final count, go on, exit 0', async () => {
    const r = await filter(['.event'], input);
    expect(r.stdout).toBe('"a"\n"b"\n');
    expect(r.stderr.split('\n')).toEqual([
      expect.stringMatching(/^line 2: invalid JSON: /),
      expect.stringMatching(/^line 5: invalid JSON: /),
      'zoomws filter: skipped 2 invalid lines',
      '',
    ]);
    expect(r.code).toBe(0);
  });
  it('skip: silent per line, still counted', async () => {
    expect(await filter(['--on-invalid', 'skip', '.event'], input)).toEqual({
      stdout: '"a"\n"b"\n',
      stderr: 'zoomws filter: skipped 2 invalid lines\n',
      code: 0,
    });
  });
  it('fail: stops at the first bad line with exit 2, after the lines before it', async () => {
    const r = await filter(['--on-invalid=fail', '.event'], input);
    expect(r.stdout).toBe('"a"\n');
    expect(r.stderr).toMatch(/^line 2: invalid JSON: [^\n]+\n$/);
    expect(r.code).toBe(2);
  });
  it('names the file in the warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoomws-filter-'));
    writeFileSync(join(dir, 'day.ndjson'), '1\n{\n');
    const r = await filter(['.', 'day.ndjson'], '', { cwd: dir });
    expect(r.stderr).toMatch(/^day\.ndjson: line 2: invalid JSON: /);
  });
  it('a line JSON.parse accepts but jq rejects is an invalid line too', async () => {
    const deep = '['.repeat(10001) + ']'.repeat(10001);
    const r = await filter(['length'], `[1]\n${deep}\n[1,2]\n`);
    expect(r.stdout).toBe('1\n2\n');
    expect(r.stderr).toMatch(/^line 2: invalid JSON: Exceeds depth limit for parsing\nzoomws filter: skipped 1 invalid line\n$/);
  });
});

describe('zoomws filter: reports in input order', () => {
  // Line 2 fails JSON.parse, line 4 is too deep for jq's parser, line 6 traps jq-wasm's printer,
  // line 8 fails at run time in jq: each report sits between the results of the lines around it.
  const deepParse = '['.repeat(10_001) + ']'.repeat(10_001);
  const deepPrint = '['.repeat(700) + ']'.repeat(700);
  const input = ['{"a":"1"}', '{"a":', '{"a":"3"}', deepParse, '{"a":"5"}', deepPrint, '{"a":"7"}', '{"a":8}', '{"a":"9"}'].join('\n') + '\n';
  const trap = /^jq: error \(at <stdin>:6\): the value is too deep for jq-wasm to print \(.+\); engine reloaded$/;

  it('on the JS fast path (.)', async () => {
    const r = await filterMerged(['-c', '.'], input);
    expect(r.merged.split('\n')).toEqual([
      '{"a":"1"}',
      expect.stringMatching(/^line 2: invalid JSON: /),
      '{"a":"3"}',
      'line 4: invalid JSON: Exceeds depth limit for parsing',
      '{"a":"5"}',
      expect.stringMatching(trap),
      '{"a":"7"}',
      '{"a":8}',
      '{"a":"9"}',
      'zoomws filter: skipped 2 invalid lines',
      '',
    ]);
    expect(r.code).toBe(5);
  });

  it('in jq-wasm batches (a program only jq runs), runtime errors included', async () => {
    const r = await filterMerged(['.a | ascii_downcase'], input);
    expect(r.merged.split('\n')).toEqual([
      '"1"',
      expect.stringMatching(/^line 2: invalid JSON: /),
      '"3"',
      'line 4: invalid JSON: Exceeds depth limit for parsing',
      '"5"',
      'jq: error (at <stdin>:6): Cannot index array with string ("a")',
      '"7"',
      'jq: error (at <stdin>:8): explode input must be a string',
      '"9"',
      'zoomws filter: skipped 2 invalid lines',
      '',
    ]);
    expect(r.code).toBe(5);
  });

  it('--on-invalid fail: the results of the lines before the bad one, then the error', async () => {
    const r = await filterMerged(['--on-invalid', 'fail', '.a'], input);
    expect(r.merged).toMatch(/^"1"\nline 2: invalid JSON: [^\n]+\n$/);
    expect(r.code).toBe(2);
  });
});

describe('zoomws filter: hostile invalid lines', () => {
  it('control characters of the line are shown escaped, never raw', async () => {
    const hostile = 'x\u001b]0;pwned\u0007\u001b[2J\u0000\u009b\u202e';
    const r = await filter(['.'], `${hostile}\n`);
    expect(r.stderr).toBe(
      'line 1: invalid JSON: Unexpected token \'x\', "x\\u001b]0;pwned\\u0007\\u001b[2J\\u0000\\u009b\\u202e" is not valid JSON\n' +
        'zoomws filter: skipped 1 invalid line\n',
    );
  });
  it('a long excerpt is cut to 200 characters, then escaped (no escape cut in half)', () => {
    expect(safeExcerpt('\u001b'.repeat(300))).toBe('\\u001b'.repeat(200) + '…');
    expect(Array.from(safeExcerpt('😀'.repeat(300)))).toHaveLength(201);
    expect(safeExcerpt('short and safe')).toBe('short and safe');
  });
});

describe('zoomws filter: values', () => {
  it('keeps number literals as jq 1.8 does (big integers, trailing zeros)', async () => {
    const r = await filter(['.'], '{"id":100000000000000000000000001,"size":1.50,"n":-0,"e":1e3}\n');
    expect(r.stdout).toBe('{"id":100000000000000000000000001,"size":1.50,"n":-0,"e":1E+3}\n');
    expect((await filter(['.id'], '{"id":12345678901234567890}\n')).stdout).toBe('12345678901234567890\n');
  });
  it('passes unicode through untouched, and escapes like jq', async () => {
    const r = await filter(['.topic'], '{"topic":"Réunion 会议 😀 \\u0000 \\u007f"}\n');
    expect(r.stdout).toBe('"Réunion 会议 😀 \\u0000 \\u007f"\n');
    expect((await filter(['-r', '.topic'], '{"topic":"Réunion 😀"}\n')).stdout).toBe('Réunion 😀\n');
    expect((await filter(['.topic|length'], '{"topic":"a😀"}\n')).stdout).toBe('2\n');
  });
  it('keeps object key order, integer-like keys included', async () => {
    expect((await filter(['.'], '{"b":1,"2":2,"a":3,"1":4}\n')).stdout).toBe('{"b":1,"2":2,"a":3,"1":4}\n');
  });
  it('survives a value too deep for jq-wasm to print: reports the line, reloads, goes on', async () => {
    const deep = '['.repeat(3000) + ']'.repeat(3000);
    const r = await filter(['.'], `1\n${deep}\n2\n`);
    expect(r.stdout).toBe('1\n2\n');
    expect(r.stderr).toMatch(/^jq: error \(at <stdin>:2\): the value is too deep for jq-wasm to print/);
    expect(r.code).toBe(5);
  });
  it('uses the real environment for $ENV and env', async () => {
    const r = await filter(['-n', '[$ENV.ZOOM_TEST, env.ZOOM_TEST, ($ARGS.named|keys)]'], '', { env: { ZOOM_TEST: 'yes' } });
    expect(r.stdout).toBe('["yes","yes",[]]\n');
  });
});

describe('zoomws filter: --events', () => {
  const input = ndjson(started('A'), joined('Ana'), '{"event":"recording.completed","payload":{}}', '[1]', started('B'));
  it('prefilters by event name; no program means .', async () => {
    const r = await filter(['--events', 'meeting.started,recording.*'], input);
    expect(r.stdout).toBe(ndjson(started('A'), '{"event":"recording.completed","payload":{}}', started('B')));
  });
  it('runs before jq, so -s sees only matching events', async () => {
    expect((await filter(['--events', 'meeting.*', '-s', 'length'], input)).stdout).toBe('3\n');
  });
});

describe('zoomws filter: colour', () => {
  it('colours JSON like jq at a terminal, not with NO_COLOR or -M, always with -C', async () => {
    const coloured = await filter(['.'], '{"a":[1,"x",null,true]}\n', { tty: true });
    expect(coloured.stdout).toBe(
      '\u001b[1;39m{\u001b[0m\u001b[34;1m"a"\u001b[0m\u001b[1;39m:\u001b[0m\u001b[1;39m[\u001b[0m\u001b[0;39m1\u001b[0m\u001b[1;39m,\u001b[0m' +
        '\u001b[0;32m"x"\u001b[0m\u001b[1;39m,\u001b[0m\u001b[0;90mnull\u001b[0m\u001b[1;39m,\u001b[0m\u001b[0;39mtrue\u001b[0m\u001b[1;39m]\u001b[0m\u001b[1;39m}\u001b[0m\n',
    );
    expect((await filter(['.'], '1\n', { tty: true, env: { NO_COLOR: '1' } })).stdout).toBe('1\n');
    expect((await filter(['-M', '.'], '1\n', { tty: true })).stdout).toBe('1\n');
    expect((await filter(['.'], '1\n')).stdout).toBe('1\n');
    expect((await filter(['-C', '.'], '1\n')).stdout).toBe('\u001b[0;39m1\u001b[0m\n');
    expect((await filter(['-r', '.'], '"raw"\n', { tty: true })).stdout).toBe('raw\n');
  });
});
