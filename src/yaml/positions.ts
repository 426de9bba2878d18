// The position tree: from js-yaml's event stream, where every mapping entry and sequence
// item is written, with aliases resolved to their anchor and `<<` merges to the merged keys.
// Anchored content reached through an alias is placed at the alias: each use is its own place.

import { EVENT_ID, SCALAR_STYLE, YAMLException, getScalarValue } from 'js-yaml';
import type { Event, ScalarEvent, Schema } from 'js-yaml';

/** A source range [start, end) of a scalar's text (inside quotes; content lines of a block scalar). */
export type Span = readonly [number, number];

/** A scalar: where it starts (its quote, `|`, anchor or tag) and its text. */
export interface PosScalar {
  kind: 'scalar';
  at: number;
  /** null for an empty (null) scalar, or one used through an alias. */
  text: Span | null;
  /** The anchored node, when this node is its use through an alias (`at` is then the alias). */
  base?: PosNode;
}

/** A sequence and where each item starts. */
export interface PosSeq {
  kind: 'seq';
  at: number;
  /** Read through `itemIn`, which places items of an aliased sequence at the alias. */
  items: PosNode[];
  /** The anchored node, when this node is its use through an alias (`at` is then the alias). */
  base?: PosNode;
}

/** One key of a mapping: where the key is written, and its value. */
export interface PosEntry {
  at: number;
  /** The key's own text, for searching evidence in it. */
  text: Span | null;
  value: PosNode;
}

/** A mapping, keyed like the constructed object (keys as strings, merges applied). */
export interface PosMap {
  kind: 'map';
  at: number;
  /** Read through `entryIn`, which places entries of an aliased mapping at the alias. */
  entries: Map<string, PosEntry>;
  /** The anchored node, when this node is its use through an alias (`at` is then the alias). */
  base?: PosNode;
}

/** A node of the position tree; an alias's node shares its children with the anchored node. */
export type PosNode = PosScalar | PosSeq | PosMap;

/** The entry for `key` of a mapping; below an alias, at the alias. */
export function entryIn(map: PosMap, key: string): PosEntry | undefined {
  const entry = map.entries.get(key);
  return entry !== undefined && map.base !== undefined ? entryUsedAt(entry, map.at) : entry;
}

/** Item `index` of a sequence; below an alias, at the alias. */
export function itemIn(seq: PosSeq, index: number): PosNode | undefined {
  const item = seq.items[index];
  return item !== undefined && seq.base !== undefined ? usedAt(item, seq.at) : item;
}

/** An anchored node as used at the alias written at `at`: it and everything below it are placed there. */
function usedAt(node: PosNode, at: number): PosNode {
  const base = node.base ?? node;
  return node.kind === 'scalar' ? { ...node, at, text: null, base } : { ...node, at, base };
}

function entryUsedAt(entry: PosEntry, at: number): PosEntry {
  return { at, text: null, value: usedAt(entry.value, at) };
}

/** Builds one position tree per document from the events js-yaml's parser produced. */
export function buildPositions(events: readonly Event[], source: string, schema: Schema, filename: string): PosNode[] {
  return new Builder(events, source, schema, filename).documents();
}

class Builder {
  private i = 0;
  /** The furthest offset seen, to place empty scalars. */
  private cursor = 0;
  private anchors = new Map<string, PosNode>();
  private readonly open = new Set<PosNode>();

  constructor(
    private readonly events: readonly Event[],
    private readonly source: string,
    private readonly schema: Schema,
    private readonly filename: string,
  ) {}

  documents(): PosNode[] {
    const docs: PosNode[] = [];
    while (this.i < this.events.length) {
      const e = this.events[this.i++];
      if (e?.type !== EVENT_ID.DOCUMENT) continue;
      this.anchors = new Map();
      docs.push(this.node());
      this.i++; // the document's POP
    }
    return docs;
  }

  private node(): PosNode {
    const e = this.events[this.i++];
    if (e === undefined) throw new YAMLException('unexpected end of the event stream');
    switch (e.type) {
      case EVENT_ID.SCALAR:
        return this.anchor(e, this.scalar(e));
      case EVENT_ID.ALIAS:
        return this.alias(e.anchorStart, e.anchorEnd);
      case EVENT_ID.SEQUENCE: {
        const seq: PosSeq = { kind: 'seq', at: nodeStart(e.start, e), items: [] };
        this.cursor = Math.max(this.cursor, e.start);
        this.anchor(e, seq);
        this.open.add(seq);
        while (this.events[this.i]?.type !== EVENT_ID.POP) seq.items.push(this.node());
        this.i++;
        this.open.delete(seq);
        return seq;
      }
      case EVENT_ID.MAPPING: {
        const map: PosMap = { kind: 'map', at: nodeStart(e.start, e), entries: new Map() };
        this.cursor = Math.max(this.cursor, e.start);
        this.anchor(e, map);
        this.open.add(map);
        this.entries(map);
        this.open.delete(map);
        return map;
      }
      default:
        throw new YAMLException(`unexpected event ${e.type}`);
    }
  }

