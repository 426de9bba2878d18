// Checks the import graph of src/ against the layering in docs/architecture.md: only the entry
// imports cli/, the snapshot never imports the collectors, model/ imports nothing of kiteguard,
// each stage imports only the stages below it, and no files import each other in a circle.
// Prints one line per failed check and ends with `imports: N passed, N failed`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(process.argv[2] ?? 'src');
const FLOOR = ['model', 'snapshot', 'pipeline', 'yaml', 'agent', 'shard', 'collections.ts', 'errors.ts', 'files.ts', 'redact.ts', 'url.ts', 'version.ts'];

/** Which stages each stage may import besides itself and the floor (docs/architecture.md). */
const MAY_IMPORT = {
  'main.ts': ['cli', 'engine'],
  cli: ['app', 'report'],
  app: ['collect', 'targets', 'engine', 'config', 'report', 'drift', 'blast'],
  collect: [],
  targets: [],
  blast: ['targets'],
  engine: [],
  drift: [],
  config: [],
  report: [],
  model: [],
  snapshot: [],
  pipeline: [],
  yaml: [],
  agent: [],
  shard: [],
  'collections.ts': [],
  'errors.ts': [],
  'files.ts': [],
  'redact.ts': [],
  'url.ts': [],
  'version.ts': [],
};

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.[^'"]+)['"]/gm;

function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const out = new Set();
  for (const m of text.matchAll(SPECIFIER)) {
    const target = resolve(dirname(file), m[1]).replace(/\.js$/, '.ts');
    if (target.endsWith('.ts')) out.add(target);
  }
  return [...out];
}

const stageOf = (file) => relative(ROOT, file).split('/')[0];
const name = (file) => relative(ROOT, file);
const files = sourceFiles(ROOT);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const problems = { cli: [], snapshot: [], model: [], layers: [], cycles: [] };

for (const [file, targets] of graph) {
  const from = stageOf(file);
  for (const target of targets) {
    const to = stageOf(target);
    if (to === 'cli' && from !== 'cli' && from !== 'main.ts') problems.cli.push(`${name(file)} imports ${name(target)}`);
    if (from === 'snapshot' && to === 'collect') problems.snapshot.push(`${name(file)} imports ${name(target)}`);
    if (from === 'model' && to !== 'model') problems.model.push(`${name(file)} imports ${name(target)}`);
    const allowed = MAY_IMPORT[from];
    if (to === from) continue;
    if (!allowed) problems.layers.push(`${name(file)}: stage ${from} is not in the layer table`);
    else if (!allowed.includes(to) && !FLOOR.includes(to)) problems.layers.push(`${name(file)} imports ${name(target)} (${from} may not import ${to})`);
    else if (FLOOR.includes(from) && !FLOOR.includes(to)) problems.layers.push(`${name(file)} imports ${name(target)} (the floor imports only the floor)`);
  }
}

// Cycles: Tarjan's strongly connected components; any component of two or more files is a circle.
let index = 0;
const stack = [];
const info = new Map();
function connect(v) {
  info.set(v, { index, low: index, onStack: true });
  index++;
  stack.push(v);
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    if (!info.has(w)) {
      connect(w);
      info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
    } else if (info.get(w).onStack) info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
  }
  if (info.get(v).low === info.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      info.get(w).onStack = false;
      component.push(w);
    } while (w !== v);
    if (component.length > 1) problems.cycles.push(`circle: ${component.map(name).sort().join(' ↔ ')}`);
  }
}
for (const f of files) if (!info.has(f)) connect(f);

const checks = {
  cli: 'only src/main.ts and src/cli/ import src/cli/',
  snapshot: 'src/snapshot/ does not import src/collect/',
  model: 'src/model/ imports nothing else of kiteguard',
  layers: 'each stage imports only the stages below it and the floor',
  cycles: 'no import circles',
};
let passed = 0;
let failed = 0;
for (const [key, what] of Object.entries(checks)) {
  if (problems[key].length === 0) {
    passed++;
    continue;
  }
  failed++;
  console.log(`imports: FAIL ${what}`);
  for (const p of problems[key]) console.log(`  ${p}`);
}
console.log(`imports: ${passed} passed, ${failed} failed (${files.length} files)`);
process.exitCode = failed === 0 ? 0 : 1;
