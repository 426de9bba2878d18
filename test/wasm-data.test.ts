// How much memory a policy module's data needs, read from its bytes: the engine gives a module at least that
// (an organization's bundle may need more than the default pages), and the shipped module, which `check` gets
// compiled and so without its bytes, must fit in the default pages.
import { describe, expect, it } from 'vitest';
import { readAsset } from '../src/engine/assets.js';
import { DEFAULT_MEMORY_PAGES } from '../src/engine/policy.js';
import { dataPages } from '../src/engine/wasm-data.js';

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const uleb = (n: number): number[] => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...uleb(n >>> 7)]);
const sleb = (n: number): number[] => {
  const byte = n & 0x7f;
  const rest = n >> 7;
  return (rest === 0 && !(byte & 0x40)) || (rest === -1 && byte & 0x40) ? [byte] : [byte | 0x80, ...sleb(rest)];
};
/** A module of one data section with these segments: active ones at an offset, passive ones (null). */
function moduleWithData(segments: { offset: number | null; length: number }[]): Uint8Array {
  const body = [
    ...uleb(segments.length),
    ...segments.flatMap(({ offset, length }) => [...(offset === null ? [1] : [0, 0x41, ...sleb(offset), 0x0b]), ...uleb(length), ...new Array<number>(length).fill(7)]),
  ];
  return new Uint8Array([...HEADER, 11, ...uleb(body.length), ...body]);
}

describe('dataPages', () => {
  it('is the page past the end of the last active segment', () => {
    expect(dataPages(moduleWithData([{ offset: 1024, length: 10 }]))).toBe(1);
    expect(dataPages(moduleWithData([{ offset: 6 * 65536 - 5, length: 10 }, { offset: 0, length: 3 }]))).toBe(7);
    expect(dataPages(moduleWithData([{ offset: 100, length: 4 }, { offset: null, length: 70_000 }]))).toBe(1);
  });

  it('is 0 for bytes that are not a module', () => {
    expect(dataPages(new TextEncoder().encode('not a module'))).toBe(0);
    expect(dataPages(moduleWithData([{ offset: 1024, length: 10 }]).subarray(0, 14))).toBe(0);
  });

  it('of the shipped module fits in the default pages (a one-shot check would instantiate it twice otherwise)', () => {
    const pages = dataPages(readAsset('policy.wasm'));
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThanOrEqual(DEFAULT_MEMORY_PAGES);
  });
});
