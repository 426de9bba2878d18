// Checks one object against a definition of the Buildkite snapshot schema (the collector narrows
// what it fetched with these), with ajv compiling the schemas on first use.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import buildkiteSchema from './schema/buildkite.schema.json' with { type: 'json' };
import githubSchema from './schema/github.schema.json' with { type: 'json' };

let shared: InstanceType<typeof Ajv2020.default> | undefined;

// The options match the snapshot's own validator (scripts/lib/snapshot-validator.mjs).
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
