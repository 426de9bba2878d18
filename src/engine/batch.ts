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
}

/** The items in runs of consecutive indices [from, to): a run of one item is evaluated alone, a longer run in one batch call. */
export function batchRuns(items: readonly Batchable[], batched: (kind: TargetKind) => boolean): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let from = 0;
  while (from < items.length) {
    const first = items[from]!;
    let to = from + 1;
    if (batched(first.kind) && !first.parts) {
      let bytes = first.bytes.byteLength;
      while (to < items.length && to - from < BATCH_ITEMS) {
        const next = items[to]!;
        if (next.kind !== first.kind || next.parts || bytes + next.bytes.byteLength > BATCH_BYTES) break;
        bytes += next.bytes.byteLength;
        to++;
      }
    }
    runs.push([from, to]);
    from = to;
  }
  return runs;
}

const OPEN = new TextEncoder().encode('{"items":[');
const CLOSE = new TextEncoder().encode(']}');

/** The batch entrypoint's input, `{"items":[...]}`, joined from the inputs' JSON bytes without parsing them. */
export function batchInput(inputs: readonly ArrayBuffer[]): ArrayBuffer {
  const size = inputs.reduce((sum, input) => sum + input.byteLength, OPEN.length + CLOSE.length + Math.max(0, inputs.length - 1));
  const out = new Uint8Array(size);
  out.set(OPEN, 0);
  let at = OPEN.length;
  inputs.forEach((input, i) => {
    if (i > 0) out[at++] = 0x2c; // ,
    out.set(new Uint8Array(input), at);
    at += input.byteLength;
  });
  out.set(CLOSE, at);
  return out.buffer;
}
