// Conversions from constructed YAML values to plain JSON and to the strings Buildkite uses.

import type { Json } from './types.js';
import { isMap } from './source.js';

/** A YAML value as plain JSON: non-finite numbers become strings, aliases are copied. */
export function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(toJson);
  if (isMap(value)) {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, toJson(v));
    return out;
  }
  return String(value);
}

/** A scalar as the string Buildkite would see (null → "", collections → JSON text). */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(toJson(value));
}

/** A scalar as a string, or null when absent or null. */
export function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : toText(value);
}

/** Sets an own property, even one named `__proto__` (plain assignment would change the prototype). */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
