// The literal table of a pipeline input: which hints of the policies' literal prefilters
// (policies/lib/hints.rego) occur nowhere in the input, found in one pass over its JSON bytes
// so the policies skip those hints instead of looking for each of them in every text.
// The table only ever names hints that cannot occur: the verdict is the policies' own.

/** The input key the policies read the table from (`lib.hints.occurs`). */
export const ABSENT_LITERALS_KEY = 'absent_literals';

// Characters (besides ASCII) that some case mapping turns into ASCII letters: where the policies
// fold them to a letter the bytes do not show it, so an input holding one gets no table.
const ASCII_BY_CASE = /[\u00df\u0130\u0131\u0149\u017f\u01f0\u1e96-\u1e9a\u1e9e\u212a\ufb00-\ufb06]/u;

/** The characters besides ASCII whose lower, upper or upper-then-lower case holds ASCII (for the test that checks the list). */
export const ASCII_BY_CASE_PATTERN: RegExp = ASCII_BY_CASE;

/** Finds which of a fixed list of lower-case ASCII hints occur in JSON inputs (an Aho–Corasick automaton over bytes). */
export class LiteralTable {
  private readonly next: Int32Array;
  private readonly out: number[][];
  // 1 for the states where some hint ends (those with an `out` list), so the scan skips the others' empty lists.
  private readonly ends: Uint8Array;
  private readonly hints: string[];
  private readonly pieces: string[];

  /**
   * Hints that span a space, `=` or newline (rules join strings with them), that hold other
   * characters than printable ASCII without `"` and `\`, or that hold an upper-case letter, are
   * left out: they are never reported absent.
   */
  constructor(hints: readonly string[]) {
    this.hints = [...new Set(hints)].filter((h) => h.length > 0 && /^[\x21-\x7e]+$/.test(h) && !/[="\\A-Z]/.test(h));
    this.pieces = this.hints.map((h) => `${JSON.stringify(h)}:true`);
    const goto: Array<Map<number, number>> = [new Map()];
    const out: number[][] = [[]];
    this.hints.forEach((hint, id) => {
      let state = 0;
      for (let i = 0; i < hint.length; i++) {
        const c = hint.charCodeAt(i);
        let to = goto[state]!.get(c);
        if (to === undefined) {
          to = goto.push(new Map()) - 1;
          out.push([]);
          goto[state]!.set(c, to);
        }
        state = to;
      }
      out[state]!.push(id);
    });
    // Breadth first: each state's row of the full transition table is its failure state's row
    // (complete by then: failure states are shallower) with its own edges written over it.
    this.next = new Int32Array(goto.length * 128);
    const fail = new Int32Array(goto.length);
    const queue: number[] = [];
    for (const [c, to] of goto[0]!) {
      this.next[c] = to;
      queue.push(to);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      const back = fail[state]!;
      out[state]!.push(...out[back]!);
      this.next.copyWithin(state * 128, back * 128, back * 128 + 128);
      for (const [c, to] of goto[state]!) {
        fail[to] = this.next[back * 128 + c]!;
        this.next[state * 128 + c] = to;
        queue.push(to);
      }
    }
    this.out = out;
    this.ends = Uint8Array.from(out, (ids) => (ids.length > 0 ? 1 : 0));
  }

  /**
   * The input with the table added (`absent_literals`: each hint that occurs in no string or key,
   * read in lower case, nor with `-` and `.` read as `_`, as the policies normalize names), or the
   * input unchanged when it is not a JSON object, holds `\u` or `\/` escapes, or a character that
   * case mapping turns into ASCII.
   */
  annotate(bytes: Uint8Array): Uint8Array {
    let end = bytes.length - 1;
    while (end >= 0 && (bytes[end] === 0x20 || bytes[end] === 0x0a || bytes[end] === 0x0d || bytes[end] === 0x09)) end--;
    if (end < 1 || bytes[end] !== 0x7d) return bytes;
    const found = new Uint8Array(this.hints.length);
    let nonAscii = false;
    let plain = 0;
    let names = 0;
    for (let i = 0; i < end; i++) {
      let b = bytes[i]!;
      if (b >= 0x80) {
        nonAscii = true;
        plain = names = 0;
        continue;
      }
      if (b === 0x5c && (bytes[i + 1] === 0x75 || bytes[i + 1] === 0x2f)) return bytes;
      if (b >= 0x41 && b <= 0x5a) b += 0x20;
      plain = this.next[plain * 128 + b]!;
      if (this.ends[plain]) for (const id of this.out[plain]!) found[id] = 1;
      names = this.next[names * 128 + (b === 0x2d || b === 0x2e ? 0x5f : b)]!;
      if (this.ends[names]) for (const id of this.out[names]!) found[id] = 1;
    }
    if (nonAscii && ASCII_BY_CASE.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'))) return bytes;
    const absent = this.pieces.filter((_, id) => found[id] === 0);
    let open = end - 1;
    while (open >= 0 && (bytes[open] === 0x20 || bytes[open] === 0x0a || bytes[open] === 0x0d || bytes[open] === 0x09)) open--;
    const tail = Buffer.from(`${bytes[open] === 0x7b ? '' : ','}"${ABSENT_LITERALS_KEY}":{${absent.join(',')}}}`, 'utf8');
    const result = new Uint8Array(end + tail.length);
    result.set(bytes.subarray(0, end));
    result.set(tail, end);
    return result;
  }
}
