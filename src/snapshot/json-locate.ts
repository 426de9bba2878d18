// Finds where a JSON Pointer's value starts in JSON text, so a schema error can name a line.

/** The string offset of the value at `pointer` (RFC 6901) in `text`, or undefined when it is not there. */
export function locateJsonPointer(text: string, pointer: string): number | undefined {
  const want = pointer === '' ? [] : pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const skipString = () => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
  };
  const readString = (): string => {
    const start = i;
    skipString();
    return JSON.parse(text.slice(start, i)) as string;
  };
  const skipValue = () => {
    ws();
    const c = text[i];
    if (c === '"') return skipString();
    if (c !== '{' && c !== '[') {
      while (i < text.length && !',}] \t\n\r'.includes(text[i]!)) i++;
      return;
    }
    let depth = 0;
    do {
      const d = text[i];
      if (d === '"') {
        skipString();
        continue;
      }
      if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') depth--;
      i++;
    } while (depth > 0 && i < text.length);
  };
  for (const step of want) {
    ws();
    if (text[i] === '{') {
      i++;
      let found = false;
      while (i < text.length) {
        ws();
        if (text[i] === '}') return undefined;
        const key = readString();
        ws();
        i++; // the colon
        if (key === step) {
          found = true;
          break;
        }
        skipValue();
        ws();
        if (text[i] === ',') i++;
      }
      if (!found) return undefined;
    } else if (text[i] === '[') {
      i++;
      const index = Number(step);
      if (!Number.isInteger(index)) return undefined;
      for (let k = 0; k < index; k++) {
        ws();
        if (text[i] === ']') return undefined;
        skipValue();
        ws();
        if (text[i] !== ',') return undefined;
        i++;
      }
      ws();
      if (text[i] === ']') return undefined;
    } else {
      return undefined;
    }
  }
  ws();
  return i < text.length ? i : undefined;
}
