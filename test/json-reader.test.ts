// The chunked JSON reader gives exactly what JSON.parse gives, whatever the chunk boundaries, and locates errors.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../src/errors.js';
import { readJsonFile } from '../src/snapshot/json-reader.js';
import { ROOT } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kg-json-'));
const save = (text: string): string => {
  const file = join(dir, `f${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, text);
  return file;
};

describe('readJsonFile in chunks (streamAbove 0)', () => {
  test('the example estate snapshot reads back exactly', () => {
    const file = join(ROOT, 'fixtures/estate/snapshot.json');
    expect(readJsonFile(file, 'the snapshot', 0)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });

  test('any JSON value, pretty or compact, reads as JSON.parse reads it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), fc.integer({ min: 1, max: 9 }), (value, pretty, chunk) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined) ?? 'null';
        expect(readJsonFile(save(text), 'x', 0, chunk)).toEqual(JSON.parse(text));
      }),
      { numRuns: 150 },
    );
  });

  test('strings with escapes, unicode and __proto__ keys survive', () => {
    const value = { __proto__x: 1, ['__proto__']: { a: 'q"\\\\\n\u2028é😀' }, n: [-0.5e-3, 1e21, 0] };
    const text = JSON.stringify(value);
    for (const chunk of [1, 2, 3, 5]) expect(readJsonFile(save(text), 'x', 0, chunk)).toEqual(JSON.parse(text));
  });

  test('each top-level list item goes through the hook, in document order, as in a file read whole', () => {
    const value = { a: [1, { b: [2, 3] }, 'x', null], c: { d: [4] }, e: [], f: 'g', h: [[5], [6, 7], {}] };
    const text = JSON.stringify(value, null, 2);
    // Drops numbers, wraps the rest with the list's name; nested lists are left alone.
    const hook = (seen: unknown[]) => (list: string, item: unknown) => (seen.push([list, item]), typeof item === 'number' ? undefined : { list, item });
    const wholeSeen: unknown[] = [];
    const whole = readJsonFile(save(text), 'x', undefined, undefined, hook(wholeSeen));
    expect(whole).toEqual({ a: [{ list: 'a', item: { b: [2, 3] } }, { list: 'a', item: 'x' }, { list: 'a', item: null }], c: { d: [4] }, e: [], f: 'g', h: [[5], [6, 7], {}].map((item) => ({ list: 'h', item })) });
    for (const chunk of [1, 3, 64]) {
      const seen: unknown[] = [];
      expect(readJsonFile(save(text), 'x', 0, chunk, hook(seen))).toEqual(whole);
      expect(seen).toEqual(wholeSeen);
    }
  });

  test('a list whose items were all dropped still needs them well formed', () => {
    let err: unknown;
    try {
      readJsonFile(save('{"a": [1, 2,]}'), 'the results file', 0, 4, () => undefined);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).position).toMatchObject({ line: 1, column: 13 });
  });

  test.each([
    ['{"a": 1,}', 1, 9],
    ['[1, 2', 1, 6],
    ['{"a": tru}', 1, 7],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3],
    ['{"a": 1} x', 1, 10],
  ])('%j is an InputError at %i:%i', (text, line, column) => {
    let err: unknown;
    try {
      readJsonFile(save(text), 'the results file', 0);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).position).toMatchObject({ line, column });
    expect((err as InputError).message).toContain('the results file is not valid JSON');
  });
});
