// Reads a JSON file of any size: small files in one piece (JSON.parse), large ones in chunks through an incremental
// parser, so a results file or snapshot too big for one string (a sweep of tens of thousands of repositories) reads
// back as it was written. Errors are InputErrors at the file's line and column.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';
import { refuseUnfinished } from './unfinished.js';

/** Above this size a file is parsed in chunks rather than as one string. */
export const STREAM_ABOVE = 256 * 1024 * 1024;
const CHUNK = 4 * 1024 * 1024;

type Container = { kind: 'array'; value: unknown[]; count: number } | { kind: 'object'; value: Record<string, unknown>; key: string | undefined };

/**
 * Called with each item of a list that is a member of the top-level object (`list` is the member's name) once the
 * item is read; what it returns is kept in the list instead, and an `undefined` is left out. A large file's items
 * are handed over as they are parsed, so an item that is not needed whole never outlives its turn.
 */
export type ItemHook = (list: string, item: unknown) => unknown;

/** Reads and parses a JSON file; `streamAbove` (bytes) picks the chunked parser, read `chunk` bytes at a time; `onItem` sees each top-level list's items. Throws InputError when it is not JSON. */
export function readJsonFile(file: string, what: string, streamAbove = STREAM_ABOVE, chunk = CHUNK, onItem?: ItemHook): unknown {
  refuseUnfinished(file);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw new InputError(`cannot read ${what}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { file });
  }
  try {
    const parser = new JsonStream(file, what, onItem);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const size = statSync(file).size;
    const buffer = Buffer.alloc(size <= streamAbove ? Math.max(size, 1) : chunk);
    let whole = '';
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      const text = decode(decoder, buffer.subarray(0, n), n === 0, file, what);
      if (size <= streamAbove) whole += text;
      else parser.push(text);
      if (n === 0) break;
    }
    return size <= streamAbove ? passItems(parseWhole(whole, file, what), onItem) : parser.end();
  } finally {
    closeSync(fd);
  }
}

function decode(decoder: TextDecoder, bytes: Uint8Array, last: boolean, file: string, what: string): string {
  try {
    return decoder.decode(bytes, { stream: !last });
  } catch {
    throw new InputError(`${what} is not valid UTF-8`, { file });
  }
}

function parseWhole(text: string, file: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /position (\d+)/.exec(message);
    const position = at ? lineColumn(text, Number(at[1])) : {};
    throw new InputError(`${what} is not valid JSON (${message.replace(/ in JSON at position \d+.*$/, '')})`, { file, ...position });
  }
}

// What the chunked parser's hook would have made of a document parsed whole: each top-level list's items passed in order.
function passItems(value: unknown, onItem: ItemHook | undefined): unknown {
  if (!onItem || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const doc = value as Record<string, unknown>;
  for (const key of Object.keys(doc)) {
    const list = doc[key];
    if (!Array.isArray(list)) continue;
    const kept: unknown[] = [];
    for (let i = 0; i < list.length; i++) {
      const item = onItem(key, list[i]);
      list[i] = undefined;
      if (item !== undefined) kept.push(item);
    }
    doc[key] = kept;
  }
  return doc;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const DELIMITER = /[\s,\]}:"[{]/g;
const LITERALS: Record<string, unknown> = { true: true, false: false, null: null };

/** An incremental JSON parser: `push` text in any pieces, `end` returns the value. */
class JsonStream {
  private buf = '';
  private line = 1;
  private column = 1;
  private readonly stack: Container[] = [];
  private root: { value: unknown } | undefined;
  /** What the next token may be. */
  private expect: 'value' | 'key' | 'colon' | 'comma' = 'value';

  constructor(
    private readonly file: string,
    private readonly what: string,
    private readonly onItem?: ItemHook,
  ) {}

  push(text: string): void {
    this.buf += text;
    this.run(false);
  }

  end(): unknown {
    this.run(true);
    if (this.root === undefined || this.stack.length > 0) this.fail('the document ends early');
    return this.root.value;
  }

  private run(last: boolean): void {
    let i = 0;
    const b = this.buf;
    while (i < b.length) {
      const c = b[i]!;
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
        this.advance(c);
        i++;
        continue;
      }
      let next = i + 1;
      if (this.root !== undefined && this.stack.length === 0) this.fail(`unexpected ${JSON.stringify(c)} after the document`);
      if (c === '"') {
        const close = stringEnd(b, i);
        if (close < 0) break;
        const s = JSON.parse(b.slice(i, close + 1)) as string;
        next = close + 1;
        if (this.expect === 'key') {
          (this.top() as Extract<Container, { kind: 'object' }>).key = s;
          this.expect = 'colon';
        } else this.value(s);
      } else if (c === '{' || c === '[') {
        this.needValue(c);
        this.stack.push(c === '{' ? { kind: 'object', value: {}, key: undefined } : { kind: 'array', value: [], count: 0 });
        this.expect = c === '{' ? 'key' : 'value';
      } else if (c === '}' || c === ']') {
        const top = this.top();
        const empty = top && (top.kind === 'array' ? top.count === 0 : Object.keys(top.value).length === 0);
        const kind = c === '}' ? 'object' : 'array';
        if (!top || top.kind !== kind || !(this.expect === 'comma' || (empty && (this.expect === 'key' || this.expect === 'value')))) this.fail(`unexpected ${c}`);
        this.stack.pop();
        this.expect = 'value';
        this.value(top.value, true);
      } else if (c === ':') {
        if (this.expect !== 'colon') this.fail('unexpected :');
        this.expect = 'value';
      } else if (c === ',') {
        if (this.expect !== 'comma' || this.stack.length === 0) this.fail('unexpected ,');
        this.expect = this.top()?.kind === 'object' ? 'key' : 'value';
      } else {
        // A number or literal runs to the next delimiter; one cut by the end of the text waits for the next piece.
        DELIMITER.lastIndex = i;
        const stop = DELIMITER.exec(b)?.index ?? (last ? b.length : -1);
        if (stop < 0) break;
        const token = b.slice(i, stop);
        NUMBER.lastIndex = 0;
        const m = NUMBER.exec(token);
        if (m && m[0].length === token.length) this.value(Number(token));
        else if (Object.hasOwn(LITERALS, token)) this.value(LITERALS[token]);
        else this.fail(`unexpected ${JSON.stringify(token.slice(0, 20))}`);
        next = stop;
      }
      for (let k = i; k < next; k++) this.advance(b[k]!);
      i = next;
    }
    this.buf = b.slice(i);
    if (last && this.buf.trim() !== '') this.fail('the document ends inside a string');
  }

  private needValue(c: string): void {
    if (this.expect !== 'value') this.fail(`unexpected ${c}`);
  }

  private value(v: unknown, closed = false): void {
    if (!closed) this.needValue(JSON.stringify(v)?.slice(0, 20) ?? 'value');
    const top = this.top();
    if (!top) this.root = { value: v };
    else if (top.kind === 'array') {
      top.count++;
      const outer = this.stack.length === 2 ? this.stack[0] : undefined;
      const kept = this.onItem && outer?.kind === 'object' ? this.onItem(outer.key!, v) : v;
      if (kept !== undefined) top.value.push(kept);
    }
    else if (top.key !== undefined) {
      // Assigned, so that objects with the same members share one shape (as JSON.parse makes them); only a
      // `__proto__` member is defined, as assigning it would set the prototype instead.
      if (top.key === '__proto__') Object.defineProperty(top.value, top.key, { value: v, enumerable: true, writable: true, configurable: true });
      else top.value[top.key] = v;
      top.key = undefined;
    }
    this.expect = 'comma';
  }

  private top(): Container | undefined {
    return this.stack[this.stack.length - 1];
  }

  private advance(c: string): void {
    if (c === '\n') {
      this.line++;
      this.column = 1;
    } else this.column++;
  }

  private fail(message: string): never {
    throw new InputError(`${this.what} is not valid JSON (${message})`, { file: this.file, line: this.line, column: this.column });
  }
}

// The index of the quote that closes the string opening at `open`, or -1 when the text ends first.
function stringEnd(b: string, open: number): number {
  let i = open + 1;
  for (;;) {
    const q = b.indexOf('"', i);
    if (q < 0) return -1;
    let slashes = 0;
    for (let k = q - 1; k > open && b[k] === '\\'; k--) slashes++;
    if (slashes % 2 === 0) return q;
    i = q + 1;
  }
}
