#!/usr/bin/env node
// Sweep evaluation at scale: builds a 10,000-repository snapshot from the bundled example
// estate (its collected repositories and pipelines repeated under new names), then runs
// `kiteguard evaluate` on it in a child process and prints evaluation time, results size
// and peak memory, against the goals (at most 5 s, peak RSS at most 512 MiB), with the CPU time of
// every thread beside the time (on a machine busy with other work the time varies more than it).
// Usage: node bench/sweep.mjs [--repos N] [--pipelines N]   (after `make`)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const REPOS = arg('repos', 10_000);
const PIPELINES = arg('pipelines', 2_000);
const root = resolve(import.meta.dirname, '..');
const example = JSON.parse(readFileSync(join(root, 'fixtures/estate/snapshot.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'kiteguard-bench-sweep-'));

// Repositories: the example's, round-robin, renamed acme/repo-NNNNN. The first PIPELINES of
// them hold one pipeline file each (the example's richest one, made distinct per repository
// so no two evaluations share an input); the rest hold none, as most repositories do.
const seedRepos = example.github.repositories.data;
const api = seedRepos.find((r) => r.full_name === 'acme/api');
const pipelineText = api.pipeline_files.data.find((f) => f.path === '.buildkite/pipeline.yml').text;
const repoName = (i) => `acme/repo-${String(i).padStart(5, '0')}`;
const repos = Array.from({ length: REPOS }, (_, i) => {
  const seed = structuredClone(seedRepos[i % seedRepos.length]);
  seed.full_name = repoName(i);
  if (seed.repository.status === 'ok') seed.repository.data.nameWithOwner = seed.full_name;
  const files = i < PIPELINES ? [{ path: '.buildkite/pipeline.yml', text: `env:\n  SERVICE: repo-${i}\n${pipelineText}`, truncated: false, byte_size: pipelineText.length + 24 }] : [];
  seed.pipeline_files = { status: 'ok', data: files };
  return seed;
});
// Pipelines: the example's settings, each uploading the pipeline file of its own repository.
const seedPipelines = example.buildkite.pipelines.data;
const webApp = seedPipelines.find((p) => p.slug === 'web-app');
const pipelines = Array.from({ length: PIPELINES }, (_, i) => {
  const seed = structuredClone(i % 4 === 3 ? seedPipelines[i % seedPipelines.length] : webApp);
  seed.slug = `pipeline-${String(i).padStart(4, '0')}`;
  seed.id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  seed.repository = `git@github.com:${repoName(i)}.git`;
  seed.configuration = webApp.configuration;
  return seed;
});
const snapshot = {
  ...example,
  github: { ...example.github, repositories: { status: 'ok', data: repos } },
  buildkite: { ...example.buildkite, pipelines: { status: 'ok', data: pipelines } },
};
const snapshotFile = join(work, 'snapshot.json');
writeFileSync(snapshotFile, JSON.stringify(snapshot));
const resultsFile = join(work, 'results.json');

// The CLI in a child process that reports its own peak RSS when done.
const runner = join(work, 'run.mjs');
writeFileSync(
  runner,
  `const { main } = await import(${JSON.stringify(join(root, 'dist/kiteguard.js'))});\n` +
    'const start = performance.now();\n' +
    'const cpu = process.cpuUsage();\n' +
    'const code = await main(process.argv.slice(2));\n' +
    'const used = process.cpuUsage(cpu);\n' +
    'process.stderr.write(`\\nBENCH ${code} ${(performance.now() - start).toFixed(0)} ${process.resourceUsage().maxRSS} ${((used.user + used.system) / 1000).toFixed(0)}\\n`);\n',
);
const run = (format, out) => {
  const r = spawnSync(process.execPath, [runner, 'evaluate', snapshotFile, '--now', '2026-12-01T00:00:00Z', '-f', format, '-o', out], { encoding: 'utf8', cwd: work });
  const m = /BENCH (\d+) (\d+) (\d+) (\d+)/.exec(r.stderr);
  if (!m) throw new Error(`evaluate failed: ${r.stderr}`);
  return { code: Number(m[1]), ms: Number(m[2]), rssMiB: Number(m[3]) / 1024, cpuS: Number(m[4]) / 1000 };
};

const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
console.log(`snapshot: ${REPOS} repositories, ${PIPELINES} pipelines, ${mib(statSync(snapshotFile).size)} MiB`);
const json = run('json', resultsFile);
const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
console.log(`targets: ${results.summary.targets}, outcomes: ${results.outcomes.length}, findings: ${results.findings.length}`);
console.log(`evaluate -f json: ${(json.ms / 1000).toFixed(2)} s (goal <= 5 s: ${json.ms <= 5_000 ? 'met' : 'missed'}; CPU ${json.cpuS.toFixed(2)} s, all threads), peak RSS ${json.rssMiB.toFixed(0)} MiB (goal <= 512 MiB: ${json.rssMiB <= 512 ? 'met' : 'missed'}), results ${mib(statSync(resultsFile).size)} MiB`);
const mdFile = join(work, 'summary.md');
const md = run('markdown', mdFile);
console.log(`evaluate -f markdown: ${(md.ms / 1000).toFixed(2)} s (the evaluation with a small output), peak RSS ${md.rssMiB.toFixed(0)} MiB, summary ${(statSync(mdFile).size / 1024).toFixed(0)} KiB`);
const htmlFile = join(work, 'report.html');
const html = run('html', htmlFile);
console.log(`evaluate -f html: ${(html.ms / 1000).toFixed(2)} s, peak RSS ${html.rssMiB.toFixed(0)} MiB, report ${mib(statSync(htmlFile).size)} MiB`);
