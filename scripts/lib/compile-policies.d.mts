// Types of compile-policies.mjs, the policy compilation shared by `make` and `kiteguard policy build`.
import type { RuleInfo } from '../../src/model/report.js';

/** Where the rule catalog sits in the bundle's data. */
export const CATALOG_DATA_KEY: string;
/** Where an organization's settings sit in the bundle's data. */
export const ORG_DATA_KEY: string;
/** OPA capabilities narrowed to the builtins kiteguard's Node host runs. */
export const WASM_CAPABILITIES: { builtins: { name: string }[]; wasm_abi_versions: { version: number; minor_version: number }[] };
/** Runs one opa command and returns its stdout; a failure throws with opa's output. */
export function runOpa(opa: string, args: string[], cwd?: string): string;
/** Copies the `.rego` files of a folder, tests only when asked. */
export function copyRego(dir: string, into: string, tests: boolean): void;
/** The rule catalog from `opa inspect -a` output. */
export function catalogFromInspect(inspected: unknown): RuleInfo[];
/** Builds rule folders into one Wasm bundle (signed when a key is given) and returns its catalog. */
export function buildBundle(opts: {
  opa: string;
  sources: { dir: string; as: string }[];
  entrypoints: string[];
  /** Also compile the fast-path entrypoints (fast-path-modules.mjs) for the rule packages of these domains. */
  fastPaths?: { partDomains: string[] };
  out: string;
  signingKey?: string;
  signingAlg?: string;
  keyId?: string;
  claims?: Record<string, string>;
  data?: (catalog: RuleInfo[]) => Record<string, unknown>;
}): RuleInfo[];
