// What `kiteguard policy` builds with: the `opa` binary and kiteguard's own Rego sources shipped with the package.
import { existsSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';

/** The OPA version kiteguard is built and tested with. */
export const OPA_VERSION = 'v1.22.3';

const here = dirname(fileURLToPath(import.meta.url));

/** The `opa` binary: `--opa`, else KITEGUARD_OPA, else the first on PATH; a UsageError naming the version to install when none. */
export function findOpa(flag: string | undefined, env: Record<string, string | undefined>): string {
  const explicit = flag ?? env['KITEGUARD_OPA'];
  if (explicit) {
    if (!isFile(explicit)) throw new UsageError(`opa binary not found at ${explicit}`);
    return explicit;
  }
  for (const dir of (env['PATH'] ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'opa');
    if (isFile(candidate)) return candidate;
  }
  throw new UsageError(
    `this command needs the opa binary (OPA ${OPA_VERSION}), and none is on PATH: install it with ` +
      `\`go install github.com/open-policy-agent/opa@${OPA_VERSION}\` or download it from https://github.com/open-policy-agent/opa/releases/tag/${OPA_VERSION}, ` +
      'then put it on PATH or pass --opa FILE (or set KITEGUARD_OPA)',
  );
}

/** The folder of kiteguard's own Rego sources (`policies/` of the package). */
export function kiteguardPolicies(): string {
  // Bundled: dist/kiteguard.js → ../policies. From source: src/app → ../../policies.
  const found = [join(here, '..', 'policies'), join(here, '..', '..', 'policies')].find((d) => existsSync(join(d, 'lib', 'findings.rego')));
  if (!found) throw new UsageError("kiteguard's Rego sources (policies/) are missing from this installation");
  return found;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
