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
