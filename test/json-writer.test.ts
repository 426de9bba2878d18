// The streaming JSON writer writes exactly what JSON.stringify(value, null, 2) writes, in pieces that stay small
// however deep a large array sits.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { MadeList, writeJson, writeJsonFile } from '../src/snapshot/json-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'kiteguard-json-'));

// An object whose toJSON answers with the key it is serialized under, as JSON.stringify passes it.
const keyed = { toJSON: (key: string) => ({ under: key }) };

test.each([
  ['scalars', 'text with "quotes", \u2028 and é'],
  ['nested', { a: [1, { b: [], c: {} }, null, 'x'], d: { e: true, f: false, g: 1.5e-7 } }],
  ['undefined and functions', { keep: 1, drop: undefined, fn: () => 1, list: [undefined, () => 2, 3] }],
  ['empty', {}],
  ['mixed items across slice bounds', { list: Array.from({ length: 1025 }, (_, i) => [i, `s${i}`, null, undefined, [i, [{}]], { d: new Date(0), n: { m: [] } }][i % 6]), top: [[1, [2]], 'x'] }],
  ['large', { items: Array.from({ length: 30_000 }, (_, i) => ({ id: i, name: `repo-${i}`, tags: ['a', 'b'] })) }],
  ['unicode and escapes', { 'ключ "q"\n\t\\': ['日本語', '😀 emoji', 'lone \ud800 surrogate', '\u0000\u001f\u007f\u2028\u2029', '</script>'], '': '' }],
  ['numbers', [0, -0, 1e21, -1.5e-300, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity]],
  ['nested empties at every depth', { a: [], b: {}, c: [[], [[]], {}, [{}]], d: { e: { f: { g: [], h: {}, i: [[[]]] } } } }],
  ['members dropped first, last and all', { s: { a: undefined, b: 1, c: undefined }, t: { x: undefined, y: () => 0, z: Symbol('z') }, u: [undefined, Symbol('u')] }],
  ['toJSON with its key, boxed primitives', { when: new Date(86_400_000), k: keyed, list: Array.from({ length: 40 }, () => keyed), boxed: [new Number(3), new String('s'), new Boolean(false)] }],
  ['a large section deep in the document', { github: { repositories: { status: 'ok', data: Array.from({ length: 3000 }, (_, i) => ({ name: `r${i}`, topics: i % 2 ? [] : ['t'], settings: { a: { b: [i, { c: null }] } }, gone: undefined })) } } }],
  ['top-level array and string', [['x'], { y: [] }]],
])('%s', (_name, value) => {
  const file = join(dir, 'out.json');
  writeJsonFile(file, value);
  expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(value, null, 2)}\n`);
});

test('a value JSON.stringify leaves out is written as null', () => {
  const file = join(dir, 'undefined.json');
  writeJsonFile(file, undefined);
  expect(readFileSync(file, 'utf8')).toBe('null\n');
});

test('the file is replaced whole and readable by its owner only when asked', () => {
  const file = join(dir, 'private.json');
  writeJsonFile(file, { first: true }, 0o600);
  writeJsonFile(file, { second: [1] }, 0o600);
  expect(readFileSync(file, 'utf8')).toBe('{\n  "second": [\n    1\n  ]\n}\n');
  expect(statSync(file).mode & 0o777).toBe(0o600);
});

test('a large array deep in a section is written in pieces of about a MiB, not as one string', () => {
  // About 20 MiB of JSON under github.repositories.data, as a collected snapshot holds it.
  const item = (i: number) => ({ name: `repo-${i}`, description: 'x'.repeat(2000), topics: ['a', 'b'], branch_protection: { status: 'ok', data: { required_reviews: i % 3 } } });
  const value = { schemaVersion: 1, github: { repositories: { status: 'ok', data: Array.from({ length: 10_000 }, (_, i) => item(i)) } } };
  const pieces: number[] = [];
  let text = '';
  writeJson((piece) => {
    pieces.push(piece.length);
    text += piece;
  }, value);
  expect(text).toBe(`${JSON.stringify(value, null, 2)}\n`);
  expect(text.length).toBeGreaterThan(20 * 2 ** 20);
  expect(Math.max(...pieces)).toBeLessThan(4 * 2 ** 20);
});

test('a MadeList is written as the list of its made items, by writeJson and by JSON.stringify alike', () => {
  const made: number[] = [];
  const list = new MadeList(Array.from({ length: 5000 }, (_, i) => i), (i) => {
    made.push(i);
    return i % 7 === 0 ? { n: i, when: new Date(i), gone: undefined, k: keyed } : i % 7 === 1 ? [i, undefined] : i % 7 === 2 ? undefined : `s${i}`;
  });
  const value = { head: 1, items: list, deep: { again: [new MadeList(['a', 'b'], (s) => ({ s })), new MadeList([], (s) => s)] }, empty: new MadeList([], (s) => s) };
  const expected = `${JSON.stringify(value, null, 2)}\n`;
  expect(expected).toContain('"n": 4998');
  let text = '';
  made.length = 0;
  writeJson((piece) => (text += piece), value);
  expect(text).toBe(expected);
  expect(made).toHaveLength(5000);
  text = '';
  writeJson((piece) => (text += piece), list);
  expect(text).toBe(`${JSON.stringify(list, null, 2)}\n`);
});

test("a MadeList's items are made as the list is written, not all before the first piece", () => {
  let made = 0;
  const list = new MadeList(Array.from({ length: 20_000 }, (_, i) => i), (i) => (made++, { i, text: 'x'.repeat(200) }));
  const madeAtPiece: number[] = [];
  let text = '';
  writeJson((piece) => (madeAtPiece.push(made), (text += piece)), { list });
  expect(text).toBe(`${JSON.stringify({ list }, null, 2)}\n`);
  expect(madeAtPiece.length).toBeGreaterThan(2);
  expect(madeAtPiece[0]).toBeLessThan(20_000);
});
