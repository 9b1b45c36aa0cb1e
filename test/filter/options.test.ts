import { describe, expect, it } from 'vitest';
import { parseFilterArgs } from '../../src/filter/options.js';

describe('parseFilterArgs (jq argv grammar)', () => {
  it('takes the first positional as the program and the rest as files, options anywhere', () => {
    const o = parseFilterArgs(['.a', 'one.ndjson', '-r', 'two.ndjson']);
    expect([o.program, o.files, o.raw]).toEqual(['.a', ['one.ndjson', 'two.ndjson'], true]);
  });
  it('combines short flags', () => {
    const o = parseFilterArgs(['-rSea', '.']);
    expect([o.raw, o.sortKeys, o.exitStatus, o.ascii, o.join]).toEqual([true, true, true, true, false]);
    expect(parseFilterArgs(['-j', '.']).raw).toBe(true); // -j implies -r, as in jq
  });
  it('treats -1 and - as positionals, like jq', () => {
    expect(parseFilterArgs(['-1']).program).toBe('-1');
    expect(parseFilterArgs(['.', '-']).files).toEqual(['-']);
  });
  it('stops at --', () => {
    const o = parseFilterArgs(['-c', '--', '-r', '--tab']);
    expect([o.program, o.files, o.raw]).toEqual(['-r', ['--tab'], false]);
  });
  it('--args and --jsonargs switch what later positionals are', () => {
    const o = parseFilterArgs(['$ARGS', '--args', 'a', 'b']);
    expect([o.positionalKind, o.positional, o.files]).toEqual(['args', ['a', 'b'], []]);
    const j = parseFilterArgs(['--jsonargs', '.', '1', '"x"']);
    expect([j.program, j.positional]).toEqual(['.', ['1', '"x"']]);
  });
  it('keeps named arguments in order', () => {
    const o = parseFilterArgs(['--arg', 'a', '1', '--argjson', 'b', '[2]', '--rawfile', 'c', 'f.txt', '.']);
    expect(o.named).toEqual([
      { kind: 'arg', name: 'a', value: '1' },
      { kind: 'argjson', name: 'b', value: '[2]' },
      { kind: 'rawfile', name: 'c', value: 'f.txt' },
    ]);
  });
  it('has compact output by default; --pretty, --indent and --tab change it', () => {
    expect(parseFilterArgs(['.']).indent).toBe('compact');
    expect(parseFilterArgs(['--pretty', '.']).indent).toBe(2);
    expect(parseFilterArgs(['--indent', '0', '.']).indent).toBe(0);
    expect(parseFilterArgs(['--tab', '.']).indent).toBe('tab');
  });
  it('reads --events and --on-invalid with a space or =', () => {
    const o = parseFilterArgs(['--events=meeting.*', '--on-invalid', 'skip']);
    expect([o.events, o.onInvalid, o.program]).toEqual(['meeting.*', 'skip', undefined]);
  });
  it('rejects unknown options and missing values with a usage error (exit 2)', () => {
    expect(() => parseFilterArgs(['-Z'])).toThrow(expect.objectContaining({ exitCode: 2, message: 'unknown option -Z' }));
    expect(() => parseFilterArgs(['.', '--events'])).toThrow(expect.objectContaining({ exitCode: 2 }));
    expect(() => parseFilterArgs(['--jsonargs', '.', '{x'])).toThrow(expect.objectContaining({ message: 'invalid JSON text passed to --jsonargs' }));
  });
});
