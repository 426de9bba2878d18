// Types of run-opa.mjs.

/** Runs one opa command and returns its stdout; a failure throws with opa's output. */
export function runOpa(opa: string, args: string[], cwd?: string): string;
