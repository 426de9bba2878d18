// PairMap behaves as a Map keyed by the joined pair (values, order, overwrites), and Interner shares equal strings.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { Interner, PairMap } from '../src/collections.js';

test('a PairMap answers and iterates as a Map keyed by the two strings joined', () => {
  const part = fc.constantFrom('', 'a', 'b', 'a:b', 'ab', '\u0000', 'é', '__proto__', 'constructor', 'toString');
  fc.assert(
    fc.property(fc.array(fc.tuple(part, part, fc.integer())), fc.array(fc.tuple(part, part)), (sets, gets) => {
      const pairs = new PairMap<number>();
      const joined = new Map<string, number>();
      for (const [a, b, v] of sets) {
        pairs.set(a, b, v);
        joined.set(JSON.stringify([a, b]), v);
      }
      expect(pairs.values()).toEqual([...joined.values()]);
      expect(pairs.size).toBe(joined.size);
      for (const [a, b] of gets) expect(pairs.get(a, b)).toBe(joined.get(JSON.stringify([a, b])));
    }),
    { numRuns: 300 },
  );
});

test('pairs a joined key would confuse stay apart', () => {
  const pairs = new PairMap<string>();
  pairs.set('a', 'b:c', 'first');
  pairs.set('a:b', 'c', 'second');
  pairs.set('a', 'b:c', 'third');
  expect(pairs.values()).toEqual(['third', 'second']);
  expect(pairs.get('a:b', 'c')).toBe('second');
  expect(pairs.get('a', 'b')).toBeUndefined();
});

test('an Interner hands back the first of equal strings, and long strings as given', () => {
  const strings = new Interner();
  const first = ['acme/api', '00001'].join('-');
  const again = ['acme/api-', '00001'].join('');
  expect(strings.get(first)).toBe(first);
  expect(strings.get(again)).toBe(first);
  expect(strings.get('')).toBe('');
  const long = 'x'.repeat(300);
  expect(strings.get(long)).toBe(long);
  expect(strings.get(undefined as unknown as string)).toBeUndefined();
});
