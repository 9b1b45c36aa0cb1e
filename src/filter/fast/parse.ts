/**
 * Parser for the small part of jq the JS fast path evaluates: paths (`.a.b`, `."a"`, `.[0]`,
 * `.["a"]`, `.[]`), `|`, `,`, `//`, `or`, `and`, comparisons, `select`, `empty`, `not`, `length`,
 * `[...]`, `{k: v}`, and literals (strings without interpolation, integers up to 15 digits).
 * Anything else returns undefined and the program runs in jq-wasm only. Precedence is jq's:
 * `|` < `,` < `//` < `or` < `and` < comparisons < postfix.
 */
export type Node =
  | { t: 'id' }
  | { t: 'lit'; v: unknown }
  | { t: 'field'; of: Node; key: string }
  | { t: 'index'; of: Node; n: number }
  | { t: 'iter'; of: Node }
  | { t: 'pipe' | 'comma' | 'alt' | 'and' | 'or'; a: Node; b: Node }
  | { t: 'cmp'; op: string; a: Node; b: Node }
  | { t: 'select'; f: Node }
  | { t: 'empty' | 'not' | 'length' }
  | { t: 'array'; f?: Node }
  | { t: 'object'; entries: Array<[string, Node]> };

class Unsupported extends Error {}

type Tok = { k: 'ident' | 'field' | 'str' | 'num' | 'op'; v: string };

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    const rest = src.slice(i);
    let m: RegExpMatchArray | null;
    if ((m = rest.match(/^\.([A-Za-z_][A-Za-z0-9_]*)/))) toks.push({ k: 'field', v: m[1]! });
    else if ((m = rest.match(/^[A-Za-z_][A-Za-z0-9_]*/))) toks.push({ k: 'ident', v: m[0] });
    else if ((m = rest.match(/^[0-9]+(?![0-9.eE])/)) || (toks[toks.length - 1]?.v === '[' && (m = rest.match(/^-[1-9][0-9]*(?![0-9.eE])/)))) {
      // A minus only right after `[` (`.[-1]`, `[-1]`), where jq's negation gives the same number.
      if (m[0].replace('-', '').length > 15 || /^-?0[0-9]/.test(m[0])) throw new Unsupported();
      toks.push({ k: 'num', v: m[0] });
    } else if ((m = rest.match(/^"((?:[^"\\]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*)"/))) {
      // Surrogate escapes and control characters: jq's rules differ from JSON.parse's, so leave them to jq.
      if (/\\u[dD][89a-fA-F]|[\u0000-\u001f]/.test(m[1]!)) throw new Unsupported();
      toks.push({ k: 'str', v: JSON.parse(m[0]) as string });
    } else if ((m = rest.match(/^(\/\/|==|!=|<=|>=|\.\.|[.|,()[\]{}:<>])/))) toks.push({ k: 'op', v: m[0] });
    else throw new Unsupported();
    i += m[0].length;
  }
  return toks;
}

const KEYWORDS = new Set(['def', 'if', 'then', 'elif', 'else', 'end', 'as', 'reduce', 'foreach', 'try', 'catch', 'label', 'import', 'include', 'and', 'or', 'not', '__loc__']);

/** Object keys JS would reorder (integer-like) or treat specially: jq keeps insertion order. */
export const unsafeKey = (k: string) => /^(0|[1-9][0-9]*)$/.test(k) || k === '__proto__';

