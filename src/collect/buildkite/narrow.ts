// Keeps an object whose fields fail the snapshot schema: each failing field becomes an `unavailable` envelope in its
// place, so only what reads that field is unknown, while the object (a pipeline, a team) keeps its place.
import { unavailable } from '../../snapshot/section.js';
import { buildkiteDefinitionField } from '../../snapshot/buildkite-definitions.js';
import { isObject } from '../shape.js';

/** Most fields of one object replaced before it is given up as unreadable. */
const MAX_NARROWED = 16;

/**
 * The object with every field that fails `definition` of the Buildkite snapshot schema (missing, null where a value
 * is documented, of the wrong type) replaced by an `unavailable` envelope with the reason, and the dotted paths of
 * those fields; or why not, when the object cannot be identified (one of `identity` is bad, or it is no object).
 */
export function narrowFields<T>(item: unknown, definition: string, identity: readonly string[]): { value: T; unavailable: string[] } | { problem: string } {
  if (!isObject(item)) return { problem: item === null ? 'null' : `a ${typeof item}` };
  let value: Record<string, unknown> = { ...item };
  const fields: string[] = [];
  for (let i = 0; i <= MAX_NARROWED; i++) {
    const bad = buildkiteDefinitionField(definition, value);
    if (!bad) return { value: value as T, unavailable: fields };
    const field = bad.field;
    // A field already replaced that still fails sits where the schema allows no envelope: replace its parent instead.
    const at = fields.includes(field.join('.')) ? field.slice(0, -1) : field;
    if (at.length === 0 || identity.includes(at[0]!) || i === MAX_NARROWED) return { problem: `\`${field.join('.') || 'the object'}\` ${bad.message}` };
    const old = at.reduce<unknown>((o, k) => (isObject(o) ? o[k] : undefined), value);
    const why = unavailable(`\`${at.join('.')}\` was ${old === undefined ? 'not returned' : old === null ? 'null' : `not as Buildkite documents it (${bad.message})`}`);
    value = replaceAt(value, at, why);
    fields.push(at.join('.'));
  }
  return { problem: 'too many fields could not be read' };
}

/** A copy of `obj` with the value at `path` replaced (objects along the path copied, never mutated). */
function replaceAt(obj: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) return { ...obj, [head]: value };
  const child = obj[head];
  return { ...obj, [head]: replaceAt(isObject(child) ? child : {}, rest, value) };
}
