// Upload-time interpolation: `buildkite-agent pipeline upload` replaces `$VAR`, `${VAR}`, `${VAR?}`,
// `${VAR:-default}` … before Buildkite reads a field's type, so a typed field may hold such a string.

import { setOwn } from './json.js';

/** Step fields Buildkite reads as a number or a boolean (or a list, for soft_fail). */
const TYPED_FIELDS = new Set([
  'timeout_in_minutes',
  'soft_fail',
  'parallelism',
  'priority',
  'concurrency',
  'async',
  'continue_on_failure',
  'allow_dependency_failure',
  'cancel_on_build_failing',
  'skip',
]);

/** Fields whose normalizer reads a variable as "absent" or rejects it: they become null when no default is given. */
const NULLED = new Set(['timeout_in_minutes', 'soft_fail']);

/** `${NAME:-default}` or `${NAME-default}` as the whole value. */
const WITH_DEFAULT = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?-(.*)\}$/s;

/** True when a string has an upload-time variable (`$$` is an escaped dollar, not a variable). */
export function hasVariable(text: string): boolean {
  for (const m of text.matchAll(/\$(\$|\{|[A-Za-z_])/g)) if (m[1] !== '$') return true;
  return false;
}

/** A step body with typed fields written as upload-time variables resolved, and those that stay unknown. */
export interface UploadTimeFields {
  body: Record<string, unknown>;
  /** Field → the value as written, for typed fields set only at upload time (no default given). */
  interpolated: Record<string, string>;
}

/** Resolves typed fields written as variables: a `${VAR:-x}` default gives x's typed value, else the field is marked. */
export function uploadTimeFields(body: Record<string, unknown>): UploadTimeFields {
  const interpolated: Record<string, string> = {};
  let out = body;
  for (const [k, v] of Object.entries(body)) {
    if (!TYPED_FIELDS.has(k) || typeof v !== 'string' || !hasVariable(v)) continue;
    const fallback = WITH_DEFAULT.exec(v.trim())?.[1];
    if (out === body) out = { ...body };
    if (fallback !== undefined && !hasVariable(fallback)) {
      setOwn(out, k, typed(fallback));
      continue;
    }
    setOwn(interpolated, k, v);
    if (NULLED.has(k)) setOwn(out, k, null);
  }
  return { body: out, interpolated };
}

/** A default's text as the YAML value it becomes once substituted: a boolean, a number, else the string. */
function typed(text: string): unknown {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  if (/^[-+]?\d+(?:\.\d+)?$/.test(t)) return Number(t);
  return text;
}
