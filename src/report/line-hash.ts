// GitHub code scanning's `primaryLocationLineHash`: a rolling hash (base 37, 64-bit) over the first 100
// characters from the start of each line, spaces and tabs left out and line endings read as `\n`, with `:N`
// telling identical lines apart. Results that carry the value GitHub would compute are matched to the same
// alert across runs, also when they are uploaded through the REST API, which computes none.

const WINDOW = 100;
const BASE = 37n;
const EOF = 0xffff;

/** 37^100 modulo 2^64: the weight of the character that leaves the window. */
const LEAVING = (() => {
  let m = 1n;
  for (let i = 0; i < WINDOW; i++) m = BigInt.asUintN(64, m * BASE);
  return m;
})();

/** The line hash of every line of a text, keyed by 1-based line number. */
export function lineHashes(text: string): Map<number, string> {
  const hashes = new Map<number, string>();
  const seen = new Map<string, number>();
  const window = new Array<number>(WINDOW).fill(0);
  const lineAt = new Array<number>(WINDOW).fill(-1);
  let hash = 0n;
  let index = 0;
  let line = 0;
  let lineStart = true;
  let prevCR = false;

  const emit = (): void => {
    const value = hash.toString(16);
    const n = (seen.get(value) ?? 0) + 1;
    seen.set(value, n);
    hashes.set(lineAt[index]!, `${value}:${n}`);
    lineAt[index] = -1;
  };
  const push = (code: number): void => {
    const leaving = window[index]!;
    window[index] = code;
    hash = BigInt.asUintN(64, BASE * hash + BigInt(code) - LEAVING * BigInt(leaving));
    index = (index + 1) % WINDOW;
  };
  const read = (code: number): void => {
    if (code === 0x20 || code === 0x09 || (prevCR && code === 0x0a)) {
      prevCR = false;
      return;
    }
    prevCR = code === 0x0d;
    const c = prevCR ? 0x0a : code;
    if (lineAt[index] !== -1) emit();
    if (lineStart) {
      lineStart = false;
      line++;
      lineAt[index] = line;
    }
    if (c === 0x0a) lineStart = true;
    push(c);
  };

  for (let i = 0; i < text.length; i++) read(text.charCodeAt(i));
  read(EOF);
  for (let i = 0; i < WINDOW; i++) {
    if (lineAt[index] !== -1) emit();
    push(0);
  }
  return hashes;
}
