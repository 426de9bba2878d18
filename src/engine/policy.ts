// The one wrapper around the OPA Wasm SDK: load once, set data once, evaluate many targets.
// The SDK throws strings and plain objects; everything leaving this module is an EngineError.
import * as opaNamespace from '@open-policy-agent/opa-wasm';
import { EngineError } from '../errors.js';
import type { TargetKind } from '../model/report.js';
import entrypoints from './entrypoints.json' with { type: 'json' };
import partDomains from './parts.json' with { type: 'json' };
import hostBuiltins from './host-builtins.json' with { type: 'json' };

// The SDK is CommonJS: under Node's ESM loader its functions sit on the default export.
const opaWasm = ((opaNamespace as { default?: unknown }).default ?? opaNamespace) as typeof opaNamespace;
type LoadedPolicy = ReturnType<typeof opaWasm.loadPolicySync>;

/** Builtins the SDK implements in JavaScript; every other builtin must be native to OPA's Wasm runtime. */
// The SDK's yaml.* builtins are left out of the bundle (scripts/bundle.mjs), so they are not listed; the same
// list narrows the capabilities every bundle is compiled against (scripts/capabilities.mjs).
export const SDK_HOST_BUILTINS: readonly string[] = hostBuiltins;

/** The compiled entrypoints, one per target kind (the build compiles the same list). */
export const ENTRYPOINTS: Readonly<Record<TargetKind, string>> = entrypoints;

/** Per target kind, the rule domains whose packages the build also compiles as part entrypoints. */
export const PART_DOMAINS: Readonly<Partial<Record<TargetKind, readonly string[]>>> = partDomains;

/** The part entrypoint of one rule package (`pipeline.hardcoded_secret`). */
export const partEntrypoint = (pkg: string): string => `kiteguard/parts/${pkg.replace('.', '/')}/report`;

/** Wasm pages (64 KiB) the policy memory starts with for small inputs (the SDK's own default; more costs resident memory). */
export const DEFAULT_MEMORY_PAGES = 5;

/** Inputs from this size on (JSON bytes) are evaluated in parts, when their kind has parts. */
export const PARTS_FROM_BYTES = 256 * 1024;

/** Wasm pages for evaluating inputs of up to `bytes` JSON bytes: what the largest rule part of such an input touches. */
export function memoryPagesFor(bytes: number): number {
  return Math.max(DEFAULT_MEMORY_PAGES, Math.ceil((bytes * MEMORY_PER_INPUT_BYTE) / 65536));
}

// Heap bytes one rule part touches per input byte on large generated pipelines (bench/scale.mjs), with room to spare.
const MEMORY_PER_INPUT_BYTE = 256;

/** Wasm pages at most (4 GiB, all a 32-bit Wasm memory can address). */
const MAX_MEMORY_PAGES = 65536;

/** A finding as the policies return it, before the host locates it in a file. */
export interface RawFinding {
  rule: string;
  message: string;
  path: Array<string | number>;
  evidence: string | null;
}

/** One input to evaluate with its kind's entrypoint. */
export interface EvaluationItem {
  kind: TargetKind;
  bytes: ArrayBuffer;
  /** Evaluate rule package by rule package (a large pipeline input that has a pipeline). */
  parts?: boolean;
}

/** What one entrypoint returns for one target. */
export interface EngineResult {
  findings: RawFinding[];
  /** Rule package path (e.g. `pipeline.plugin_not_pinned`) -> reasons the outcome is unknown. */
  unknown: Record<string, string[]>;
  /** Rule package paths that do not apply to this target. */
  notApplicable: string[];
}

/** A loaded policy bundle, ready to evaluate targets. */
export class PolicyEngine {
  private constructor(private readonly policy: LoadedPolicy) {}

  /**
   * Instantiates the policy module synchronously, compiling it first when given bytes. The Wasm
   * memory starts at `pages` (reserved address space; only what an evaluation touches is resident):
   * OPA's allocator grows it one page at a time, and each growth makes V8 account the whole memory
   * anew, so a memory grown page by page to hundreds of MiB costs more than the evaluation itself.
   */
  static load(wasm: Uint8Array | WebAssembly.Module, pages = DEFAULT_MEMORY_PAGES): PolicyEngine {
    const initial = Math.max(5, Math.min(MAX_MEMORY_PAGES, Math.ceil(pages)));
    try {
      return new PolicyEngine(opaWasm.loadPolicySync(wasm, { initial }));
    } catch (err) {
      // A host that will not reserve that much still gets an engine that grows as it goes.
      if (initial > DEFAULT_MEMORY_PAGES && err instanceof RangeError) return PolicyEngine.load(wasm, DEFAULT_MEMORY_PAGES);
      throw new EngineError(`could not load the policy bundle: ${describe(err)}`);
    }
  }

  /** Replaces the policies' `data` document (config knobs); call once before evaluating. */
  setData(data: object): void {
    try {
      this.policy.setData(data);
    } catch (err) {
      throw new EngineError(`could not set policy data: ${describe(err)}`);
    }
  }

