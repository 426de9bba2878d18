// The line hash GitHub code scanning computes for `primaryLocationLineHash`, checked against the values GitHub's
// own uploader produces for the same inputs (its published test vectors).
import { describe, expect, test } from 'vitest';
import { lineHashes } from '../src/report/line-hash.js';

const VECTORS: Array<[string, string[]]> = [
  ['', ['c129715d7a2bc9a3:1']],
  [' a\nb\n  \t\tc\n d', ['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1']],
  [' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End', ['8b7cf3e952e7aeb2:1', 'b1ae1287ec4718d9:1', 'bff680108adb0fcc:1', 'c6805c5e1288b612:1', 'b86d3392aea1be30:1', 'e6ceba753e1a442:1']],
  ...[' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n', ' hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r', ' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n', ' hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n'].map(
    (text): [string, string[]] => [text, ['e9496ae3ebfced30:1', 'fb7c023a8b9ccb3f:1', 'ce8ba1a563dcdaca:1', 'e20e36e16fcb0cc8:1', 'b3edc88f2938467e:1', 'c8e28b0b4002a3a0:1', 'c129715d7a2bc9a3:1']],
  ),
  [
    'Lorem ipsum dolor sit amet.\n'.repeat(10),
    [...[1, 2, 3, 4, 5, 6].map((n) => `a7f2ff13bc495cf2:${n}`), 'a7f2ff1481e87703:1', 'a9cf91f7bbf1862b:1', '55ec222b86bcae53:1', 'cc97dc7b1d7d8f7b:1', 'c129715d7a2bc9a3:1'],
  ],
];

describe('primaryLocationLineHash', () => {
  test.each(VECTORS.map(([text, hashes], i) => [i, text, hashes] as const))('vector %i', (_i, text, hashes) => {
    const got = lineHashes(text);
    expect([...got.keys()]).toEqual(hashes.map((_, k) => k + 1));
    expect([...got.values()]).toEqual(hashes);
  });
});
