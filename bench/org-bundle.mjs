#!/usr/bin/env node
// `kiteguard check` through an organization's bundle on a large pipeline: builds examples/org-policy with
// `kiteguard policy build` (ES256-signed, the real opa), then checks a generated 3,000-step pipeline (findings on
// every step) in a folder with a few smaller pipeline files beside it (the other files of its repository), with
// the shipped rules and with the bundle, each in a fresh process; prints the build time, and per variant the
// median seconds of the check and the peak RSS.
// Usage: node bench/org-bundle.mjs [--steps N] [--siblings N] [--rounds N]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from './generate.mjs';
import { signedOrgBundle } from './signed-org-bundle.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const STEPS = option('steps', 3000);
const SIBLINGS = option('siblings', 4);
const ROUNDS = option('rounds', 3);
const opa = process.env.KITEGUARD_OPA ?? join(root, '.tools/bin/opa');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const work = mkdtempSync(join(tmpdir(), 'kiteguard-org-bundle-'));
try {
  const built = performance.now();
  const { bundle, pub } = signedOrgBundle(work, opa);
  console.log(`policy build of examples/org-policy: ${((performance.now() - built) / 1000).toFixed(1)} s`);

  const repo = join(work, 'repo');
  mkdirSync(repo);
  const file = join(repo, 'pipeline.yml');
  writeFileSync(file, pipeline(STEPS, true));
  for (let i = 0; i < SIBLINGS; i++) writeFileSync(join(repo, `other-${i}.yml`), pipeline(100, false));
  console.log(`check of a ${STEPS}-step pipeline (findings on every step) beside ${SIBLINGS} pipeline files of 100 steps, median of ${ROUNDS}:`);

  const variants = [
    ['shipped rules', []],
    ['organization bundle', ['--bundle', bundle, '--verification-key', pub]],
  ];
  const runs = new Map(variants.map(([name]) => [name, []]));
  // Alternate the variants round by round, so a busy neighbour slows them alike.
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, flags] of variants) {
      const rssFile = join(work, `rss-${r}-${runs.get(name).length}-${name.length}`);
      const start = performance.now();
      const out = spawnSync(process.execPath, ['--import', join(root, 'bench/peak-rss.mjs'), join(root, 'bin/kiteguard.js'), 'check', file, '--format', 'json', ...flags], {
        cwd: repo,
        env: { ...process.env, KITEGUARD_PEAK_RSS_FILE: rssFile },
        maxBuffer: 1 << 30,
      });
      const seconds = (performance.now() - start) / 1000;
      if (out.status !== 0 && out.status !== 1) throw new Error(`check (${name}) exited ${out.status}: ${out.stderr}`);
      const failing = JSON.parse(out.stdout.toString()).summary.findings.failing;
      runs.get(name).push({ seconds, rss: Number(readFileSync(rssFile, 'utf8').trim()) / 1024, failing });
    }
  }
  for (const [name] of variants) {
    const xs = runs.get(name);
    console.log(`  ${name.padEnd(20)} ${median(xs.map((x) => x.seconds)).toFixed(2).padStart(7)} s  ${Math.max(...xs.map((x) => x.rss)).toFixed(0).padStart(5)} MiB peak RSS  (${xs[0].failing} findings)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
