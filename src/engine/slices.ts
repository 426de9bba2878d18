// A large pipeline input cut into slices of its top-level steps, for the rule packages whose every
// finding comes from one step or from the pipeline's own settings (which every slice keeps): each
// slice is evaluated on an emptied Wasm heap, so such a rule's memory is bounded by the slice, not
// by the pipeline. Steps outside a slice become `{}`, so every step keeps its index and its path.
import sliced from './slices.json' with { type: 'json' };

/** Rule packages evaluated slice by slice on large pipelines (each finding depends on one step and the pipeline's settings). */
export const SLICED_PACKAGES: ReadonlySet<string> = new Set(sliced.packages);

/** Top-level steps per slice (a group counts as one). */
export const SLICE_STEPS: number = sliced.steps;

/** The pipeline input as JSON slices of `size` top-level steps each; [] when it has no more steps than that. */
export function stepSlices(input: object | ArrayBuffer, size = SLICE_STEPS): ArrayBuffer[] {
  const doc = (input instanceof ArrayBuffer ? JSON.parse(Buffer.from(input).toString('utf8')) : input) as { pipeline?: { steps?: unknown } };
  const steps = doc.pipeline?.steps;
  if (!Array.isArray(steps) || steps.length <= size) return [];
  const encoder = new TextEncoder();
  const slices: ArrayBuffer[] = [];
  for (let from = 0; from < steps.length; from += size) {
    const part = steps.map((step: unknown, i) => (i >= from && i < from + size ? step : {}));
    slices.push(encoder.encode(JSON.stringify({ ...doc, pipeline: { ...doc.pipeline, steps: part } })).buffer as ArrayBuffer);
  }
  return slices;
}

/** What one evaluation returns for a target (policy.ts's EngineResult, whatever its findings). */
interface SliceResult<F> {
  findings: F[];
  unknown: Record<string, string[]>;
  notApplicable: string[];
}

/** One package's results over every slice as one result: findings (the pipeline's own settings give the same finding in every slice) and unknown reasons once each, not applicable only when no slice applies. */
export function mergeSlices<F>(pkg: string, results: Array<SliceResult<F>>): SliceResult<F> {
  const seen = new Set<string>();
  const merged: SliceResult<F> = { findings: [], unknown: {}, notApplicable: [] };
  for (const result of results) {
    for (const finding of result.findings) {
      const key = JSON.stringify(finding);
      if (seen.has(key)) continue;
      seen.add(key);
      merged.findings.push(finding);
    }
    for (const [name, reasons] of Object.entries(result.unknown)) merged.unknown[name] = [...new Set([...(merged.unknown[name] ?? []), ...reasons])];
  }
  if (results.every((r) => r.notApplicable.includes(pkg))) merged.notApplicable.push(pkg);
  return merged;
}
