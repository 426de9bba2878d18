// Compiles policies/ to one Wasm module (dist/policy.wasm) and writes the rule catalog
// (dist/catalog.json) from the policies' METADATA, through the compilation `kiteguard policy build` uses.
// Besides one entrypoint per target kind and the batch entrypoints of src/engine/batch-entrypoints.json, the module holds one "part" entrypoint per rule
// package of the domains in src/engine/parts.json (`kiteguard/parts/<domain>/<rule>/report`):
// the engine evaluates a large pipeline part by part, so each rule starts on an empty Wasm heap.
// The module is then optimized for size with Binaryen's wasm-opt.
// It also lists every hint of the literal prefilters (`kiteguard/literals/hints`, see src/engine/literals.ts),
// and aggregates the rules any pipeline file of a repository can satisfy (METADATA `scope: repository`) in one
// entrypoint, `kiteguard/parts/repository_wide/report`, which `check` evaluates on the other files of a repository.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { buildBundle } from './lib/compile-policies.mjs';

const opa = process.argv[2] ?? '.tools/bin/opa';
const require = createRequire(import.meta.url);
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

/** The rule packages (`domain.name`) whose METADATA says `scope: repository`. */
function repositoryWidePackages() {
  const { annotations = [] } = JSON.parse(execFileSync(opa, ['inspect', '-a', '-f', 'json', 'policies'], { maxBuffer: 64 << 20 }).toString());
  return annotations
    .filter((entry) => entry.annotations.scope === 'package' && entry.annotations.custom?.scope === 'repository')
    .map((entry) => entry.path.slice(1).map((p) => p.value).join('.'))
    .sort();
}

/** The generated module aggregating the given rule packages, as the kind report does, under `kiteguard.parts.<name>`. */
function groupModule(name, packages) {
  const domains = new Map();
  for (const pkg of packages) {
    const [domain, rule] = pkg.split('.');
    domains.set(domain, [...(domains.get(domain) ?? []), `"${rule}": data.${pkg}`]);
  }
  const tree = [...domains].map(([domain, rules]) => `"${domain}": {${rules.join(', ')}}`).join(', ');
  return [`package kiteguard.parts.${name}`, '', 'import data.lib.report as aggregation', '', `report := aggregation.aggregate({${tree}})`, ''].join('\n');
}

/** The generated module of one part: the kind report's aggregation over that one rule package. */
function partModule(pkg) {
  return groupModule(pkg, [pkg]);
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
  writeFileSync(join(parts, 'repository_wide.rego'), groupModule('repository_wide', repositoryWidePackages()));
  entrypoints.push('kiteguard/parts/repository_wide/report');
  for (const pkg of rulePackages()) {
    writeFileSync(join(parts, `${pkg}.rego`), partModule(pkg));
    entrypoints.push(`kiteguard/parts/${pkg.replace('.', '/')}/report`);
  }
  rules = buildBundle({ opa, sources: [{ dir: 'policies', as: 'policies' }, { dir: parts, as: 'parts' }], entrypoints, out: bundle });
  execFileSync('tar', ['-xzf', bundle, '-C', work, '/policy.wasm'], { stdio: 'inherit' });
  // Binaryen's optimizer, for size: V8 compiles a quarter less code before the first evaluation (the same
  // exports, data and results; tests compare them with `opa eval`). The features are those OPA's module uses.
  const features = ['--enable-bulk-memory', '--enable-sign-ext', '--enable-mutable-globals', '--enable-nontrapping-float-to-int'];
  execFileSync(process.execPath, [require.resolve('binaryen/bin/wasm-opt'), '-Oz', ...features, join(work, 'policy.wasm'), '-o', join(work, 'optimized.wasm')], { stdio: 'inherit' });
  writeFileSync('dist/policy.wasm', readFileSync(join(work, 'optimized.wasm')));
} finally {
  rmSync(work, { recursive: true, force: true });
}
writeFileSync('dist/catalog.json', JSON.stringify({ rules }, null, 2) + '\n');
console.log(`built dist/policy.wasm and dist/catalog.json (${rules.length} rules)`);
