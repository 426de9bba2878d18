// The streaming JSON writer writes exactly what JSON.stringify(value, null, 2) writes.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { writeJsonFile } from '../src/snapshot/json-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'kiteguard-json-'));

test.each([
  ['scalars', 'text with "quotes", \u2028 and é'],
  ['nested', { a: [1, { b: [], c: {} }, null, 'x'], d: { e: true, f: false, g: 1.5e-7 } }],
  ['undefined and functions', { keep: 1, drop: undefined, fn: () => 1, list: [undefined, () => 2, 3] }],
  ['empty', {}],
  ['mixed items across slice bounds', { list: Array.from({ length: 1025 }, (_, i) => [i, `s${i}`, null, undefined, [i, [{}]], { d: new Date(0), n: { m: [] } }][i % 6]), top: [[1, [2]], 'x'] }],
  ['large', { items: Array.from({ length: 30_000 }, (_, i) => ({ id: i, name: `repo-${i}`, tags: ['a', 'b'] })) }],
])('%s', (_name, value) => {
  const file = join(dir, 'out.json');
  writeJsonFile(file, value);
  expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(value, null, 2)}\n`);
});
