#!/usr/bin/env node
// Results files past the 256 MiB mark are read in chunks (src/snapshot/json-reader.ts). This bench writes
// results of a 42,000-repository sweep (> 600 MB each: the example estate's repository, pipeline-file and
// Buildkite pipeline results repeated under new names) into a temporary folder, then runs, each in a
// fresh process of the built CLI: `merge` of two shards, `diff` of two sweeps, and `evaluate --baseline`
// with the large file as baseline; it prints each one's wall time, peak RSS and exit code, and a digest of the merged
// results and of diff's report, to compare the output bytes of two builds.
// Usage: node bench/large-results.mjs [--repos N] [--heap MB] [--keep]   (after `make`; needs ~3 GB of disk)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = resolve(import.meta.dirname, '..');

// Child mode: one CLI command in this process; prints its exit code, wall time and peak RSS as JSON.
if (process.env.KITEGUARD_LARGE_CHILD) {
  const policy = WebAssembly.compile(readFileSync(join(root, 'dist/policy.wasm')));
  const { main } = await import(join(root, 'dist/kiteguard.js'));
  const t0 = performance.now();
  const code = await main(process.argv.slice(2), policy);
  console.log(JSON.stringify({ code, seconds: (performance.now() - t0) / 1000, rssMiB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const args = process.argv.slice(2);
const at = args.indexOf('--repos');
const REPOS = at >= 0 ? Number(args[at + 1]) : 42_000;
const KEEP = args.includes('--keep');
// Node's own heap limit by default, as `kiteguard` runs; `--heap MB` raises it (NODE_OPTIONS=--max-old-space-size=MB for users).
const heapAt = args.indexOf('--heap');
const HEAP = heapAt >= 0 ? [`--max-old-space-size=${Number(args[heapAt + 1])}`] : [];
const dir = mkdtempSync(join(tmpdir(), 'kiteguard-large-'));

// The template: results of the example estate, grouped by repository.
const tmpl = join(dir, 'template.json');
const made = spawnSync(process.execPath, [join(root, 'bin/kiteguard.js'), 'evaluate', join(root, 'fixtures/estate/snapshot.json'), '-f', 'json', '-o', tmpl]);
if (made.status !== 0 && made.status !== 1) throw new Error(`evaluate of the example estate exited ${made.status}: ${made.stderr}`);
const example = JSON.parse(readFileSync(tmpl, 'utf8'));
const REPO = /acme\/(api|docs|infra|legacy|web)\b/g;
const BUILDKITE = /acme-inc\/(docs-site|legacy-deploy|web-app)\b/g;
const repoNames = example.targets.filter((t) => /^acme\/[^:]+$/.test(t));
const buildkiteNames = example.targets.filter((t) => t.startsWith('buildkite:'));

/** Each example target's outcomes and findings as indented JSON text, names replaced by a marker. */
function pieces(target) {
  const text = (v) => `    ${JSON.stringify(v, null, 2).replace(/\n/g, '\n    ')}`.replace(REPO, 'acme/$1-\u0000').replace(BUILDKITE, 'acme-inc/$1-\u0000');
  return { name: text(target), outcomes: example.outcomes.filter((o) => o.target === target), findings: example.findings.filter((f) => f.target === target), text };
}
const groups = repoNames.map((name) => [name, ...example.targets.filter((t) => t.startsWith(`${name}:`))].map(pieces));
const buildkite = buildkiteNames.map(pieces);

/** The targets of repository `i`: the repository, its pipeline files, and every third one a Buildkite pipeline. */
function targetsOf(i) {
  const list = [...groups[i % groups.length]];
  if (i % 3 === 0) list.push(buildkite[(i / 3) % buildkite.length]);
  return list;
}

/** Writes a results file for repositories [from, to); `fixed` drops the failures of every 100th repository (drift for diff). */
function writeResults(file, from, to, { organization, fixed, generatedAt }) {
  const fd = openSync(file, 'w');
  let buffer = '';
  const put = (s) => {
    buffer += s;
    if (buffer.length > 1 << 22) (writeSync(fd, buffer), (buffer = ''));
  };
  const outcomeCounts = { fail: 0, unknown: 0, waived: 0, not_applicable: 0, pass: 0 };
  const list = (key, each) => {
    put(`  "${key}": [`);
    let first = true;
    const item = (s) => (put(`${first ? '\n' : ',\n'}${s}`), (first = false));
    if (organization) each(pieces('organization'), 'org', false, item);
    for (let i = from; i < to; i++) for (const p of targetsOf(i)) each(p, String(i).padStart(5, '0'), fixed && i % 100 === 0, item);
    put(first ? '],\n' : '\n  ],\n');
  };
  put(`{\n  "format": {\n    "name": "kiteguard-report",\n    "version": 1\n  },\n  "tool": ${JSON.stringify(example.tool)},\n  "generatedAt": "${generatedAt}",\n  "failOn": "high",\n  "errors": [],\n`);
  list('targets', (p, n, _fix, item) => item(p.name.replaceAll('\u0000', n)));
  put(`  "rules": ${JSON.stringify(example.rules)},\n`);
  list('outcomes', (p, n, fix, item) => {
    for (const o of p.outcomes) {
      const now = fix && o.outcome === 'fail' ? { ...o, outcome: 'pass', findings: 0 } : o;
      outcomeCounts[now.outcome] += 1;
      item(p.text(now).replaceAll('\u0000', n));
    }
  });
  let findings = 0;
  list('findings', (p, n, fix, item) => {
    if (fix) return;
    for (const f of p.findings) (item(p.text(f).replaceAll('\u0000', n)), (findings += 1));
  });
  put(`  "expiredWaivers": [],\n  "summary": ${JSON.stringify({ targets: 0, rules: example.rules.length, outcomes: outcomeCounts, findings: { failing: findings } })}\n}\n`);
  writeSync(fd, buffer);
  closeSync(fd);
}

const mib = (file) => (statSync(file).size / 2 ** 20).toFixed(0);
const t0 = performance.now();
mkdirSync(join(dir, 'last-night'));
const baseline = join(dir, 'last-night', 'results.json');
const half = Math.floor(REPOS / 2);
const parts = [join(dir, 'part-1.json'), join(dir, 'part-2.json')];
writeResults(baseline, 0, REPOS, { organization: true, fixed: false, generatedAt: '2026-01-01T00:00:00.000Z' });
writeResults(parts[0], 0, half, { organization: true, fixed: true, generatedAt: '2026-01-02T00:00:00.000Z' });
writeResults(parts[1], half, REPOS, { organization: false, fixed: true, generatedAt: '2026-01-02T00:00:00.000Z' });
console.log(`heap limit: ${HEAP.length ? HEAP[0] : "Node's default"}`);
console.log(`${REPOS} repositories: baseline ${mib(baseline)} MiB, shards ${mib(parts[0])} + ${mib(parts[1])} MiB (written in ${((performance.now() - t0) / 1000).toFixed(0)} s)`);

/** Runs one command in a child; its stdout (a diff's report can be long) goes to a file, whose last line is the child's figures. */
function run(label, argv) {
  const out = join(dir, 'stdout.txt');
  const fd = openSync(out, 'w');
  const r = spawnSync(process.execPath, [...HEAP, import.meta.filename, ...argv], { env: { ...process.env, KITEGUARD_LARGE_CHILD: '1' }, cwd: dir, stdio: ['ignore', fd, 'pipe'], maxBuffer: 1 << 26 });
  closeSync(fd);
  const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
  let result;
  try {
    result = JSON.parse(lines.at(-1) ?? '');
  } catch {
    console.log(`${label.padEnd(44)} failed (status ${r.status}, signal ${r.signal}): ${r.stderr.toString().trim().split('\n').slice(-2).join(' ').slice(0, 300)}`);
    return;
  }
  const said = lines.length > 1 ? `${lines.length - 1} lines of output, first: ${lines[0]}` : r.stderr.toString().trim().split('\n').at(-1) ?? '';
  console.log(`${label.padEnd(44)} ${result.seconds.toFixed(1).padStart(6)} s  peak RSS ${result.rssMiB.toFixed(0).padStart(5)} MiB  exit ${result.code}  ${said.slice(0, 100)}`);
  return lines.slice(0, -1).join('\n');
}

/** The first 16 hex digits of the SHA-256 of a file's bytes or of a text. */
const digest = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);

const merged = join(dir, 'results.json');
run('merge part-1.json part-2.json', ['merge', ...parts, '-o', merged]);
console.log(`  merged results: ${mib(merged)} MiB, sha256 ${digest(readFileSync(merged))}`);
const report = run('diff last-night/results.json results.json', ['diff', baseline, merged]);
if (report !== undefined) console.log(`  diff's report: sha256 ${digest(report)}`);
run('evaluate (example estate) --baseline, JSON', ['evaluate', join(root, 'fixtures/estate/snapshot.json'), '--baseline', baseline, '-f', 'json', '-o', join(dir, 'evaluated.json')]);
if (KEEP) console.log(`files kept in ${dir}`);
else rmSync(dir, { recursive: true, force: true });
