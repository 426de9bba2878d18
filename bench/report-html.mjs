#!/usr/bin/env node
// HTML report at estate scale: builds a synthetic sweep (10,000 repositories, 2,000 pipelines, 20 rules per
// target), renders it, and opens it in headless Chromium to time the first view and the filters.
// Usage: node bench/report-html.mjs [repositories] [pipelines]   (Chromium: KITEGUARD_CHROMIUM or /usr/bin/chromium)
import { build } from 'esbuild';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const repositories = Number(process.argv[2] ?? 10_000);
const pipelines = Number(process.argv[3] ?? 2_000);
const chromiumPath = process.env.KITEGUARD_CHROMIUM ?? '/usr/bin/chromium';
const work = mkdtempSync(join(tmpdir(), 'kiteguard-bench-html-'));

// The renderer and the report generator are TypeScript; bundle them for this run.
const entry = [
  "export { renderHtml } from './src/report/html/index.ts';",
  "export { sweepReport } from './test/fixtures/report/sweep.ts';",
].join('\n');
const bundled = await build({ stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'warning' });
const modulePath = join(work, 'bench-html.mjs');
writeFileSync(modulePath, bundled.outputFiles[0].text);
const { renderHtml, sweepReport } = await import(pathToFileURL(modulePath).href);

const ms = (t) => `${t.toFixed(0)} ms`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;

let start = performance.now();
const report = sweepReport({ repositories, pipelines, rulesPerKind: 20, seed: 1, failRate: 0.15 });
const generated = performance.now() - start;
const findings = report.outcomes.reduce((n, o) => n + o.findings.length, 0);
console.log(`synthetic sweep: ${repositories} repositories, ${pipelines} pipelines, ${report.rules.length} rules, ${report.outcomes.length} outcomes, ${findings} findings (built in ${ms(generated)})`);

const renders = [];
let html = '';
for (let i = 0; i < 3; i++) {
  start = performance.now();
  html = renderHtml(report);
  renders.push(performance.now() - start);
}
renders.sort((a, b) => a - b);
const bytes = Buffer.byteLength(html);
console.log(`render: ${ms(renders[1])} median of 3 (min ${ms(renders[0])}); file ${mb(bytes)} (${mb(gzipSync(html).length)} gzipped)`);
const file = join(work, 'report.html');
writeFileSync(file, html);

if (!existsSync(chromiumPath)) {
  console.log(`browser timings skipped: ${chromiumPath} not found (set KITEGUARD_CHROMIUM)`);
} else {
  const context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1360, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // Record, inside the page, when the summary exists, when the first table page is rendered, and the longest task.
  await page.addInitScript(() => {
    const t = (window.__kgTimes = { longestTask: 0 });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) t.longestTask = Math.max(t.longestTask, e.duration);
    }).observe({ type: 'longtask', buffered: true });
    new MutationObserver((_, observer) => {
      if (t.summary === undefined && document.querySelector('#summary .areas tbody tr:last-child')) t.summary = performance.now();
      if (document.documentElement.getAttribute('data-ready') === 'true') {
        t.table = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  start = performance.now();
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('html[data-ready=true] tr.row', { state: 'visible', timeout: 120_000 });
  const wall = performance.now() - start;
  const times = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    return { ...window.__kgTimes, fcp, heap: performance.memory?.usedJSHeapSize ?? NaN };
  });
  console.log(`open (file://, times from navigation start): summary in DOM ${ms(times.summary)}, first paint ${ms(times.fcp)}, first table page ${ms(times.table)}; wall ${ms(wall)}; longest task ${ms(times.longestTask)}; JS heap ${mb(times.heap)}`);
  const status = () => document.getElementById('status').textContent;
  // Each filter applies without the input debounce (submit), so the figure is the filtering and rendering work.
  const timeFilter = (fields) =>
    page.evaluate((pairs) => {
      for (const [id, value] of pairs) document.getElementById(id).value = value;
      const t0 = performance.now();
      document.getElementById('filters').dispatchEvent(new Event('submit', { cancelable: true }));
      return { ms: performance.now() - t0, status: document.getElementById('status').textContent };
    }, fields);
  const rows = await page.evaluate(status);
  console.log(`table: ${rows}`);
  for (const [label, fields] of [
    ['severity = critical', [['f-severity', 'critical']]],
    ['+ search "occurrence 2" (first search builds the index)', [['f-q', 'occurrence 2']]],
    ['+ search "repo-0042" (index built)', [['f-q', 'repo-0042']]],
    ['repository = acme/repo-00042 only', [['f-severity', ''], ['f-q', ''], ['f-repository', 'acme/repo-00042']]],
    ['area = 5 only', [['f-repository', ''], ['f-area', '5']]],
  ]) {
    const r = await timeFilter(fields);
    console.log(`filter ${label}: ${r.ms.toFixed(1)} ms -> ${r.status}`);
  }
  start = performance.now();
  await page.evaluate(() => document.querySelector('button[type=reset]').click());
  await page.waitForFunction((s) => document.getElementById('status').textContent === s, rows);
  console.log(`clear filters (reset, all rows again): ${ms(performance.now() - start)} wall`);
  await context.close();
}
rmSync(work, { recursive: true, force: true });
