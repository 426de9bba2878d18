#!/usr/bin/env node
// Growth with pipeline size: generated pipelines of 500 → 8,000 steps (realistic step shapes;
// `findings` puts findings on every step), each checked (`kiteguard check`, JSON) in a fresh
// process; prints the time of the check, peak RSS and the growth factor per doubling, beside the goals, and the
// 3,000-step file once more through the installed command (bin/, text report, Node's start included). Builds given
// with --variant (a dist folder, e.g. a copy made before a change) run alternately with this one.
// Usage: node bench/scale.mjs [--sizes 500,1000,...] [--rounds N] [--timeout S] [--variant name=distdir]... [--big]
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from './generate.mjs';

const root = resolve(import.meta.dirname, '..');

// Child mode: `kiteguard check` of one generated file in this process (JSON to a file); prints
// the time of the whole check, peak RSS and the number of findings.
if (process.env.KITEGUARD_SCALE_CHILD) {
  const [dist, file] = process.argv.slice(2);
  const out = `${file}.${process.pid}.json`;
  const policy = WebAssembly.compile(readFileSync(join(dist, 'policy.wasm')));
  const { main } = await import(join(dist, 'kiteguard.js'));
  await policy;
  const t0 = performance.now();
  const code = await main(['check', file, '--format', 'json', '--output', out, '--color', 'never'], policy);
  const t1 = performance.now();
  const rss = process.resourceUsage().maxRSS / 1024;
  const report = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(out);
  if (code !== 0 && code !== 1) throw new Error(`check exited ${code}`);
  console.log(JSON.stringify({ evaluate: t1 - t0, rss, findings: report.summary.findings.failing }));
  process.exit(0);
}

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
};
const SIZES = option('sizes', '500,1000,2000,4000,8000').split(',').map(Number);
const ROUNDS = Number(option('rounds', '1'));
const TIMEOUT = Number(option('timeout', '180')) * 1000;
const variants = [['this build', join(root, 'dist')]];
for (let i = args.indexOf('--variant'); i >= 0; i = args.indexOf('--variant')) {
  const [name, dir] = args.splice(i, 2)[1].split('=');
  variants.push([name, resolve(dir)]);
}
const BIG = args.includes('--big');

const dir = mkdtempSync(join(tmpdir(), 'kiteguard-scale-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function runChild(dist, file) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', import.meta.filename, dist, file], {
    env: { ...process.env, KITEGUARD_SCALE_CHILD: '1' },
    cwd: dirname(file),
    timeout: TIMEOUT,
  });
  if (r.error?.code === 'ETIMEDOUT' || r.signal) return { timeout: true };
  if (r.status !== 0) return { error: r.stderr.toString().trim().split('\n').slice(-3).join(' ') };
  return JSON.parse(r.stdout.toString());
}

// `kiteguard check FILE` through bin/ (this build) in a fresh process, its text report written to a file:
// wall seconds and peak RSS (bench/peak-rss.mjs).
function runInstalled(text) {
  const file = join(mkdtempSync(join(dir, 'installed-')), 'pipeline.yml');
  writeFileSync(file, text);
  const rssFile = `${file}.rss`;
  const report = openSync(`${file}.txt`, 'w');
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--import', join(root, 'bench/peak-rss.mjs'), join(root, 'bin/kiteguard.js'), 'check', file], {
    stdio: ['ignore', report, 'pipe'],
    env: { ...process.env, KITEGUARD_PEAK_RSS_FILE: rssFile },
    timeout: TIMEOUT,
  });
  const seconds = (performance.now() - start) / 1000;
  closeSync(report);
  if (r.status !== 0 && r.status !== 1) throw new Error(`kiteguard check exited ${r.status}: ${r.stderr}`);
  return { seconds, rss: Number(readFileSync(rssFile, 'utf8').trim()) / 1024 };
}

