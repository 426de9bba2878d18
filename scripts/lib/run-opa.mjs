// Runs the opa binary for the build scripts and `kiteguard policy`, turning a failure into an Error with opa's output.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** Runs one opa command; a failure throws an Error carrying opa's own output. */
export function runOpa(opa, args, cwd) {
  const r = spawnSync(opa.includes('/') ? resolve(opa) : opa, args, { cwd, maxBuffer: 256 << 20 });
  if (r.error) throw new Error(`cannot run ${opa}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`opa ${args[0]} failed:\n${(r.stderr.toString() + r.stdout.toString()).trim()}`);
  return r.stdout.toString();
}
