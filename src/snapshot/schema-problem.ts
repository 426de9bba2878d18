// A schema validator's error (ajv's) as one reason a document is not a valid snapshot.
import type { ErrorObject } from 'ajv';

/** One reason a document is not a valid snapshot: where (a JSON Pointer) and what is wrong. */
export interface SchemaProblem {
  pointer: string;
  message: string;
}

/** Where and why, in the words kiteguard reports, for one ajv error. */
export function schemaProblem(e: ErrorObject): SchemaProblem {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return { pointer: e.instancePath, message: `missing required property \`${String(params.missingProperty)}\`` };
  if (e.keyword === 'additionalProperties') return { pointer: `${e.instancePath}/${String(params.additionalProperty)}`, message: 'unexpected property (not part of the snapshot schema)' };
  if (e.keyword === 'const' || e.keyword === 'enum') {
    const allowed = (params.allowedValues as unknown[] | undefined) ?? [params.allowedValue];
    return { pointer: e.instancePath, message: `expected one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}` };
  }
  return { pointer: e.instancePath, message: e.message ?? `fails the schema's \`${e.keyword}\` rule` };
}
