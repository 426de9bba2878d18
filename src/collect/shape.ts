// Checks of what an API returned, made where it is read: only what identifies an object is required.

/** A response without the shape the API documents; the part it was read for becomes unavailable with this message. */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

/** Whether a value is a plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value as an object, or a ShapeError naming `what`. */
export function objectOf<T extends Record<string, unknown>>(value: unknown, what: string): T {
  if (!isObject(value)) throw new ShapeError(`${what} was ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value}, not an object`);
  return value as T;
}

/**
 * The items of a list, each an object whose `keys` are non-empty strings (what identifies it). A null item or one
 * that cannot be identified makes the whole list unknown: a list with a hole in it must not read as complete.
 */
export function identified<T>(items: unknown, what: string, keys: readonly string[]): T[] {
  if (!Array.isArray(items)) throw new ShapeError(`the ${what} list was ${items === null ? 'null' : typeof items}, not a list`);
  items.forEach((item, i) => {
    if (!isObject(item)) throw new ShapeError(`${what} #${i + 1} of ${items.length} was ${item === null ? 'null' : typeof item}; the list is incomplete`);
    const missing = keys.find((k) => typeof item[k] !== 'string' || item[k] === '');
    if (missing) throw new ShapeError(`${what} #${i + 1} of ${items.length} has no \`${missing}\`, so it cannot be identified; the list is incomplete`);
  });
  return items as T[];
}

/** The readable items of a list, and a description of those that were not (null, without an identifying key, or failing `problem`). */
export function partitionIdentified<T>(items: unknown, what: string, keys: readonly string[], problem: (item: unknown) => string | undefined = () => undefined): { items: T[]; unidentified?: string } {
  if (!Array.isArray(items)) throw new ShapeError(`the ${what} list was ${items === null ? 'null' : typeof items}, not a list`);
  const why: string[] = [];
  const good = items.filter((item) => {
    const bad = !isObject(item) ? 'null' : keys.some((k) => typeof item[k] !== 'string' || item[k] === '') ? `without ${keys.join(' or ')}` : problem(item);
    if (bad) why.push(bad);
    return !bad;
  });
  if (why.length === 0) return { items: good as T[] };
  return { items: good as T[], unidentified: `${why.length} ${what}${why.length === 1 ? '' : 's'} of ${items.length} could not be read (${[...new Set(why)].slice(0, 3).join('; ')})` };
}