export function parseFast(src: string): Node | undefined {
  let toks: Tok[];
  try {
    toks = lex(src);
  } catch {
    return undefined;
  }
  let p = 0;
  const peek = (v: string) => toks[p]?.k === 'op' && toks[p]!.v === v;
  const peekIdent = (v: string) => toks[p]?.k === 'ident' && toks[p]!.v === v;
  const expect = (v: string) => {
    if (!peek(v)) throw new Unsupported();
    p++;
  };

  const pipe = (): Node => {
    const a = comma();
    if (peek('|')) { p++; return { t: 'pipe', a, b: pipe() }; }
    return a;
  };
  const comma = (): Node => {
    let a = alt();
    while (peek(',')) { p++; a = { t: 'comma', a, b: alt() }; }
    return a;
  };
  const alt = (): Node => {
    const a = or();
    if (peek('//')) { p++; return { t: 'alt', a, b: alt() }; }
    return a;
  };
  const or = (): Node => {
    let a = and();
    while (peekIdent('or')) { p++; a = { t: 'or', a, b: and() }; }
    return a;
  };
  const and = (): Node => {
    let a = cmp();
    while (peekIdent('and')) { p++; a = { t: 'and', a, b: cmp() }; }
    return a;
  };
  const cmp = (): Node => {
    const a = postfix();
    const op = toks[p];
    if (op?.k === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(op.v)) {
      p++;
      const b = postfix();
      const next = toks[p];
      if (next?.k === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(next.v)) throw new Unsupported(); // nonassoc
      return { t: 'cmp', op: op.v, a, b };
    }
    return a;
  };
  const postfix = (): Node => {
    let node = primary();
    for (;;) {
      const tok = toks[p];
      if (tok?.k === 'field') { p++; node = { t: 'field', of: node, key: tok.v }; }
      else if (peek('.') && toks[p + 1]?.k === 'str') { node = { t: 'field', of: node, key: toks[p + 1]!.v }; p += 2; }
      else if (peek('[')) node = bracket(node);
      else if (peek('.') && toks[p + 1]?.k === 'op' && toks[p + 1]!.v === '[') { p++; node = bracket(node); }
      else return node;
    }
  };
  const bracket = (of: Node): Node => {
    expect('[');
    if (peek(']')) { p++; return { t: 'iter', of }; }
    const tok = toks[p];
    if (tok?.k === 'str' && toks[p + 1]?.v === ']') { p += 2; return { t: 'field', of, key: tok.v }; }
    if (tok?.k === 'num' && toks[p + 1]?.v === ']') { p += 2; return { t: 'index', of, n: Number(tok.v) }; }
    throw new Unsupported();
  };
  const primary = (): Node => {
    const tok = toks[p++];
    if (!tok) throw new Unsupported();
    switch (tok.k) {
      case 'field': return { t: 'field', of: { t: 'id' }, key: tok.v };
      case 'str': return { t: 'lit', v: tok.v };
      case 'num': return { t: 'lit', v: Number(tok.v) };
      case 'op':
        if (tok.v === '.') {
          if (toks[p]?.k === 'str') return { t: 'field', of: { t: 'id' }, key: toks[p++]!.v };
          if (peek('[')) return bracket({ t: 'id' });
          return { t: 'id' };
        }
        if (tok.v === '(') { const e = pipe(); expect(')'); return e; }
        if (tok.v === '[') {
          if (peek(']')) { p++; return { t: 'array' }; }
          const f = pipe();
          expect(']');
          return { t: 'array', f };
        }
        if (tok.v === '{') return object();
        throw new Unsupported();
      case 'ident':
        switch (tok.v) {
          case 'true': return { t: 'lit', v: true };
          case 'false': return { t: 'lit', v: false };
          case 'null': return { t: 'lit', v: null };
          case 'empty': case 'not': case 'length': return { t: tok.v };
          case 'select': { expect('('); const f = pipe(); expect(')'); return { t: 'select', f }; }
        }
    }
    throw new Unsupported();
  };
  const object = (): Node => {
    const entries: Array<[string, Node]> = [];
    if (peek('}')) { p++; return { t: 'object', entries }; }
    for (;;) {
      const tok = toks[p++];
      if (!tok || (tok.k !== 'ident' && tok.k !== 'str')) throw new Unsupported();
      const key = tok.v;
      if (unsafeKey(key) || (tok.k === 'ident' && KEYWORDS.has(key))) throw new Unsupported();
      if (peek(':')) {
        p++;
        entries.push([key, postfix()]); // jq's ObjVal is a term (or a parenthesised pipe)
      } else if (tok.k === 'ident') entries.push([key, { t: 'field', of: { t: 'id' }, key }]); // {a} means {a: .a}
      else throw new Unsupported();
      if (peek(',')) { p++; continue; }
      expect('}');
      return { t: 'object', entries };
    }
  };

  try {
    const node = pipe();
    return p === toks.length ? node : undefined;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}
