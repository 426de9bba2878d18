// Several inputs of one kind in one call of the kind's batch entrypoint (policies/main/batch.rego):
// OPA's Wasm runtime empties its heap, and with it the regular expressions it compiled, at every
// call, so a call over a few inputs compiles each pattern once and pays the call's own cost once.
// The heap is emptied only per call, so a batch is capped by its inputs' bytes.
import type { TargetKind } from '../model/report.js';
import batchEntrypoints from './batch-entrypoints.json' with { type: 'json' };

/** Per target kind, its batch entrypoint (compiled by the build; an organization's bundle may lack it). */
export const BATCH_ENTRYPOINTS: Readonly<Partial<Record<TargetKind, string>>> = batchEntrypoints;

/** Inputs per batch at most (more makes OPA's allocator search a longer free list). */
export const BATCH_ITEMS = 16;

/** Input bytes per batch at most: the batch's heap holds what all its inputs need. */
export const BATCH_BYTES = 128 * 1024;

/** What the batch grouping needs of an item. */
interface Batchable {
  kind: TargetKind;
  bytes: ArrayBuffer;
  parts?: boolean;
  repositoryWide?: readonly string[];
  shared?: ArrayBuffer;
}

/** The items in runs of consecutive indices [from, to) of one kind and one shared part: a run of one item is evaluated alone, a longer run in one batch call. */
export function batchRuns(items: readonly Batchable[], batched: (kind: TargetKind) => boolean): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let from = 0;
  while (from < items.length) {
    const first = items[from]!;
    let to = from + 1;
    // Large pipelines go part by part, and an item that needs only the repository-wide rules has an entrypoint of its own.
    if (batched(first.kind) && !first.parts && !first.repositoryWide) {
      let bytes = first.bytes.byteLength;
      while (to < items.length && to - from < BATCH_ITEMS) {
        const next = items[to]!;
        if (next.kind !== first.kind || next.parts || next.repositoryWide || next.shared !== first.shared || bytes + next.bytes.byteLength > BATCH_BYTES) break;
        bytes += next.bytes.byteLength;
        to++;
      }
    }
    runs.push([from, to]);
    from = to;
  }
  return runs;
}

const ITEMS = new TextEncoder().encode(',"items":[');
const SHARED = new TextEncoder().encode('{"shared":');
const EMPTY = new TextEncoder().encode('{}');
const CLOSE = new TextEncoder().encode(']}');

/** The batch entrypoint's input, `{"shared":{...},"items":[...]}`, joined from JSON bytes without parsing them (`shared` absent: `{}`). */
export function batchInput(inputs: readonly ArrayBuffer[], shared?: ArrayBuffer): ArrayBuffer {
  const common = shared ? new Uint8Array(shared) : EMPTY;
  const size = inputs.reduce((sum, input) => sum + input.byteLength, SHARED.length + common.length + ITEMS.length + CLOSE.length + Math.max(0, inputs.length - 1));
  const out = new Uint8Array(size);
  let at = 0;
  for (const piece of [SHARED, common, ITEMS]) {
    out.set(piece, at);
    at += piece.length;
  }
  inputs.forEach((input, i) => {
    if (i > 0) out[at++] = 0x2c; // ,
    out.set(new Uint8Array(input), at);
    at += input.byteLength;
  });
  out.set(CLOSE, at);
  return out.buffer;
}

/** One JSON object from two (their members together), joined as bytes: an input and the part it shares. */
export function joinedObjects(first: ArrayBuffer, second: ArrayBuffer): ArrayBuffer {
  const a = trimmed(new Uint8Array(first));
  const b = trimmed(new Uint8Array(second));
  if (emptyObject(a)) return b.slice().buffer;
  if (emptyObject(b)) return a.slice().buffer;
  // `{a}` and `{b}` make `{a,b}`.
  const out = new Uint8Array(a.length + b.length - 1);
  out.set(a.subarray(0, a.length - 1), 0);
  out[a.length - 1] = 0x2c; // ,
  out.set(b.subarray(1), a.length);
  return out.buffer;
}

const space = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

// Whether an object's bytes hold no member.
const emptyObject = (object: Uint8Array) => object.subarray(1, object.length - 1).every(space);

// The bytes of one JSON object without white space around it; anything else is not an object to join.
function trimmed(bytes: Uint8Array): Uint8Array {
  let from = 0;
  let to = bytes.length;
  while (from < to && space(bytes[from]!)) from++;
  while (to > from && space(bytes[to - 1]!)) to--;
  if (bytes[from] !== 0x7b || bytes[to - 1] !== 0x7d) throw new Error('joinedObjects: not a JSON object');
  return bytes.subarray(from, to);
}
