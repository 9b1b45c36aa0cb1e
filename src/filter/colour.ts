/**
 * jq-style colouring of one JSON text as jq printed it (any indentation), with jq 1.8's default
 * JQ_COLORS: null 0;90, false/true/numbers 0;39, strings 0;32, arrays/objects 1;39, keys 34;1.
 */
const ESC = '\u001b[';
const COL = { null: '0;90', bool: '0;39', number: '0;39', string: '0;32', container: '1;39', key: '34;1' };
const paint = (code: string, text: string) => `${ESC}${code}m${text}${ESC}0m`;

export function colourJson(text: string): string {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const str = text.slice(i, j + 1);
      let k = j + 1;
      while (k < n && (text[k] === ' ' || text[k] === '\t')) k++;
      out += text[k] === ':' ? paint(COL.key, str) : paint(COL.string, str);
      i = j + 1;
    } else if (c === '{' || c === '}' || c === '[' || c === ']' || c === ',' || c === ':') {
      out += paint(COL.container, c);
      i++;
    } else if (c === 'n' || c === 't' || c === 'f') {
      const word = c === 'n' ? 'null' : c === 't' ? 'true' : 'false';
      out += paint(c === 'n' ? COL.null : COL.bool, word);
      i += word.length;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let j = i + 1;
      while (j < n && /[0-9.eE+\-]/.test(text[j]!)) j++;
      out += paint(COL.number, text.slice(i, j));
      i = j;
    } else {
      out += c; // whitespace, and jq's nan/infinity spellings pass through uncoloured
      i++;
    }
  }
  return out;
}
