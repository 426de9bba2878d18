// The canonical encoding OPA hashes `.manifest` and `data.json` by: keys sorted, no spaces, strings as Go's
// JSON encoder writes them, numbers as written in the file.

/** Re-encodes JSON text canonically, as OPA does before hashing a bundle's JSON files; throws SyntaxError on bad JSON. */
export function canonicalJson(text: string): string {
  JSON.parse(text);
  const out: string[] = [];
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const value = (): string => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const members: [string, string][] = [];
      ws();
      if (text[i] === '}') i++;
      else
        for (;;) {
          ws();
          const key = str();
          ws();
          i++; // ':'
          members.push([key, value()]);
          ws();
          if (text[i++] === '}') break;
        }
      members.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${members.map(([k, v]) => `${goString(k)}:${v}`).join(',')}}`;
    }
    if (c === '[') {
      i++;
      const items: string[] = [];
      ws();
      if (text[i] === ']') i++;
      else
        for (;;) {
          items.push(value());
          ws();
          if (text[i++] === ']') break;
        }
      return `[${items.join(',')}]`;
    }
    if (c === '"') return goString(str());
    const m = /^(true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    i += m?.[0].length ?? 1;
    return m?.[0] ?? '';
  };
  const str = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  out.push(value());
  return out.join('');
}

/** A string as Go's JSON encoder writes it without HTML escaping: line separators escaped. */
function goString(s: string): string {
  return JSON.stringify(s).replace(/[\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
