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

/**
 * Until a table has read this many bytes, it searches each input hint by hint with the engine's native string
 * search; from then on (and for any input that would pass it) in one pass of an automaton, built then. A check
 * of a few small files never pays for building the automaton; many inputs, or a large one, do once.
 */
export const AUTOMATON_FROM_BYTES = 32 * 1024;

/** Finds which of a fixed list of lower-case ASCII hints occur in JSON inputs. */
export class LiteralTable {
  private readonly hints: string[];
  private readonly pieces: string[];
  private automaton: Automaton | undefined;
  // Bytes searched hint by hint so far.
  private searched = 0;

  /**
   * Hints that span a space, `=` or newline (rules join strings with them), that hold other
   * characters than printable ASCII without `"` and `\`, or that hold an upper-case letter, are
   * left out: they are never reported absent.
   */
  constructor(hints: readonly string[]) {
    this.hints = [...new Set(hints)].filter((h) => h.length > 0 && /^[\x21-\x7e]+$/.test(h) && !/[="\\A-Z]/.test(h));
    this.pieces = this.hints.map((h) => `${JSON.stringify(h)}:true`);
  }

  /**
   * The input with the table added (`absent_literals`: each hint that occurs in no string or key,
   * read in lower case, nor with `-` and `.` read as `_`, as the policies normalize names), or the
   * input unchanged when it is not a JSON object, holds `\u` or `\/` escapes, or a character that
   * case mapping turns into ASCII. `automatonFrom` is for tests: the bytes read before the automaton reads.
   */
  annotate(bytes: Uint8Array, automatonFrom = AUTOMATON_FROM_BYTES): Uint8Array {
    let end = bytes.length - 1;
    while (end >= 0 && (bytes[end] === 0x20 || bytes[end] === 0x0a || bytes[end] === 0x0d || bytes[end] === 0x09)) end--;
    if (end < 1 || bytes[end] !== 0x7d) return bytes;
    const searching = this.automaton === undefined && this.searched + end < automatonFrom;
    if (searching) this.searched += end;
    const read = searching ? search(this.hints, bytes, end) : scan((this.automaton ??= buildAutomaton(this.hints)), bytes, end);
    if (read === null) return bytes;
    if (read.nonAscii && ASCII_BY_CASE.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'))) return bytes;
    const absent = this.pieces.filter((_, id) => read.found[id] === 0);
    let open = end - 1;
    while (open >= 0 && (bytes[open] === 0x20 || bytes[open] === 0x0a || bytes[open] === 0x0d || bytes[open] === 0x09)) open--;
    const tail = Buffer.from(`${bytes[open] === 0x7b ? '' : ','}"${ABSENT_LITERALS_KEY}":{${absent.join(',')}}}`, 'utf8');
    const result = new Uint8Array(end + tail.length);
    result.set(bytes.subarray(0, end));
    result.set(tail, end);
    return result;
  }
}

/** What one reading of bytes[0, end) found: 1 per hint that occurs, and whether any byte is not ASCII. */
interface Reading {
  found: Uint8Array;
  nonAscii: boolean;
}

// Hint by hint, with native string search over the text in lower case and over it with `-` and `.` as `_`
// (a latin1 reading, one character per byte: no ASCII hint can match across a byte that is not ASCII);
// null when the text holds a `\u` or `\/` escape.
function search(hints: string[], bytes: Uint8Array, end: number): Reading | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, end).toString('latin1');
  if (text.includes('\\u') || text.includes('\\/')) return null;
  const plain = text.toLowerCase();
  const names = plain.replace(/[-.]/g, '_');
  const found = new Uint8Array(hints.length);
  hints.forEach((hint, id) => {
    if (plain.includes(hint) || names.includes(hint)) found[id] = 1;
  });
  return { found, nonAscii: /[^\x00-\x7f]/.test(text) };
}

/** An Aho–Corasick automaton over the 128 ASCII bytes: the full transition table and the hints ending at each state. */
interface Automaton {
  /** How many hints it finds. */
  hints: number;
  next: Int32Array;
  out: number[][];
  /** 1 for the states where a hint ends (their `out` is not empty). */
  ends: Uint8Array;
}

// One pass of the automaton over bytes[0, end), in lower case and with `-` and `.` read as `_` (two
// states at once); a byte that is not ASCII restarts both. Null when the bytes hold a `\u` or `\/` escape.
function scan(automaton: Automaton, bytes: Uint8Array, end: number): Reading | null {
  const { next, out, ends } = automaton;
  const found = new Uint8Array(automaton.hints);
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
    if (b === 0x5c && (bytes[i + 1] === 0x75 || bytes[i + 1] === 0x2f)) return null;
    if (b >= 0x41 && b <= 0x5a) b += 0x20;
    plain = next[plain * 128 + b]!;
    if (ends[plain] === 1) mark(out[plain]!, found);
    names = next[names * 128 + (b === 0x2d || b === 0x2e ? 0x5f : b)]!;
    if (ends[names] === 1) mark(out[names]!, found);
  }
  return { found, nonAscii };
}

// The automaton of the hints: a trie written into the transition table itself (0 is no edge yet: no edge
// leads back to the root), with each state's own edges also kept as (character, state) pairs. Flat arrays,
// not maps: a one-shot check builds it before V8 has optimized anything.
function buildAutomaton(hints: string[]): Automaton {
  const capacity = 1 + hints.reduce((n, h) => n + h.length, 0);
  const next = new Int32Array(capacity * 128);
  const edges: number[][] = [[]];
  const out: number[][] = [[]];
  hints.forEach((hint, id) => {
    let state = 0;
    for (let i = 0; i < hint.length; i++) {
      const at = state * 128 + hint.charCodeAt(i);
      let to = next[at]!;
      if (to === 0) {
        to = next[at] = edges.length;
        edges[state]!.push(hint.charCodeAt(i), to);
        edges.push([]);
        out.push([]);
      }
      state = to;
    }
    out[state]!.push(id);
  });
  // Breadth first: each state's row of the full transition table is its failure state's row
  // (complete by then: failure states are shallower) with its own edges written over it.
  const fail = new Int32Array(edges.length);
  const queue = new Int32Array(edges.length);
  let tail = 0;
  for (let k = 0; k < edges[0]!.length; k += 2) queue[tail++] = edges[0]![k + 1]!;
  for (let head = 0; head < tail; head++) {
    const state = queue[head]!;
    const back = fail[state]!;
    const own = out[state]!;
    for (const id of out[back]!) own.push(id);
    next.copyWithin(state * 128, back * 128, back * 128 + 128);
    const kids = edges[state]!;
    for (let k = 0; k < kids.length; k += 2) {
      const c = kids[k]!;
      const to = kids[k + 1]!;
      fail[to] = next[back * 128 + c]!;
      next[state * 128 + c] = to;
      queue[tail++] = to;
    }
  }
  const ends = new Uint8Array(out.length);
  for (let state = 0; state < out.length; state++) if (out[state]!.length > 0) ends[state] = 1;
  return { hints: hints.length, next, out, ends };
}

// Marks the hints `ids` as found.
function mark(ids: number[], found: Uint8Array): void {
  for (let k = 0; k < ids.length; k++) found[ids[k]!] = 1;
}
