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
