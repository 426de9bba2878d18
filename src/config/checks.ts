// Checks shared by the config readers: types, dates and positions of values in `.kiteguard.yml`,
// each failure an InputError at the offending file:line:col.
import { InputError } from '../errors.js';
import { SEVERITIES, type Severity } from '../model/report.js';
import type { LoadedYaml } from '../yaml/load.js';
import type { PosNode } from '../yaml/positions.js';
import { closest } from './suggest.js';

/** Checks a value is a mapping (null counts as empty) whose keys are all in `allowed`, when given. */
export function mapping(yaml: LoadedYaml, value: unknown, pos: PosNode, what: string, allowed?: string[]): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) fail(yaml, pos.at, `expected ${what} to be a mapping, got ${kind(value)}`);
  const record = value as Record<string, unknown>;
  if (allowed !== undefined) {
    for (const key of Object.keys(record)) {
      if (allowed.includes(key)) continue;
      const hint = closest(key, allowed, 3);
      fail(yaml, keyAt(pos, key), `unknown key "${key}" in ${what}${hint ? `; did you mean "${hint}"?` : ''}; expected ${allowed.join(', ')}`);
    }
  }
  return record;
}

export function severity(yaml: LoadedYaml, value: unknown, at: number, what: string): Severity {
  if (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)) return value as Severity;
  return fail(yaml, at, `expected ${what} to be one of ${SEVERITIES.join(', ')}, got ${kind(value)}`);
}

export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** JSON's names for a value's type: array, object, string, number, boolean, null. */
export function jsonType(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

export function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

export function kind(v: unknown): string {
  const t = jsonType(v);
  if (t === 'string' || t === 'number' || t === 'boolean') return `${article(t)} (${JSON.stringify(v)})`;
  return t === 'null' ? 'nothing (null)' : article(t === 'object' ? 'mapping' : 'list');
}

export function entryValue(node: PosNode, key: string): PosNode {
  return (node.kind === 'map' ? node.entries.get(key)?.value : undefined) ?? node;
}

export function keyAt(node: PosNode, key: string): number {
  return (node.kind === 'map' ? node.entries.get(key)?.at : undefined) ?? node.at;
}

/** Where a value is written (the value itself; the key when the value is empty). */
export function valueAt(node: PosNode, key: string): number {
  const entry = node.kind === 'map' ? node.entries.get(key) : undefined;
  if (entry === undefined) return node.at;
  return entry.value.kind === 'scalar' && entry.value.text === null ? entry.at : entry.value.at;
}

export function fail(yaml: LoadedYaml, at: number, message: string): never {
  throw new InputError(message, { file: yaml.file, ...yaml.lines.at(Math.max(0, at)) });
}
