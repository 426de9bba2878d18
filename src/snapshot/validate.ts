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
let shared: InstanceType<typeof Ajv2020.default> | undefined;

function schemas(): InstanceType<typeof Ajv2020.default> {
  if (shared) return shared;
  // Both packages are CommonJS: their classes sit on `default` under Node's ESM interop.
  const ajv = new Ajv2020.default({ allErrors: false, strict: false });
  addFormats.default(ajv);
  ajv.addSchema(githubSchema);
  ajv.addSchema(buildkiteSchema);
  shared = ajv;
  return ajv;
}

function validator(): ValidateFunction {
  compiled ??= schemas().compile(snapshotSchema);
  return compiled;
}

/** Why one object does not match a definition of the Buildkite snapshot schema (e.g. `pipeline`), or undefined when it does. */
export function buildkiteDefinitionProblem(definition: string, value: unknown): string | undefined {
  const validate = schemas().getSchema(`${buildkiteSchema.$id}#/$defs/${definition}`);
  if (!validate) throw new Error(`no definition ${definition} in the Buildkite snapshot schema`);
  if (validate(value)) return undefined;
  const e = validate.errors?.[0];
  return e ? describeError(e).message + (e.instancePath ? ` at ${e.instancePath}` : '') : 'does not match the snapshot schema';
}

/** Where (property names from the object's root) and why one object first fails a definition of the Buildkite snapshot schema. */
export function buildkiteDefinitionField(definition: string, value: unknown): { field: string[]; message: string } | undefined {
  const validate = schemas().getSchema(`${buildkiteSchema.$id}#/$defs/${definition}`);
  if (!validate) throw new Error(`no definition ${definition} in the Buildkite snapshot schema`);
  if (validate(value)) return undefined;
  const e = validate.errors?.[0];
  if (!e) return { field: [], message: 'does not match the snapshot schema' };
  const at = e.instancePath.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  const missing = e.keyword === 'required' ? String((e.params as { missingProperty?: unknown }).missingProperty) : undefined;
  return { field: missing ? [...at, missing] : at, message: missing ? 'missing' : (e.message ?? `fails the schema's \`${e.keyword}\` rule`) };
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
