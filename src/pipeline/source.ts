// The source map of a normalized pipeline: a tree shaped like the normalized document whose
// nodes point back at the YAML that produced each part (a key, a list item, a scalar).

import { InputError } from '../errors.js';
import { child } from '../yaml/load.js';
import type { LineIndex } from '../yaml/lines.js';
import { entryIn, itemIn } from '../yaml/positions.js';
import type { PosEntry, PosNode, Span } from '../yaml/positions.js';

/** Where one part of the normalized document came from. */
export interface LocNode {
  /** Offset to report: a mapping key, a list item, or the file start. */
  at: number;
  /** The scalar text written there, for evidence search. */
  text: Span | null;
  /** Normalized children (field names, indexes as strings). */
  kids?: Map<string, LocNode>;
  /** The YAML node below, for paths that mirror the source (plugin config, matrix, extra). */
  raw?: PosNode;
}

/** One step down the source map: a normalized child first, else the YAML below. */
export function locChild(loc: LocNode, seg: string | number): LocNode | undefined {
  const kid = loc.kids?.get(String(seg));
  if (kid !== undefined) return kid;
  if (loc.raw === undefined) return undefined;
  const next = child(loc.raw, seg);
  return next && { at: next.at, text: next.text, raw: next.node };
}

/** A source-map node for a mapping entry: at the key, with the value below. */
export function entryLoc(entry: PosEntry): LocNode {
  return { at: entry.at, text: entry.value.kind === 'scalar' ? entry.value.text : null, raw: entry.value };
}

/** A source-map node for a list item or any YAML node. */
export function nodeLoc(node: PosNode): LocNode {
  return { at: node.at, text: node.kind === 'scalar' ? node.text : null, raw: node };
}

/** The entry for `key` in a mapping node (undefined when absent or not a mapping). */
export function entryOf(node: PosNode | undefined, key: string): PosEntry | undefined {
  return node?.kind === 'map' ? entryIn(node, key) : undefined;
}

/** The item at `index` of a sequence node. */
export function itemOf(node: PosNode | undefined, index: number): PosNode | undefined {
  return node?.kind === 'seq' ? itemIn(node, index) : undefined;
}

/** The source-map node of a mapping's key, falling back to the mapping itself. */
export function keyLoc(node: PosNode, key: string): LocNode {
  const entry = entryOf(node, key);
  return entry ? entryLoc(entry) : { at: node.at, text: null };
}

/** Builds the `kids` map of a LocNode from pairs. */
export function kids(pairs: Array<[string | number, LocNode]>): Map<string, LocNode> {
  return new Map(pairs.map(([k, v]) => [String(k), v]));
}

/** Normalization context: the file, for errors at file:line:col. */
export class Ctx {
  constructor(
    readonly file: string,
    readonly lines: LineIndex,
  ) {}

  /** Throws an InputError at a source offset. */
  fail(at: number, message: string): never {
    throw new InputError(message, { file: this.file, ...this.lines.at(Math.max(0, at)) });
  }
}

/** A short description of a YAML value's kind, for error messages. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `the ${typeof value} ${String(value)}`;
}

/** True for a plain mapping value (not a list, not null). */
export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
