// Writes a large JSON value to a file in pieces, byte for byte what JSON.stringify(value,
// null, 2) would write, without building the whole text in memory first.
import { writeFileSafely } from '../files.js';

const FLUSH_AT = 1 << 20;

// Items stringified at once in a deep array: few enough that a slice's text stays small.
const SLICE_ITEMS = 512;

/** Writes `value` as two-space-indented JSON plus a newline to `file`, atomically (see `writeFileSafely`); `mode` for a new file. */
export function writeJsonFile(file: string, value: unknown, mode?: number): void {
  writeFileSafely(file, (write) => writeJson(write, value), mode);
}

function writeJson(write: (text: string) => void, value: unknown): void {
  let pending: string[] = [];
  let size = 0;
  const put = (text: string) => {
    pending.push(text);
    size += text.length;
    if (size >= FLUSH_AT) flush();
  };
  const flush = () => {
    if (pending.length) write(pending.join(''));
    pending = [];
    size = 0;
  };
  const emit = (v: unknown, indent: string): void => {
    // Below the top two levels the pieces are small: stringify each whole, indented to its place.
    if (indent.length >= 4 && v !== null && typeof v === 'object') {
      return put((JSON.stringify(v, null, 2) ?? 'null').replace(/\n/g, `\n${indent}`));
    }
    if (Array.isArray(v)) {
      if (v.length === 0) return put('[]');
      const inner = `${indent}  `;
      if (inner.length >= 4) return putItems(v, indent);
      put('[\n');
      v.forEach((item, i) => {
        put(inner);
        emit(item === undefined || typeof item === 'function' ? null : item, inner);
        put(i < v.length - 1 ? ',\n' : '\n');
      });
      return put(`${indent}]`);
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v).filter(([, x]) => x !== undefined && typeof x !== 'function');
      if (entries.length === 0) return put('{}');
      const inner = `${indent}  `;
      put('{\n');
      entries.forEach(([k, x], i) => {
        put(`${inner}${JSON.stringify(k)}: `);
        emit(x, inner);
        put(i < entries.length - 1 ? ',\n' : '\n');
      });
      return put(`${indent}}`);
    }
    put(JSON.stringify(v) ?? 'null');
  };
  // An array whose items sit below the top two levels, stringified a slice at a time. JSON.stringify indents by depth
  // alone, so a slice wrapped in as many arrays as its own depth comes out with its items' text already in place.
  const putItems = (items: unknown[], indent: string): void => {
    const depth = indent.length / 2;
    let head = '';
    let tail = '';
    for (let d = 0; d < depth; d++) {
      head += `[\n${'  '.repeat(d + 1)}`;
      tail = `\n${'  '.repeat(d)}]${tail}`;
    }
    put('[\n');
    for (let from = 0; from < items.length; from += SLICE_ITEMS) {
      if (from > 0) put(',\n');
      let wrapped: unknown = items.slice(from, from + SLICE_ITEMS);
      for (let d = 0; d < depth; d++) wrapped = [wrapped];
      const text = JSON.stringify(wrapped, null, 2);
      // Without the wrappers and the slice's own `[` line and closing `]` line.
      put(text.slice(head.length + 2, text.length - tail.length - indent.length - 2));
    }
    put(`\n${indent}]`);
  };
  emit(value, '');
  put('\n');
  flush();
}
