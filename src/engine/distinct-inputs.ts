// The inputs of a sweep's targets as JSON items, each distinct input once: pipeline targets with
// byte-identical inputs share one item, and every repository input shares one serialization of the
// organization's GitHub sections. Built target by target, so evaluation can start on the first ones.
import type { Target } from '../model/target.js';
import { PARTS_FROM_BYTES, type EvaluationItem } from './policy.js';

/** The items of the targets added so far; `slot` gives each target's item (-1: not evaluated). */
export class DistinctInputs {
  readonly items: EvaluationItem[] = [];
  readonly slot: number[] = [];
  private readonly encoder = new TextEncoder();
  // Items by a cheap fingerprint of their bytes; a hit is confirmed byte for byte, so a collision costs nothing.
  private readonly itemsOf = new Map<string, number[]>();
  private readonly sharedOf = new Map<object, ArrayBuffer>();

  /** `repositoryWide`: pipeline items need only these packages, the rules any pipeline file of a repository can satisfy. */
  constructor(
    private readonly now: string,
    private readonly repositoryWide?: readonly string[],
  ) {}

  /** Adds the next target; returns its item's index (a new item is the last one), or -1 when it is not evaluated. */
  add(target: Target): number {
    const index = this.itemOf(target);
    this.slot.push(index);
    return index;
  }

  private itemOf(target: Target): number {
    if (target.unknownReason !== undefined) return -1;
    const { items, now } = this;
    const github = (target.input as { github?: unknown }).github;
    if (target.kind === 'repository' && isObject(github)) {
      const shared = this.sharedOf.get(github as object) ?? (this.encoder.encode(JSON.stringify({ github })).buffer as ArrayBuffer);
      this.sharedOf.set(github as object, shared);
      // JSON leaves out the member whose value is undefined.
      const bytes = this.encoder.encode(JSON.stringify({ ...target.input, github: undefined, now }));
      return items.push({ kind: target.kind, bytes: bytes.buffer as ArrayBuffer, shared }) - 1;
    }
    const bytes = this.encoder.encode(JSON.stringify({ ...target.input, now }));
    // Repository and organization inputs name their target, so only pipeline inputs can repeat.
    if (target.kind !== 'pipeline') return items.push({ kind: target.kind, bytes: bytes.buffer as ArrayBuffer }) - 1;
    const key = fingerprint(bytes);
    const candidates = this.itemsOf.get(key) ?? [];
    const same = candidates.find((i) => Buffer.from(items[i]!.bytes).equals(bytes));
    if (same !== undefined) return same;
    const parts = bytes.byteLength >= PARTS_FROM_BYTES && isObject((target.input as { pipeline?: unknown }).pipeline);
    const wide = this.repositoryWide ? { repositoryWide: this.repositoryWide } : {};
    const index = items.push({ kind: target.kind, bytes: bytes.buffer as ArrayBuffer, ...(parts ? { parts } : {}), ...wide }) - 1;
    this.itemsOf.set(key, [...candidates, index]);
    return index;
  }
}

/**
 * The inputs to evaluate: pipeline targets with byte-identical inputs share one item; `slot` gives each target's item (-1: not evaluated).
 * A repository input's organization sections (`github`, the same object for every repository) are serialized once and shared.
 */
export function distinctInputs(targets: Target[], now: string): { items: EvaluationItem[]; slot: number[] } {
  const inputs = new DistinctInputs(now);
  for (const target of targets) inputs.add(target);
  return { items: inputs.items, slot: inputs.slot };
}

// FNV-1a over the bytes four at a time, with their length: a fingerprint for grouping, not a digest (needs no node:crypto at start-up).
function fingerprint(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  const whole = bytes.byteOffset % 4 === 0 ? bytes.length >> 2 : 0;
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, whole);
  for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i]!, 0x01000193);
  for (let i = whole * 4; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return `${bytes.length}:${(hash >>> 0).toString(36)}`;
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
