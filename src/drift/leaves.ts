// A bounded list of the leaf values that differ between two JSON documents.

/** One changed value: its dotted path and the values before and after (`undefined` when absent). */
export interface LeafChange {
  path: string;
  before: unknown;
  after: unknown;
}

/** Up to `limit` leaves that differ, depth first; arrays of objects compare by position, other arrays whole. */
export function changedLeaves(before: unknown, after: unknown, limit = 5, prefix = ''): LeafChange[] {
  const out: LeafChange[] = [];
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (out.length >= limit) return;
    if (isObject(a) && isObject(b)) {
      for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) walk(a[k], b[k], path ? `${path}.${k}` : k);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.some(isObject)) {
      a.forEach((item, i) => walk(item, b[i], `${path}[${i}]`));
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, before: a, after: b });
  };
  walk(before, after, prefix);
  return out;
}

/** A value written short for a sentence: scalars as JSON, lists by their length, objects as `{…}`. */
export function shortValue(value: unknown): string {
  if (value === undefined) return 'absent';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : `${value.length} ${value.length === 1 ? 'entry' : 'entries'}`;
  if (isObject(value)) return '{…}';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