  private entries(map: PosMap): void {
    const merges: PosNode[] = [];
    while (this.events[this.i]?.type !== EVENT_ID.POP) {
      const keyEvent = this.events[this.i];
      const key = this.node();
      const value = this.node();
      const name = keyEvent?.type === EVENT_ID.SCALAR ? this.keyString(keyEvent) : keyOfAlias(key, this.source);
      if (name === MERGE) merges.push(value);
      else if (name !== undefined) map.entries.set(name, { at: key.at, text: key.kind === 'scalar' ? key.text : null, value });
    }
    this.i++;
    for (const source of merges) {
      const maps = source.kind === 'seq' ? source.items.map((_, i) => itemIn(source, i)) : [source];
      for (const m of maps) {
        if (m?.kind !== 'map') continue;
        for (const [k, entry] of m.entries) {
          if (!map.entries.has(k)) map.entries.set(k, m.base === undefined ? entry : entryUsedAt(entry, m.at));
        }
      }
    }
  }

  private scalar(e: ScalarEvent): PosScalar {
    if (e.valueStart < 0) return { kind: 'scalar', at: this.emptyAt(e), text: null };
    this.cursor = Math.max(this.cursor, e.valueEnd);
    let at = e.valueStart;
    if (e.style === SCALAR_STYLE.SINGLE_QUOTED || e.style === SCALAR_STYLE.DOUBLE_QUOTED) at = e.valueStart - 1;
    else if (e.style === SCALAR_STYLE.LITERAL_BLOCK || e.style === SCALAR_STYLE.FOLDED_BLOCK) at = blockHeader(this.source, e.valueStart);
    return { kind: 'scalar', at: nodeStart(at, e), text: [e.valueStart, e.valueEnd] };
  }

  /** An empty scalar has no offset: place a sequence item's at its `-`, else at the cursor. */
  private emptyAt(e: ScalarEvent): number {
    if (e.anchorStart >= 0 || e.tagStart >= 0) return nodeStart(Number.MAX_SAFE_INTEGER, e);
    const rest = this.source.slice(this.cursor, this.cursor + 256);
    const m = /^(?:[^-#]|#[^\n]*|-(?=\S))*?-(?=\s|$)/.exec(rest);
    return m ? this.cursor + m[0].length - 1 : this.cursor;
  }

  private alias(start: number, end: number): PosNode {
    const name = this.source.slice(start, end);
    const target = this.anchors.get(name);
    if (target === undefined) YAMLException.throwAt(this.source, start, `unidentified alias "${name}"`, this.filename);
    if (this.open.has(target)) {
      YAMLException.throwAt(this.source, start, `recursive alias "${name}" refers to a node that contains it`, this.filename);
    }
    this.cursor = Math.max(this.cursor, end);
    return usedAt(target, start - 1);
  }

  private anchor<T extends PosNode>(e: { anchorStart: number; anchorEnd: number }, node: T): T {
    if (e.anchorStart >= 0) this.anchors.set(this.source.slice(e.anchorStart, e.anchorEnd), node);
    return node;
  }

  /** The key as the constructed object spells it: plain scalars resolved, then stringified. */
  private keyString(e: ScalarEvent): string {
    const text = e.valueStart < 0 ? '' : getScalarValue(this.source, e);
    if (e.tagStart >= 0 || e.style !== SCALAR_STYLE.PLAIN) return text;
    const { value, tag } = this.schema.resolveImplicitScalarTag(text);
    return tag.tagName.endsWith(':merge') ? MERGE : String(value);
  }
}

/** Marks the `<<` merge key (a string no YAML key can stringify to). */
const MERGE = '\u0000<<';

function keyOfAlias(alias: PosNode, source: string): string | undefined {
  const key = alias.base ?? alias;
  if (key.kind !== 'scalar' || key.text === null) return undefined;
  return source.slice(key.text[0], key.text[1]);
}

/** A node starts at its anchor (`&`) or tag when those come before the content. */
function nodeStart(at: number, e: { anchorStart: number; tagStart: number }): number {
  let start = at;
  if (e.anchorStart >= 1) start = Math.min(start, e.anchorStart - 1);
  if (e.tagStart >= 0) start = Math.min(start, e.tagStart);
  return start;
}

/** The offset of a block scalar's `|` or `>`, on the line before its content. */
function blockHeader(source: string, valueStart: number): number {
  let end = valueStart;
  if (source[end - 1] === '\n') end--;
  if (source[end - 1] === '\r') end--;
  let lineStart = end;
  while (lineStart > 0 && source[lineStart - 1] !== '\n' && source[lineStart - 1] !== '\r') lineStart--;
  const header = source.slice(lineStart, end);
  const m = /(?:^|\s)([|>])[0-9+-]*[ \t]*(?:#.*)?$/.exec(header);
  if (!m) return valueStart;
  return lineStart + m.index + m[0].indexOf(m[1] ?? '|');
}