  /** Evaluates one target; the input may be pre-serialized JSON bytes to skip a stringify. */
  evaluate(kind: TargetKind, input: object | ArrayBuffer): EngineResult {
    return validateResult(this.run(ENTRYPOINTS[kind], input));
  }

  /** Evaluates one item, in parts when it asks for them. */
  evaluateItem(item: EvaluationItem): EngineResult {
    return item.parts ? this.evaluateParts(item.kind, item.bytes) : this.evaluate(item.kind, item.bytes);
  }

  /**
   * Evaluates a pipeline target that has a pipeline rule package by rule package: the same
   * result as `evaluate`, findings grouped by rule. OPA's Wasm runtime keeps one heap per
   * evaluation and its allocator searches a free list that grows with everything freed, so one
   * evaluation of every rule over thousands of steps costs quadratic time and the sum of every
   * rule's memory; the SDK resets the heap per entrypoint call, so parts cost the largest one.
   */
  evaluateParts(kind: TargetKind, input: object | ArrayBuffer): EngineResult {
    const domains = PART_DOMAINS[kind];
    const packages = domains ? this.partPackages(domains) : [];
    // A module built without part entrypoints (an organization's bundle) is evaluated whole.
    if (packages.length === 0) return this.evaluate(kind, input);
    const merged: EngineResult = { findings: [], unknown: {}, notApplicable: [] };
    for (const pkg of packages) {
      const part = validateResult(this.run(partEntrypoint(pkg), input));
      merged.findings.push(...part.findings);
      Object.assign(merged.unknown, part.unknown);
      merged.notApplicable.push(...part.notApplicable);
    }
    return merged;
  }

  // The rule packages of the domains that the module has part entrypoints for, domain by domain, by name.
  private partPackages(domains: readonly string[]): string[] {
    const compiled = Object.keys(this.policy.entrypoints);
    return domains.flatMap((domain) =>
      compiled
        .map((e) => /^kiteguard\/parts\/([^/]+)\/([^/]+)\/report$/.exec(e))
        .filter((m): m is RegExpExecArray => m !== null && m[1] === domain)
        .map((m) => `${m[1]}.${m[2]}`)
        .sort(),
    );
  }

  private run(entrypoint: string, input: object | ArrayBuffer): unknown {
    let resultSet: unknown;
    try {
      resultSet = this.policy.evaluate(input, entrypoint);
    } catch (err) {
      throw new EngineError(`policy evaluation failed: ${describe(err)}`);
    }
    const first = Array.isArray(resultSet) ? (resultSet[0] as { result?: unknown } | undefined) : undefined;
    if (!first || first.result === undefined) {
      throw new EngineError(`entrypoint ${entrypoint} returned no result`);
    }
    return first.result;
  }

  /** Builtins the module calls on the host that neither the SDK nor kiteguard provides. */
  missingHostBuiltins(): string[] {
    const instance = this.policy.wasmInstance as WebAssembly.Instance;
    const exports = instance.exports as Record<string, (...args: number[]) => number>;
    const needed = Object.keys(readJson(this.policy.mem, exports.opa_json_dump!(exports.builtins!())) as object);
    return needed.filter((name) => !SDK_HOST_BUILTINS.includes(name));
  }
}

function readJson(memory: WebAssembly.Memory, address: number): unknown {
  const bytes = new Uint8Array(memory.buffer, address);
  return JSON.parse(Buffer.from(bytes.subarray(0, bytes.indexOf(0))).toString('utf8'));
}

/** Turns whatever the SDK threw (string, object, Error) into a readable message. */
export function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}

function validateResult(value: unknown): EngineResult {
  const r = value as { findings?: unknown; unknown?: unknown; not_applicable?: unknown };
  if (!r || !Array.isArray(r.findings) || typeof r.unknown !== 'object' || !Array.isArray(r.not_applicable)) {
    throw new EngineError('policy result does not have findings, unknown and not_applicable');
  }
  const findings = r.findings.map(validateFinding);
  const unknown: Record<string, string[]> = {};
  for (const [name, reasons] of Object.entries(r.unknown as Record<string, unknown>)) {
    if (!Array.isArray(reasons) || !reasons.every((x) => typeof x === 'string')) {
      throw new EngineError(`unknown reasons of rule ${name} are not strings`);
    }
    unknown[name] = reasons;
  }
  if (!r.not_applicable.every((x) => typeof x === 'string')) throw new EngineError('not_applicable holds a non-string');
  return { findings, unknown, notApplicable: r.not_applicable as string[] };
}

function validateFinding(value: unknown): RawFinding {
  const f = value as Partial<RawFinding>;
  const ok =
    f !== null &&
    typeof f === 'object' &&
    typeof f.rule === 'string' &&
    typeof f.message === 'string' &&
    Array.isArray(f.path) &&
    f.path.every((p) => typeof p === 'string' || typeof p === 'number') &&
    (f.evidence === null || typeof f.evidence === 'string');
  if (!ok) throw new EngineError(`a policy returned a malformed finding: ${JSON.stringify(value).slice(0, 200)}`);
  return { rule: f.rule!, message: f.message!, path: f.path!, evidence: f.evidence ?? null };
}
