// Source-mapped YAML loading: one parse, giving each document's value and its position tree,
// under limits that keep hostile input (huge files, alias bombs, deep nesting) cheap to reject.

import { constructFromEvents } from 'js-yaml';
import { InputError } from '../errors.js';
import { yamlError } from './errors.js';
import { parseWithFlowIndent } from './flow-indent.js';
import { LineIndex } from './lines.js';
import type { LineColumn } from './lines.js';
import { buildPositions, entryIn, itemIn } from './positions.js';
import { SCHEMA } from './schema.js';
import type { PosNode, Span } from './positions.js';

/** Limits on one YAML input; every one has a safe default. */
export interface YamlLimits {
  /** Largest input accepted, in UTF-8 bytes (default 5 MiB). */
  maxBytes: number;
  /** Most aliases (`*name`) per document (default 1000). */
  maxAliases: number;
  /** Most keys copied by `<<` merges in the whole input (default 10,000). */
  maxTotalMergeKeys: number;
  /** Deepest collection nesting (default 100). */
  maxDepth: number;
  /** Most nodes once aliases are expanded, as JSON would (default 1,000,000). */
  maxNodes: number;
}

/** How a reader treats YAML that its producer's parser reads leniently. */
export interface YamlDialect {
  /** A key repeated in one mapping replaces the earlier value, as Buildkite's parser does (default: an error). */
  repeatedKeysReplace: boolean;
}

/** The limits used when a caller sets none. */
export const DEFAULT_LIMITS: YamlLimits = {
  maxBytes: 5 * 1024 * 1024,
  maxAliases: 1000,
  maxTotalMergeKeys: 10_000,
  maxDepth: 100,
  maxNodes: 1_000_000,
};


/** One YAML document: its constructed value and where each part of it is written. */
export interface YamlDocument {
  value: unknown;
  node: PosNode;
}

/** A loaded YAML file: its documents and the means to turn offsets into positions. */
export interface LoadedYaml {
  file: string;
  text: string;
  lines: LineIndex;
  documents: YamlDocument[];
}

/** Where a path resolved to: the offset to report, and the scalar text there (if a scalar). */
export interface Resolved {
  at: number;
  text: Span | null;
  node: PosNode;
  /** How many path segments were resolved (the rest were unknown). */
  depth: number;
}

/** Parses YAML text once into values and position trees; throws InputError on bad or oversized input. */
export function loadYaml(text: string, file: string, limits: Partial<YamlLimits> = {}, dialect?: YamlDialect): LoadedYaml {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > lim.maxBytes) {
    throw new InputError(`file is ${bytes} bytes, more than the limit of ${lim.maxBytes} bytes`, { file });
  }
  let lines = new LineIndex(text);
  let source = text;
  try {
    const parsed = parseWithFlowIndent(text, { filename: file, maxDepth: lim.maxDepth });
    const events = parsed.events;
    if (parsed.text !== text) {
      source = parsed.text;
      lines = new LineIndex(source, parsed.added);
    }
    const nodes = buildPositions(events, source, SCHEMA, file);
    checkExpandedSize(nodes, lim.maxNodes, file, lines);
    const values = constructFromEvents(events, {
      source,
      filename: file,
      schema: SCHEMA,
      json: dialect?.repeatedKeysReplace === true,
      maxAliases: lim.maxAliases,
      maxTotalMergeKeys: lim.maxTotalMergeKeys,
    });
    const documents = nodes.map((node, i) => ({ value: values[i] ?? null, node }));
    return { file, text: source, lines, documents };
  } catch (err) {
    throw yamlError(err, file, source, lines);
  }
}

/** Follows a path of keys and indexes from a node as far as it resolves. */
export function resolvePath(root: PosNode, path: ReadonlyArray<string | number>): Resolved {
  let node = root;
  let at = root.at;
  let text = root.kind === 'scalar' ? root.text : null;
  let depth = 0;
  for (const seg of path) {
    const next = child(node, seg);
    if (next === undefined) break;
    ({ at, node } = next);
    text = next.text;
    depth++;
  }
  return { at, text, node, depth };
}

/** One step down a position tree: a mapping key (at the key) or a sequence index (at the item). */
export function child(node: PosNode, seg: string | number): { at: number; text: Span | null; node: PosNode } | undefined {
  if (node.kind === 'map') {
    const entry = entryIn(node, String(seg));
    if (entry === undefined) return undefined;
    return { at: entry.at, text: entry.value.kind === 'scalar' ? entry.value.text : null, node: entry.value };
  }
  if (node.kind === 'seq') {
    const index = typeof seg === 'number' ? seg : /^\d+$/.test(seg) ? Number(seg) : -1;
    const item = itemIn(node, index);
    if (item === undefined) return undefined;
    return { at: item.at, text: item.kind === 'scalar' ? item.text : null, node: item };
  }
  return undefined;
}

/** The line and column of the longest resolvable prefix of `path` below `node`. */
export function locate(loaded: LoadedYaml, node: PosNode, path: ReadonlyArray<string | number>): LineColumn {
  return loaded.lines.at(Math.max(0, resolvePath(node, path).at));
}

/** Rejects alias bombs: counts nodes as if every alias were copied, stopping at the limit. */
function checkExpandedSize(roots: PosNode[], limit: number, file: string, lines: LineIndex): void {
  const memo = new Map<PosNode, number>();
  const size = (use: PosNode): number => {
    const node = use.base ?? use;
    const known = memo.get(node);
    if (known !== undefined) return known;
    let n = 1;
    if (node.kind === 'seq') for (const item of node.items) n += size(item);
    else if (node.kind === 'map') for (const entry of node.entries.values()) n += 1 + size(entry.value);
    if (n > limit) {
      throw new InputError(`too many nodes after expanding aliases (limit ${limit})`, { file, ...lines.at(node.at) });
    }
    memo.set(node, n);
    return n;
  };
  let total = 0;
  for (const root of roots) {
    total += size(root);
    if (total > limit) throw new InputError(`too many nodes after expanding aliases (limit ${limit})`, { file, ...lines.at(root.at) });
  }
}
