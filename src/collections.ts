// Collection helpers every stage may use, written to stay linear in the number of items.

/** Appends `value` to the list `map` keeps under `key`, starting the list on first use. */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The largest of `numbers`, 0 for none; any count (Math.max(...list) overflows the stack on long lists). */
export function maxOf(numbers: Iterable<number>): number {
  let max = 0;
  for (const n of numbers) if (n > max) max = n;
  return max;
}

/** Appends every item to `list` in place; any count (list.push(...items) overflows the stack on long lists). */
export function appendAll<T>(list: T[], items: Iterable<T>): void {
  for (const item of items) list.push(item);
}

// A map keyed by a pair of strings (a target and a rule id) without joining them into one long key per entry:
// results of a large sweep hold millions of outcomes, and a joined key per outcome costs more than the outcome.

/** A Map keyed by (first, second), iterated in the order keys were first set, as a Map keyed by the joined pair is. */
export class PairMap<V> {
  private readonly index = new Map<string, Map<string, number>>();
  private readonly items: V[] = [];

  /** The value under (first, second), if any. */
  get(first: string, second: string): V | undefined {
    const at = this.index.get(first)?.get(second);
    return at === undefined ? undefined : this.items[at];
  }

  /** Sets the value under (first, second); a key set before keeps its place. */
  set(first: string, second: string, value: V): void {
    let inner = this.index.get(first);
    if (!inner) this.index.set(first, (inner = new Map()));
    const at = inner.get(second);
    if (at === undefined) {
      inner.set(second, this.items.length);
      this.items.push(value);
    } else this.items[at] = value;
  }

  /** How many keys are set. */
  get size(): number {
    return this.items.length;
  }

  /** The values, in the order their keys were first set. */
  values(): V[] {
    return [...this.items];
  }
}

// One shared copy of each repeated string: a file read back holds a target's name once per outcome, each its own
// copy as parsed; interned, every outcome of the target points at one.

/** Strings up to this length are shared; longer ones (messages, evidence) are rarely repeated and kept as they are. */
const SHARE_UP_TO = 256;

/** Hands back one copy of each equal string it is given. */
export class Interner {
  private readonly seen = new Map<string, string>();

  /** The first equal string this interner was given, or `text` itself when it is the first (or long). */
  get<T extends string>(text: T): T {
    if (typeof text !== 'string' || text.length > SHARE_UP_TO) return text;
    const known = this.seen.get(text);
    if (known !== undefined) return known as T;
    this.seen.set(text, text);
    return text;
  }
}
