// Compiles Rego rule folders into one signed-or-unsigned OPA Wasm bundle whose data carries the rule catalog
// (every package's METADATA, from `opa inspect -a`). Shared by `make` (scripts/build-policies.mjs) and
// `kiteguard policy build`.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

/** Where the rule catalog sits in the bundle's data (`data.kiteguard_catalog.rules`). */
export const CATALOG_DATA_KEY = 'kiteguard_catalog';

/** Runs one opa command; a failure throws an Error carrying opa's own output. */
export function runOpa(opa, args, cwd) {
  const r = spawnSync(opa.includes('/') ? resolve(opa) : opa, args, { cwd, maxBuffer: 256 << 20 });
  if (r.error) throw new Error(`cannot run ${opa}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`opa ${args[0]} failed:\n${(r.stderr.toString() + r.stdout.toString()).trim()}`);
  return r.stdout.toString();
}

/** Copies the `.rego` files of `dir` (without `*_test.rego` unless `tests`) into `into`. */
export function copyRego(dir, into, tests) {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) copyRego(full, join(into, name), tests);
    else if (name.endsWith('.rego') && (tests || !name.endsWith('_test.rego'))) {
      mkdirSync(into, { recursive: true });
      cpSync(full, join(into, name));
    }
  }
}

/** The rule catalog from `opa inspect -a` output: one entry per package with a `custom.id`, sorted by area and id. */
export function catalogFromInspect(inspected) {
  const rules = [];
  for (const entry of inspected.annotations ?? []) {
    const a = entry.annotations;
    if (a.scope !== 'package' || !a.custom?.id) continue;
    rules.push({
      id: a.custom.id,
      title: a.title,
      description: (a.description ?? '').trim(),
      severity: a.custom.severity,
      area: a.custom.area,
      target: a.custom.target,
      remediation: a.custom.remediation,
      related: (a.related_resources ?? []).map((r) => r.ref),
      knobs: a.custom.config ?? {},
      attestable: a.custom.attestable === true,
      ...(a.custom.scope === 'repository' ? { repositoryWide: true } : {}),
      package: entry.path.slice(1).map((p) => p.value).join('.'),
    });
  }
  const seen = new Map();
  for (const r of rules) {
    if (seen.has(r.id)) throw new Error(`rule id ${r.id} is declared by both ${seen.get(r.id)} and ${r.package}`);
    seen.set(r.id, r.package);
  }
  return rules.sort((x, y) => x.area - y.area || x.id.localeCompare(y.id));
}

/**
 * Builds the rule folders `sources` ({dir, as}) into the bundle `out` (`.tar.gz`) with the given entrypoints,
 * signed when `signingKey` is given; returns the rule catalog it embedded.
 */
export function buildBundle({ opa, sources, entrypoints, out, signingKey, signingAlg = 'ES256' }) {
  const work = mkdtempSync(join(tmpdir(), 'kiteguard-build-'));
  try {
    const root = join(work, 'bundle');
    for (const s of sources) copyRego(s.dir, join(root, s.as), false);
    const rules = catalogFromInspect(JSON.parse(runOpa(opa, ['inspect', '-a', '-f', 'json', '.'], root)));
    mkdirSync(join(root, CATALOG_DATA_KEY));
    writeFileSync(join(root, CATALOG_DATA_KEY, 'data.json'), JSON.stringify({ rules }));
    const args = ['build', '-b', '-t', 'wasm', '-o', resolve(out)];
    for (const e of entrypoints) args.push('-e', e);
    if (signingKey) args.push('--signing-key', resolve(signingKey), '--signing-alg', signingAlg);
    runOpa(opa, [...args, '.'], root);
    return rules;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
