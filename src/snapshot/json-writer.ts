// Writes a large JSON value in pieces (to a file, or through any writer such as stdout), byte for byte what
// JSON.stringify(value, null, 2) would write, without building the whole text in memory first.
import { writeFileSafely } from '../files.js';

const FLUSH_AT = 1 << 20;

// About how many characters of an array's items are stringified at once: a slice's count follows the size of the
// items before it, so a piece stays near this size however large or small the items are (one item at least).
const SLICE_CHARS = 1 << 19;
// Items in an array's first slice, before their size is known.
const FIRST_SLICE_ITEMS = 16;
// Most items in one slice, however small they are.
const MAX_SLICE_ITEMS = 4096;

/**
 * A list whose items are made only as they are written: `writeJson` makes them a slice at a time, so a document
 * can name millions of items without holding them all made at once; JSON.stringify makes them all (toJSON).
 */
export class MadeList<T> {
  /** The list of `make(item)` for each of `items`. */
  constructor(
    readonly items: readonly T[],
    readonly make: (item: T) => unknown,
  ) {}

  /** Every item made, for JSON.stringify. */
  toJSON(): unknown[] {
    return this.items.map((item) => this.make(item));
  }
}

/** Writes `value` as two-space-indented JSON plus a newline to `file`, atomically (see `writeFileSafely`); `mode` for a new file. */
export function writeJsonFile(file: string, value: unknown, mode?: number): void {
  writeFileSafely(file, (write) => writeJson(write, value), mode);
}

/**
 * Writes `value` as JSON.stringify(value, null, 2) would, plus a newline, through `write` in pieces of about a MiB.
 * Objects are walked member by member at any depth (an `ok` section's `data` is as deep as any other member);
 * an array's items are stringified a slice at a time, so no piece holds more than a slice or one whole item.
 */
export function writeJson(write: (text: string) => void, value: unknown): void {
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
  // A value as JSON.stringify serializes it once its toJSON has run (`plain`); never one it leaves out (`dropped`).
  const emit = (v: unknown, indent: string): void => {
    if (v instanceof MadeList) putItems(v.items, indent, v.make);
    else if (Array.isArray(v)) putItems(v, indent);
    else if (v !== null && typeof v === 'object') putMembers(v as Record<string, unknown>, indent);
    else put(JSON.stringify(v));
  };
  const putMembers = (record: Record<string, unknown>, indent: string): void => {
    const inner = `${indent}  `;
    let first = true;
    for (const k of Object.keys(record)) {
      const raw = record[k];
      const v = raw instanceof MadeList ? raw : plain(k, raw);
      if (dropped(v)) continue;
      put(`${first ? '{\n' : ',\n'}${inner}${JSON.stringify(k)}: `);
      emit(v, inner);
      first = false;
    }
    put(first ? '{}' : `\n${indent}}`);
  };
  // The items, stringified a slice at a time. JSON.stringify indents by depth alone, so a slice wrapped in as many
  // arrays as its own depth comes out with its items' text already in place.
  const putItems = (items: readonly unknown[], indent: string, make?: (item: unknown) => unknown): void => {
    if (items.length === 0) return put('[]');
    const depth = indent.length / 2;
    let head = '';
    let tail = '';
    for (let d = 0; d < depth; d++) {
      head += `[\n${'  '.repeat(d + 1)}`;
      tail = `\n${'  '.repeat(d)}]${tail}`;
    }
    put('[\n');
    let count = FIRST_SLICE_ITEMS;
    for (let from = 0, end = 0; from < items.length; from = end) {
      if (from > 0) put(',\n');
      end = Math.min(items.length, from + count);
      // An item's own toJSON is called with its index in the whole array, as JSON.stringify calls it.
      let wrapped: unknown = items.slice(from, end).map((item, i) => toJsonOf(make ? make(item) : item, String(from + i)));
      for (let d = 0; d < depth; d++) wrapped = [wrapped];
      const text = JSON.stringify(wrapped, null, 2);
      // Without the wrappers and the slice's own `[` line and closing `]` line.
      put(text.slice(head.length + 2, text.length - tail.length - indent.length - 2));
      const perItem = text.length / (end - from);
      count = Math.max(1, Math.min(MAX_SLICE_ITEMS, Math.floor(SLICE_CHARS / perItem)));
    }
    put(`\n${indent}]`);
  };
  const top = value instanceof MadeList ? value : plain('', value);
  if (dropped(top)) put('null');
  else emit(top, '');
  put('\n');
  flush();
}

// What JSON.stringify leaves out of an object (and writes as null in an array).
function dropped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

// What JSON.stringify serializes for `value` under `key`: the result of its toJSON, boxed primitives unwrapped.
function plain(key: string, value: unknown): unknown {
  const v = toJsonOf(value, key);
  if (v instanceof Number) return Number(v);
  if (v instanceof String) return String(v);
  if (v instanceof Boolean) return v.valueOf();
  return v;
}

// `value.toJSON(key)` when the value has one, else the value.
function toJsonOf(value: unknown, key: string): unknown {
  if (value !== null && (typeof value === 'object' || typeof value === 'bigint')) {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return (toJSON as (k: string) => unknown).call(value, key);
  }
  return value;
}
