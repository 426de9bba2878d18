// Normalizers for the step fields Buildkite accepts in several spellings: env, agents,
// secrets, soft_fail, timeouts, artifact paths, teams, branches. Each returns the value
// and where every part of it is written.

import type { PosNode } from '../yaml/positions.js';
import { setOwn, toJson, toText } from './json.js';
import { describe, entryLoc, entryOf, isMap, itemOf, kids, nodeLoc } from './source.js';
import type { Ctx, LocNode } from './source.js';
import type { Json } from './types.js';

/** A normalized field value with its source map. */
export interface Field<T> {
  value: T;
  loc: LocNode;
}

/** `env` or `agents`: a mapping, or a list of `KEY=value` strings; values become strings. */
export function stringMap(value: unknown, pos: PosNode, at: LocNode, ctx: Ctx, what: string): Field<Record<string, string>> {
  const out: Record<string, string> = {};
  const locs: Array<[string, LocNode]> = [];
  if (isMap(value)) {
    for (const [k, v] of Object.entries(value)) {
      setOwn(out, k, toText(v));
      const entry = entryOf(pos, k);
      locs.push([k, entry ? entryLoc(entry) : at]);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const itemPos = itemOf(pos, i);
      if (typeof item !== 'string') ctx.fail(itemPos?.at ?? pos.at, `expected ${what} entries as KEY=value strings, got ${describe(item)}`);
      const eq = item.indexOf('=');
      const k = eq < 0 ? item : item.slice(0, eq);
      setOwn(out, k, eq < 0 ? '' : item.slice(eq + 1));
      locs.push([k, itemPos ? nodeLoc(itemPos) : at]);
    });
  } else if (value !== null && value !== undefined) {
    ctx.fail(pos.at, `expected ${what} to be a mapping or a list of KEY=value strings, got ${describe(value)}`);
  }
  return { value: out, loc: { ...at, kids: kids(locs) } };
}

/** `secrets`: a list of names (each exposed under its own name), `{key, environment_variable}` items, or a mapping env var → secret. */
export function secrets(value: unknown, pos: PosNode, at: LocNode, ctx: Ctx): Field<Record<string, string>> {
  if (!Array.isArray(value)) return stringMap(value, pos, at, ctx, 'secrets');
  const out: Record<string, string> = {};
  const locs: Array<[string, LocNode]> = [];
  value.forEach((item, i) => {
    const itemPos = itemOf(pos, i);
    const loc = itemPos ? nodeLoc(itemPos) : at;
    if (typeof item === 'string') {
      setOwn(out, item, item);
      locs.push([item, loc]);
    } else if (isMap(item) && typeof item['key'] === 'string') {
      const env = typeof item['environment_variable'] === 'string' ? item['environment_variable'] : item['key'];
      setOwn(out, env, item['key']);
      locs.push([env, loc]);
    } else {
      ctx.fail(loc.at, `expected a secret name, or a mapping with key and environment_variable, got ${describe(item)}`);
    }
  });
  return { value: out, loc: { ...at, kids: kids(locs) } };
}

/** `soft_fail`: true/false (also as strings) or a list of `{exit_status}`; a single object becomes a list. */
export function softFail(value: unknown, pos: PosNode, ctx: Ctx): boolean | Json[] {
  if (value === null || value === undefined || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  if (Array.isArray(value)) return value.map(toJson);
  if (isMap(value)) return [toJson(value)];
  return ctx.fail(pos.at, `expected soft_fail to be true, false or a list of {exit_status: …}, got ${describe(value)}`);
}

/** `timeout_in_minutes`: a number or a numeric string; anything else is null (kept in extra by the caller). */
export function timeout(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

/** A string or a list of strings (each item split on `;` when `split`), with each part's source. */
export function stringList(value: unknown, pos: PosNode, at: LocNode, ctx: Ctx, what: string, split: boolean): Field<string[]> {
  const out: string[] = [];
  const locs: LocNode[] = [];
  const add = (text: string, loc: LocNode): void => {
    const parts = split ? text.split(';').map((p) => p.trim()).filter((p) => p !== '') : [text];
    for (const p of parts) {
      out.push(p);
      locs.push(loc);
    }
  };
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const itemPos = itemOf(pos, i);
      const loc = itemPos ? nodeLoc(itemPos) : at;
      if (item === null || item === undefined) return;
      if (isMap(item) || Array.isArray(item)) ctx.fail(loc.at, `expected ${what} to be strings, got ${describe(item)}`);
      add(toText(item), loc);
    });
  } else if (isMap(value)) {
    ctx.fail(pos.at, `expected ${what} to be a string or a list of strings, got ${describe(value)}`);
  } else if (value !== null && value !== undefined) add(toText(value), at);
  return { value: out, loc: { ...at, kids: kids(locs.map((l, i) => [i, l])) } };
}

/** `branches`: a space-separated string, or a list (joined with spaces). */
export function branches(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toText).join(' ');
  return toText(value);
}

/** Turns "true"/"false" into booleans at the given key paths ('*' = every list item); other values stay. */
export function booleanish(value: Json, paths: string[][] | undefined): Json {
  if (paths === undefined) return value;
  let out = value;
  for (const path of paths) out = atPath(out, path);
  return out;
}

function atPath(value: Json, path: string[]): Json {
  const [head, ...rest] = path;
  if (head === undefined) return value === 'true' ? true : value === 'false' ? false : value;
  if (head === '*') return Array.isArray(value) ? value.map((v) => atPath(v, rest)) : value;
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, head)) return value;
  const copy: { [key: string]: Json } = { ...value };
  copy[head] = atPath(value[head] ?? null, rest);
  return copy;
}