function measure(kind, sizes) {
  console.log(`\n${kind === 'findings' ? 'findings on every step' : 'realistic (findings on one step in ten)'}:`);
  console.log(`${'steps'.padStart(6)} ${'MiB in'.padStart(7)}  ${variants.map(([n]) => `${n}: check s, growth, peak RSS MiB`.padEnd(44)).join(' ')}`);
  const previous = new Map();
  const table = [];
  for (const n of sizes) {
    // A folder of its own: `check` also reads the other pipeline files of the folder it checks in.
    const file = join(mkdtempSync(join(dir, `${kind}-${n}-`)), 'pipeline.yml');
    const text = pipeline(n, kind === 'findings');
    writeFileSync(file, text);
    const runs = new Map(variants.map(([name]) => [name, []]));
    // Alternate the builds round by round, so a busy neighbour slows them alike.
    for (let r = 0; r < ROUNDS; r++) for (const [name, dist] of variants) runs.get(name).push(runChild(dist, file));
    const cells = variants.map(([name]) => {
      const ok = runs.get(name).filter((x) => x.evaluate !== undefined);
      if (ok.length === 0) {
        previous.delete(name);
        const bad = runs.get(name)[0];
        return (bad.timeout ? `timed out after ${TIMEOUT / 1000} s` : `failed: ${bad.error}`.slice(0, 60)).padEnd(44);
      }
      const seconds = median(ok.map((x) => x.evaluate)) / 1000;
      const rss = Math.max(...ok.map((x) => x.rss));
      const prev = previous.get(name);
      const growth = prev ? (seconds / prev.seconds) ** (Math.log(2) / Math.log(n / prev.n)) : undefined;
      previous.set(name, { n, seconds });
      table.push({ kind, n, name, seconds, rss, growth, findings: ok[0].findings });
      return `${seconds.toFixed(2).padStart(8)} ${growth ? `${growth.toFixed(2)}×` : '  -  '} ${rss.toFixed(0).padStart(6)}   (${ok[0].findings} findings)`.padEnd(44);
    });
    console.log(`${String(n).padStart(6)} ${(text.length / 2 ** 20).toFixed(2).padStart(7)}  ${cells.join(' ')}`);
  }
  return table;
}

try {
  const rows = [...measure('realistic', SIZES), ...measure('findings', [...new Set([...SIZES.filter((n) => n <= 2000), 3000])].sort((a, b) => a - b))];
  console.log('\ngoals (this build):');
  const mine = rows.filter((r) => r.name === 'this build');
  const growths = mine.filter((r) => r.growth).map((r) => r.growth);
  const worst = Math.max(...growths);
  if (growths.length > 0) console.log(`  each doubling at most 2.2× the time: worst ${worst.toFixed(2)}× ${worst <= 2.2 ? 'MET' : 'NOT MET'}`);
  const three = mine.find((r) => r.kind === 'findings' && r.n === 3000);
  if (three) {
    const ok = three.seconds <= 10 && three.rss <= 300;
    console.log(`  3,000 steps with findings on every step ≤ 10 s and ≤ 300 MiB: ${three.seconds.toFixed(2)} s, ${three.rss.toFixed(0)} MiB ${ok ? 'MET' : 'NOT MET'}`);
    // The same file as a person or a CI step runs it: the installed command, its text report written out.
    const cli = runInstalled(pipeline(3000, true));
    const cliOk = cli.seconds <= 10 && cli.rss <= 300;
    console.log(`    as \`kiteguard check FILE\` (bin/kiteguard.js, text report to a file, Node's start included): ${cli.seconds.toFixed(2)} s, ${cli.rss.toFixed(0)} MiB ${cliOk ? 'MET' : 'NOT MET'}`);
  }
  if (BIG) {
    // The largest pipeline the loader accepts: just under 5 MiB of realistic steps.
    let n = 1000;
    while (pipeline(n * 2, false).length < 5 * 2 ** 20) n *= 2;
    while (pipeline(n + 1000, false).length < 5 * 2 ** 20) n += 1000;
    const file = join(mkdtempSync(join(dir, 'big-')), 'pipeline.yml');
    const text = pipeline(n, false);
    writeFileSync(file, text);
    for (const [name, dist] of variants) {
      const r = runChild(dist, file);
      const what = r.evaluate !== undefined ? `${(r.evaluate / 1000).toFixed(2)} s, ${r.rss.toFixed(0)} MiB peak RSS` : r.timeout ? `timed out after ${TIMEOUT / 1000} s` : `failed: ${r.error}`;
      console.log(`  ${(text.length / 2 ** 20).toFixed(2)} MiB pipeline (${n} steps), ${name}: ${what} (goal: finishes in 30 s)`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
