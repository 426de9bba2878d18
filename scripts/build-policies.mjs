// Compiles policies/ to one Wasm module (dist/policy.wasm) and writes the rule catalog
// (dist/catalog.json) from the policies' METADATA, through the compilation `kiteguard policy build` uses.
// Besides one entrypoint per target kind and the batch entrypoints of src/engine/batch-entrypoints.json, the module holds one "part" entrypoint per rule
// package of the domains in src/engine/parts.json (`kiteguard/parts/<domain>/<rule>/report`):
// the engine evaluates a large pipeline part by part, so each rule starts on an empty Wasm heap.
// It also lists every hint of the literal prefilters (`kiteguard/literals/hints`, see src/engine/literals.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { buildBundle } from './lib/compile-policies.mjs';

const opa = process.argv[2] ?? '.tools/bin/opa';
// The entrypoints the engine evaluates, one per target kind.
const ENTRYPOINTS = Object.values(JSON.parse(readFileSync('src/engine/entrypoints.json', 'utf8')));
// The batch entrypoints (policies/main/batch.rego): one kind's reports over several inputs in one evaluation.
const BATCH_ENTRYPOINTS = Object.values(JSON.parse(readFileSync('src/engine/batch-entrypoints.json', 'utf8')));
// The rule domains whose packages get part entrypoints.
const PART_DOMAINS = [...new Set(Object.values(JSON.parse(readFileSync('src/engine/parts.json', 'utf8'))).flat())];

/** Every rule package (`domain.name`) of the part domains, from the packages of the non-test policy files. */
function rulePackages() {
  const { namespaces } = JSON.parse(execFileSync(opa, ['inspect', '-f', 'json', 'policies'], { maxBuffer: 64 << 20 }).toString());
  return Object.entries(namespaces)
    .filter(([, files]) => files.some((f) => !f.endsWith('_test.rego')))
    .map(([ns]) => ns.split('.').slice(1))
    .filter((parts) => parts.length === 2 && PART_DOMAINS.includes(parts[0]))
    .map((parts) => parts.join('.'))
    .sort();
}

/**
 * Every hint of the policies' literal prefilters (lib.hints): the lists in the rules named `*_hints`
 * of the pipeline and lib packages. The engine looks for these in a pipeline input once and tells the
 * policies which occur nowhere; a hint left out of this list is simply always looked for.
 */
function hintLiterals() {
  const query = 'x := sort({h | some domain in ["pipeline", "lib"]; some _, rules in data[domain]; some name, table in rules; endswith(name, "_hints"); is_object(table); some hints in table; is_array(hints); some h in hints; is_string(h)})';
  const out = execFileSync(opa, ['eval', '-f', 'json', '-d', 'policies', '--ignore', '*_test.rego', query], { maxBuffer: 64 << 20 }).toString();
  return JSON.parse(out).result[0].bindings.x;
}

/** The generated module of one part: the kind report's aggregation over that one rule package. */
function partModule(pkg) {
  const [domain, name] = pkg.split('.');
  return [
    `package kiteguard.parts.${pkg}`,
    '',
    'import data.lib.report as aggregation',
    '',
    `report := aggregation.aggregate({"${domain}": {"${name}": data.${pkg}}})`,
    '',
  ].join('\n');
}

mkdirSync('dist', { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'kiteguard-build-'));
let rules;
try {
  const bundle = join(work, 'bundle.tar.gz');
  const parts = join(work, 'parts');
  mkdirSync(parts);
  const entrypoints = [...ENTRYPOINTS, ...BATCH_ENTRYPOINTS, 'kiteguard/literals/hints'];
  writeFileSync(join(parts, 'literals.rego'), `package kiteguard.literals\n\nhints := ${JSON.stringify(hintLiterals())}\n`);
  for (const pkg of rulePackages()) {
    writeFileSync(join(parts, `${pkg}.rego`), partModule(pkg));
    entrypoints.push(`kiteguard/parts/${pkg.replace('.', '/')}/report`);
  }
  rules = buildBundle({ opa, sources: [{ dir: 'policies', as: 'policies' }, { dir: parts, as: 'parts' }], entrypoints, out: bundle });
  execFileSync('tar', ['-xzf', bundle, '-C', work, '/policy.wasm'], { stdio: 'inherit' });
  writeFileSync('dist/policy.wasm', readFileSync(join(work, 'policy.wasm')));
} finally {
  rmSync(work, { recursive: true, force: true });
}
writeFileSync('dist/catalog.json', JSON.stringify({ rules }, null, 2) + '\n');
console.log(`built dist/policy.wasm and dist/catalog.json (${rules.length} rules)`);
