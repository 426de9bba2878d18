// Checks a snapshot document against its published JSON Schema, on write and on read.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import buildkiteSchema from './schema/buildkite.schema.json' with { type: 'json' };
import githubSchema from './schema/github.schema.json' with { type: 'json' };
import snapshotSchema from './schema/snapshot.schema.json' with { type: 'json' };

/** The snapshot shape this kiteguard reads and writes. */
export const SCHEMA_VERSION = 1;

/** One reason a document is not a valid snapshot: where (a JSON Pointer) and what is wrong. */
export interface SchemaProblem {
  pointer: string;
  message: string;
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled) return compiled;
  // Both packages are CommonJS: their classes sit on `default` under Node's ESM interop.
  const ajv = new Ajv2020.default({ allErrors: false, strict: false });
  addFormats.default(ajv);
  ajv.addSchema(githubSchema);
  ajv.addSchema(buildkiteSchema);
  const validate = ajv.compile(snapshotSchema);
  compiled = validate;
  return validate;
}

/** The problems that make `value` not a snapshot of this version (empty when it is one). */
export function snapshotProblems(value: unknown): SchemaProblem[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [{ pointer: '', message: 'expected a JSON object (a kiteguard snapshot)' }];
  }
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (version !== SCHEMA_VERSION) {
    const seen = version === undefined ? 'no schemaVersion' : `schemaVersion ${JSON.stringify(version)}`;
    return [{ pointer: '/schemaVersion', message: `${seen}; this kiteguard reads snapshots with schemaVersion ${SCHEMA_VERSION} (collect it again with this version)` }];
  }
  const validate = validator();
  if (validate(value)) return [];
  return (validate.errors ?? []).slice(0, 5).map(describeError);
}

function describeError(e: ErrorObject): SchemaProblem {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return { pointer: e.instancePath, message: `missing required property \`${String(params.missingProperty)}\`` };
  if (e.keyword === 'additionalProperties') return { pointer: `${e.instancePath}/${String(params.additionalProperty)}`, message: 'unexpected property (not part of the snapshot schema)' };
  if (e.keyword === 'const' || e.keyword === 'enum') {
    const allowed = (params.allowedValues as unknown[] | undefined) ?? [params.allowedValue];
    return { pointer: e.instancePath, message: `expected one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}` };
  }
  return { pointer: e.instancePath, message: e.message ?? `fails the schema's \`${e.keyword}\` rule` };
}
