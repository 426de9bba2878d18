// Types of fast-path-modules.mjs, the generated part, repository-wide and literals modules of every bundle.

/** Writes the fast-path modules for the Rego files under `root` into `into` and returns their entrypoints. */
export function writeFastPathModules(opts: { opa: string; root: string; inspected: unknown; partDomains: string[]; into: string }): string[];
