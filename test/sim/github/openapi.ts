// Validates simulated REST responses against GitHub's published OpenAPI description (@octokit/openapi).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvModule, { type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type OpenApi = { paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };

const Ajv = AjvModule.default ?? AjvModule;
const addFormats = addFormatsModule.default ?? addFormatsModule;

let doc: OpenApi | undefined;
let ajv: InstanceType<typeof Ajv> | undefined;
const compiled = new Map<string, ValidateFunction | null>();

function load(): { doc: OpenApi; ajv: InstanceType<typeof Ajv> } {
  if (!doc || !ajv) {
    const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
    doc = dropNullable(JSON.parse(readFileSync(file, 'utf8'))) as OpenApi;
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);
    ajv.addSchema(doc as object, 'openapi');
  }
  return { doc, ajv };
}

/** Rewrites OpenAPI 3.0 `nullable: true` into JSON Schema (`type: [t, 'null']`, or `anyOf` with null) so Ajv reads it. */
function dropNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropNullable);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = dropNullable(v);
  if (out.nullable !== true) return out;
  delete out.nullable;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The OpenAPI path template (e.g. `/orgs/{org}/repos`) a concrete path matches, if any. */
export function matchTemplate(path: string, method: string): string | undefined {
  const { doc } = load();
  const parts = path.split('/');
  return Object.keys(doc.paths).find((t) => {
    const tp = t.split('/');
    return doc.paths[t]![method] !== undefined && tp.length === parts.length && tp.every((seg, i) => (seg.startsWith('{') ? parts[i] !== '' : seg === parts[i]));
  });
}

/** Validates one response body; returns readable errors, or [] when it matches GitHub's schema. */
export function validateResponse(method: string, path: string, status: number, body: unknown): string[] {
  const m = method.toLowerCase();
  const template = matchTemplate(path, m);
  if (!template) return [`no OpenAPI operation for ${method} ${path}`];
  const key = `${m} ${template} ${status}`;
  if (!compiled.has(key)) {
    const { doc, ajv } = load();
    const op = doc.paths[template]![m]!;
    const hasSchema = op.responses?.[String(status)]?.content?.['application/json']?.schema !== undefined;
    compiled.set(key, hasSchema ? ajv.compile({ $ref: `openapi#/paths/${pointer(template)}/${m}/responses/${status}/content/application~1json/schema` }) : null);
  }
  const fn = compiled.get(key);
  if (fn === null) return status >= 400 ? [] : [`${method} ${template} has no ${status} JSON schema`];
  if (fn && !fn(body)) return (fn.errors ?? []).slice(0, 10).map((e) => `${method} ${path} ${status}: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  return [];
}
