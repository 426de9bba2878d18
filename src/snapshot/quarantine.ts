// The last safety net of a collection: parts of a snapshot that fail its schema are replaced by `unavailable`
// envelopes (the smallest enclosing section), so the rest of the snapshot is still written and evaluated.
import { unavailable, type Unavailable } from './section.js';
import type { Snapshot } from './types.js';
import { snapshotProblems } from './validate.js';

/** One part of a snapshot that failed the schema: where it was, and what was wrong. */
export interface QuarantinedPart {
  /** JSON Pointer of the section that was replaced. */
  pointer: string;
  /** The schema problem that made it fail. */
  problem: string;
}

/** Most passes over the snapshot before giving up on marking parts one at a time. */
const MAX_PASSES = 200;

function decode(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function isEnvelope(value: unknown): value is { status: string } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && ((value as { status?: unknown }).status === 'ok' || (value as { status?: unknown }).status === 'unavailable');
}

/** Replaces the innermost `ok` section around `pointer` with `why`; returns the section's pointer, or undefined when none encloses it. */
function replaceEnclosingSection(root: Record<string, unknown>, pointer: string, why: Unavailable): string | undefined {
  const tokens = pointer.split('/').slice(1).map(decode);
  const chain: { parent: Record<string, unknown> | unknown[]; key: string; value: unknown }[] = [];
  let current: unknown = root;
  for (const key of tokens) {
    if (current === null || typeof current !== 'object') break;
    const parent = current as Record<string, unknown>;
    const value = parent[key];
    chain.push({ parent, key, value });
    current = value;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const link = chain[i]!;
    if (isEnvelope(link.value) && link.value.status === 'ok') {
      (link.parent as Record<string, unknown>)[link.key] = why;
      return `/${tokens.slice(0, i + 1).map((t) => t.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
    }
  }
  return undefined;
}

/**
 * Marks every part of `snapshot` that fails the schema as unavailable, in place, and returns what was marked.
 * Parts no section encloses (the document's own fields) are listed but left as they are.
 */
export function quarantineInvalid(snapshot: Snapshot): { parts: QuarantinedPart[]; valid: boolean } {
  const parts: QuarantinedPart[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const first = snapshotProblems(snapshot)[0];
    if (!first) return { parts, valid: true };
    const problem = `${first.pointer || '/'}: ${first.message}`;
    const why = unavailable(`the collected data did not match kiteguard's snapshot schema (${problem}); kept out of the evaluation`);
    const pointer = replaceEnclosingSection(snapshot as unknown as Record<string, unknown>, first.pointer, why);
    if (pointer === undefined) {
      parts.push({ pointer: first.pointer, problem });
      return { parts, valid: false };
    }
    parts.push({ pointer, problem });
  }
  return { parts, valid: false };
}

/** A readable path (`github.repositories[3].security_and_analysis`) for a JSON Pointer into a snapshot. */
export function pointerPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map(decode)
    .filter((t) => t !== 'data')
    .map((t, i) => (/^\d+$/.test(t) ? `[${t}]` : i === 0 ? t : `.${t}`))
    .join('');
}
