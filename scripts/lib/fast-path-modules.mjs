// Generates the Rego modules behind the engine's fast paths (src/engine/policy.ts), for the shipped module and
// for an organization's bundle alike, from the rule sources a bundle is built from:
// - one "part" entrypoint per rule package of the part domains (`kiteguard/parts/<domain>/<rule>/report`): the
//   engine evaluates a large pipeline part by part, so each rule starts on an empty Wasm heap;
// - `kiteguard/parts/repository_wide/report`: the rules any pipeline file of a repository can satisfy (METADATA
//   `scope: repository`), which `check` evaluates on the other files of a repository;
// - `kiteguard/literals/hints`: every hint of the literal prefilters (src/engine/literals.ts, policies/lib/hints.rego).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOpa } from './run-opa.mjs';

// The entrypoint listing every hint of the literal prefilters (LITERALS_ENTRYPOINT of src/engine/policy.ts).
const LITERALS_ENTRYPOINT = 'kiteguard/literals/hints';

// The entrypoint of the rules any pipeline file of a repository can satisfy (REPOSITORY_WIDE_ENTRYPOINT there).
const REPOSITORY_WIDE_ENTRYPOINT = 'kiteguard/parts/repository_wide/report';

/**
 * Writes the fast-path modules for the non-test Rego files under `root` into the folder `into` and returns their
 * entrypoints (literals, repository-wide, then the parts by package); `inspected` is `opa inspect -a` of `root`,
 * `partDomains` the rule domains whose packages get part entrypoints.
 */
export function writeFastPathModules({ opa, root, inspected, partDomains, into }) {
  mkdirSync(into, { recursive: true });
  const entrypoints = [LITERALS_ENTRYPOINT, REPOSITORY_WIDE_ENTRYPOINT];
  writeFileSync(join(into, 'literals.rego'), `package kiteguard.literals\n\nhints := ${JSON.stringify(hintLiterals(opa, root))}\n`);
  writeFileSync(join(into, 'repository_wide.rego'), groupModule('repository_wide', repositoryWidePackages(inspected)));
  for (const pkg of rulePackages(inspected, partDomains)) {
    writeFileSync(join(into, `${pkg}.rego`), groupModule(pkg, [pkg]));
    entrypoints.push(`kiteguard/parts/${pkg.replace('.', '/')}/report`);
  }
  return entrypoints;
}

/** Every rule package (`domain.name`) of the part domains, from the packages of the non-test policy files. */
function rulePackages(inspected, partDomains) {
  return Object.entries(inspected.namespaces ?? {})
    .filter(([, files]) => files.some((f) => !f.endsWith('_test.rego')))
    .map(([ns]) => ns.split('.').slice(1))
    .filter((parts) => parts.length === 2 && partDomains.includes(parts[0]))
    .map((parts) => parts.join('.'))
    .sort();
}

/**
 * Every hint of the policies' literal prefilters (lib.hints): the lists in the rules named `*_hints`
 * of the pipeline and lib packages. The engine looks for these in a pipeline input once and tells the
 * policies which occur nowhere; a hint left out of this list is simply always looked for.
 */
function hintLiterals(opa, root) {
  const query = 'x := sort({h | some domain in ["pipeline", "lib"]; some _, rules in data[domain]; some name, table in rules; endswith(name, "_hints"); is_object(table); some hints in table; is_array(hints); some h in hints; is_string(h)})';
  const out = runOpa(opa, ['eval', '-f', 'json', '-d', '.', '--ignore', '*_test.rego', query], root);
  return JSON.parse(out).result[0].bindings.x;
}

/** The rule packages (`domain.name`) whose METADATA says `scope: repository`. */
function repositoryWidePackages(inspected) {
  return (inspected.annotations ?? [])
    .filter((entry) => entry.annotations.scope === 'package' && entry.annotations.custom?.scope === 'repository')
    .map((entry) => entry.path.slice(1).map((p) => p.value).join('.'))
    .sort();
}

/** The generated module aggregating the given rule packages, as the kind report does, under `kiteguard.parts.<name>`; a part is the one-package case. */
function groupModule(name, packages) {
  const domains = new Map();
  for (const pkg of packages) {
    const [domain, rule] = pkg.split('.');
    domains.set(domain, [...(domains.get(domain) ?? []), `"${rule}": data.${pkg}`]);
  }
  const tree = [...domains].map(([domain, rules]) => `"${domain}": {${rules.join(', ')}}`).join(', ');
  return [`package kiteguard.parts.${name}`, '', 'import data.lib.report as aggregation', '', `report := aggregation.aggregate({${tree}})`, ''].join('\n');
}
