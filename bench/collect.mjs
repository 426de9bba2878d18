#!/usr/bin/env node
// API budget of `kiteguard collect` at estate scale: both loopback simulators (a GitHub organization and a
// Buildkite organization, deterministic seeds) run in a child process; this process runs both collectors the
// way `kiteguard collect` does (concurrency 8, 30 s timeouts, real retry timing, an ETag cache folder), with
// GitHub's GraphQL pacing shortened. Prints calls per provider per 1,000 repositories / pipelines, GraphQL points,
// wall time, the collecting process's peak RSS, the snapshot's size and schema check, then a second run on the
// warm ETag cache; each figure beside its goal, "met" or "missed" (never a failing exit code).
// Usage: node bench/collect.mjs [--repos 10000] [--pipelines 2000] [--teams 100] [--graphql-interval-ms 20]
//   [--collected-at ISO-TIME] [--keep-snapshot FILE]
//   (or `make bench-collect`; `--graphql-interval-ms 1000` paces GraphQL as kiteguard does by default). `--collected-at`
//   fixes the snapshot's time and prints its SHA-256 with the simulators' loopback ports masked (they change every run),
//   so two builds' snapshots can be compared byte for byte; `--keep-snapshot` copies it to FILE. Needs Buildkite's
//   GraphQL schema from the shared reference data beside the repository, or under KITEGUARD_SHARED_DATA.
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { bundleTs } from './bundle-ts.mjs';

const { values: flags } = parseArgs({
  options: {
    repos: { type: 'string', default: '10000' },
    pipelines: { type: 'string', default: '2000' },
    teams: { type: 'string', default: '100' },
    'graphql-interval-ms': { type: 'string', default: '20' },
    'keep-snapshot': { type: 'string' },
    'collected-at': { type: 'string' },
  },
});
const repos = Number(flags.repos);
const pipelines = Number(flags.pipelines);
const teams = Number(flags.teams);
const intervalMs = Number(flags['graphql-interval-ms']);
/** GitHub's collector waits this long between GraphQL requests by default (its secondary-limit guard). */
const REAL_INTERVAL_MS = 1000;
const CONCURRENCY = 8;
const TIMEOUT_MS = 30_000;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'kiteguard-bench-collect-'));
// Bundles go under build/ so the packages they import (left external) resolve from the project's node_modules.
mkdirSync(join(root, 'build'), { recursive: true });
const bundles = mkdtempSync(join(root, 'build', 'bench-collect-'));
const schemaPath = [process.env.KITEGUARD_SHARED_DATA, join(root, '../shared/data'), join(root, '../../shared/data')]
  .filter(Boolean)
  .map((dir) => join(dir, 'buildkite-graphql-schema.graphql'))
  .find((p) => existsSync(p));
if (!schemaPath) throw new Error('Buildkite GraphQL schema not found (shared/data/buildkite-graphql-schema.graphql beside the repository, or KITEGUARD_SHARED_DATA)');

// Collectors and simulators are TypeScript: bundle each for this run (separately, so neither process loads the other's code).
const bundle = (name, lines) => bundleTs(root, bundles, name, lines);
const collectorsFile = await bundle('collectors', [
  "export { collectGithub } from './src/collect/github/index.ts';",
  "export { collectBuildkite } from './src/collect/buildkite/collect.ts';",
  "export { snapshotProblems, SCHEMA_VERSION } from './src/snapshot/validate.ts';",
  "export { writeSnapshot } from './src/snapshot/io.ts';",
  "export { VERSION } from './src/version.ts';",
  "export { openCollectJournal } from './src/app/collect-journal.ts';",
  "export { acquireCollectionLock } from './src/collect/journal/lock.ts';",
]);
const simsFile = await bundle('simulators', [
  "export { startGithubSim, generateOrg, fixtureTokens, TOKENS } from './test/sim/github/index.ts';",
  "export { startBuildkiteSim } from './test/sim/buildkite/server.ts';",
  "export { generateEstate } from './test/sim/buildkite/generate.ts';",
  "export { callerToken } from './test/sim/buildkite/estate.ts';",
]);
const { collectGithub, collectBuildkite, snapshotProblems, SCHEMA_VERSION, writeSnapshot, VERSION, openCollectJournal, acquireCollectionLock } = await import(pathToFileURL(collectorsFile).href);

// The simulators' process: start it, wait for its URLs; `stats()` asks for its counters.
const child = fork(join(root, 'bench/collect-sims.mjs'), [pathToFileURL(simsFile).href, String(repos), String(pipelines), String(teams), schemaPath], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const replies = [];
child.on('message', (m) => replies.shift()?.(m));
const nextMessage = () => new Promise((r) => replies.push(r));
let start = performance.now();
const sim = await nextMessage();
console.log(`estate: ${repos} GitHub repositories and ${teams} teams; ${pipelines} Buildkite pipelines, ${teams} teams, ${sim.clusters} clusters, ${sim.members} members (simulators ready in ${((performance.now() - start) / 1000).toFixed(1)} s, in child process ${child.pid})`);
const { github: gl, buildkite: bl } = sim.limits;
console.log(`rate limits served: GitHub ${gl.restLimit} REST calls and ${gl.graphqlLimit} GraphQL points an hour; Buildkite ${bl.restLimit} REST calls per ${bl.restWindowMs / 1000} s and ${bl.graphqlLimit} GraphQL points per ${bl.graphqlWindowMs / 1000} s`);
const stats = () => {
  const reply = nextMessage();
  child.send('stats');
  return reply;
};

// Peak RSS of this process (the collectors'): sampled every 20 ms, and the kernel's high-water mark.
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const cacheDir = join(work, 'etag-cache');
const silent = { progress() {}, budget() {}, warn() {} };
const warnings = [];
const events = { ...silent, warn: (provider, message) => warnings.push(`${provider}: ${message}`) };
const githubOptions = { org: sim.github.org, auth: { token: sim.github.token }, apiUrl: sim.github.url, cacheDir, concurrency: CONCURRENCY, timeoutMs: TIMEOUT_MS, graphqlIntervalMs: intervalMs };
const timed = async (promise) => {
  const t = performance.now();
  const value = await promise;
  return { value, seconds: (performance.now() - t) / 1000 };
};

// First run: both providers at once, assembled and written like `kiteguard collect -o snapshot.json --cache-dir …`,
// with its checkpoint journal beside the snapshot.
const snapshotFile = join(work, 'snapshot.json');
const buildkiteOptions = { org: sim.buildkite.org, token: sim.buildkite.token, apiUrl: sim.buildkite.apiUrl, graphqlUrl: sim.buildkite.graphqlUrl, concurrency: CONCURRENCY, timeoutMs: TIMEOUT_MS };
const journalRequest = { github: githubOptions, buildkite: buildkiteOptions };
const secrets = [sim.github.token, sim.buildkite.token];
const lock = acquireCollectionLock(snapshotFile);
const { journal } = openCollectJournal(journalRequest, lock, snapshotFile, secrets);
const before = await stats();
const rssBefore = process.memoryUsage().rss;
start = performance.now();
const [gh, bk] = await Promise.all([
  timed(collectGithub({ ...githubOptions, journal }, events)),
  timed(collectBuildkite({ ...buildkiteOptions, journal }, events)),
]);
const peakBeforeWrite = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
const snapshot = {
  schemaVersion: SCHEMA_VERSION,
  collected_at: flags['collected-at'] ?? new Date().toISOString(),
  kiteguard_version: VERSION,
  incomplete: [...gh.value.incomplete, ...bk.value.incomplete].sort(),
  github: gh.value.snapshot,
  buildkite: bk.value.snapshot,
};
writeSnapshot(snapshotFile, snapshot);
const wall = (performance.now() - start) / 1000;
const sampledPeak = Math.max(peakRss, process.memoryUsage().rss);
const maxRss = process.resourceUsage().maxRSS * 1024;
if (flags['keep-snapshot']) copyFileSync(snapshotFile, flags['keep-snapshot']);
const after = await stats();
// Kept, as if the run had been killed just before writing its snapshot: the third run resumes it.
const journalBytes = statSync(join(journal.dir, 'responses.jsonl')).size;
journal.close(false);

// Second run: GitHub again on the warm cache (Buildkite has no conditional requests), the estate unchanged.
const second = await timed(collectGithub(githubOptions, silent));
const afterSecond = await stats();
clearInterval(sampler);

// Third run: `--resume` of the first run's journal, both providers; every response is replayed from it.
const resumed = openCollectJournal({ ...journalRequest, resume: true }, lock, snapshotFile, secrets);
const [gh3, bk3] = await Promise.all([
  timed(collectGithub({ ...githubOptions, journal: resumed.journal }, silent)),
  timed(collectBuildkite({ ...buildkiteOptions, journal: resumed.journal }, silent)),
]);
resumed.journal.close(true);
lock.release();
const afterThird = await stats();
child.send('close');

// The SHA-256 of a file's lines with every loopback port masked, as hex.
async function maskedDigest(file) {
  const hash = createHash('sha256');
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) hash.update(`${line.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')}\n`);
  return hash.digest('hex');
}

// Figures.
const MiB = 2 ** 20;
const fmt = (n, digits = 1) => n.toFixed(digits);
const verdict = (ok) => (ok ? 'met' : 'missed');
const row = (label, value, goal, ok) => console.log(`  ${label.padEnd(52)} ${String(value).padStart(12)}   ${goal.padEnd(34)} ${ok === undefined ? '' : verdict(ok)}`);
const diff = (a, b, key) => b[key] - a[key];
const ghRest = diff(before.github, after.github, 'rest');
const ghCounted = diff(before.github, after.github, 'restCounted');
const ghGraphql = diff(before.github, after.github, 'graphql');
const ghPoints = diff(before.github, after.github, 'graphqlPoints');
const perRepo = (n) => (n * 1000) / repos;
const routes = (from, to) => {
  const out = {};
  for (const [k, v] of Object.entries(to.byRoute)) if (v - (from.byRoute[k] ?? 0) > 0) out[k] = v - (from.byRoute[k] ?? 0);
  return out;
};
const bkRoutes = routes(before.buildkite, after.buildkite);
const bkRest = diff(before.buildkite, after.buildkite, 'rest');
const bkGraphql = diff(before.buildkite, after.buildkite, 'graphql');
const restRoutes = Object.entries(bkRoutes).filter(([k]) => !k.startsWith('graphql:'));
const sumRoutes = (test) => restRoutes.filter(([k]) => test(k)).reduce((n, [, v]) => n + v, 0);
const bkTeamRest = sumRoutes((k) => k === 'teams' || k.startsWith('teams/'));
const bkListRest = sumRoutes((k) => k === 'pipelines');
const bkFixedRest = bkRest - bkTeamRest - bkListRest;
const bkBudget = Math.ceil((10 * pipelines) / 1000) + teams;

console.log(`\nfirst run (empty ETag cache): wall ${fmt(wall)} s for both providers at once (GitHub ${fmt(gh.seconds)} s, Buildkite ${fmt(bk.seconds)} s), snapshot written and validated`);
const extra = ((ghGraphql - 1) * Math.max(0, REAL_INTERVAL_MS - intervalMs)) / 1000;
console.log(`  pacing: GitHub GraphQL ${intervalMs} ms between requests; kiteguard's default of ${REAL_INTERVAL_MS} ms would add up to ${fmt(extra, 0)} s to GitHub's ${fmt(gh.seconds)} s (${ghGraphql} queries; less where other reads overlap). REST, retries and Buildkite as in kiteguard collect`);
console.log(`  ${'figure'.padEnd(52)} ${'value'.padStart(12)}   ${'goal'.padEnd(34)} verdict`);
row('GitHub GraphQL queries', ghGraphql, '');
row('GitHub GraphQL queries per 1,000 repositories', fmt(perRepo(ghGraphql)), '<= 15', perRepo(ghGraphql) <= 15);
row('GitHub GraphQL points', ghPoints, `(${fmt(perRepo(ghPoints))} per 1,000 repositories)`);
row('GitHub REST calls', ghRest, `(${ghCounted} counted against the limit)`);
row('GitHub REST calls per 1,000 repositories', fmt(perRepo(ghRest)), '<= 12', perRepo(ghRest) <= 12);
row('Buildkite REST calls', bkRest, `<= ${bkBudget} (10 per 1,000 + 1 per team)`, bkRest <= bkBudget);
row('Buildkite REST calls per 1,000 pipelines', fmt((bkRest * 1000) / pipelines), `<= ${fmt((bkBudget * 1000) / pipelines)} (10 + ${fmt((teams * 1000) / pipelines)} for teams)`, bkRest <= bkBudget);
row('  pipeline list pages', bkListRest, `(${fmt((bkListRest * 1000) / pipelines)} per 1,000 pipelines)`);
row('  team part: list pages and per-team calls', bkTeamRest, `(${fmt(bkTeamRest / teams, 2)} per team)`);
row('  organization and cluster reads (fixed)', bkFixedRest, `(8 + 4 per cluster)`);
row('Buildkite GraphQL queries', bkGraphql, '');
row('Buildkite GraphQL points', bk.value.stats.graphqlPoints, '');
row('wall time of the collection (s)', fmt(wall), '');
const peak = Math.max(sampledPeak, maxRss);
row('peak RSS of the collecting process (MiB)', fmt(peak / MiB, 0), '< 512', peak < 512 * MiB);
row('  sampled every 20 ms / kernel high-water mark', `${fmt(sampledPeak / MiB, 0)} / ${fmt(maxRss / MiB, 0)}`, '');
row('  at the start / peak until the collectors returned', `${fmt(rssBefore / MiB, 0)} / ${fmt(peakBeforeWrite / MiB, 0)}`, '(the rest is writing the snapshot)');
row('  simulators\' process, for comparison (MiB)', fmt((after.maxRssKiB * 1024) / MiB, 0), '(not the collector)');
const problems = snapshotProblems(snapshot);
row('snapshot size (MiB, as written)', fmt(statSync(snapshotFile).size / MiB), '');
row('snapshot schema check', problems.length === 0 ? 'valid' : `${problems.length} problem(s)`, 'valid', problems.length === 0);
for (const p of problems) console.log(`    ${p.pointer || '/'}: ${p.message}`);
if (flags['collected-at']) console.log(`  snapshot SHA-256, loopback ports masked: ${await maskedDigest(snapshotFile)} (the same for the same seeds and --collected-at)`);
console.log(`  incomplete sections: ${snapshot.incomplete.length ? snapshot.incomplete.join(', ') : 'none'}; warnings: ${warnings.length}`);
for (const w of warnings.slice(0, 5)) console.log(`    ${w}`);
const ghPaths = Object.entries(after.github.paths).map(([k, v]) => [k, v - (before.github.paths[k] ?? 0)]).filter(([k, v]) => v > 0 && !k.endsWith(' /graphql'));
console.log(`  GitHub REST by path: ${ghPaths.map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`  Buildkite REST by route: ${restRoutes.map(([k, v]) => `${k} ${v}`).join(', ')}`);

const secondRest = diff(after.github, afterSecond.github, 'rest');
const secondCounted = diff(after.github, afterSecond.github, 'restCounted');
const secondNotModified = diff(after.github, afterSecond.github, 'notModified');
const share = ghCounted === 0 ? 0 : (100 * secondCounted) / ghCounted;
const same = JSON.stringify(second.value.snapshot) === JSON.stringify(gh.value.snapshot);
console.log(`\nsecond run (GitHub, warm ETag cache, estate unchanged): ${fmt(second.seconds)} s, ${diff(after.github, afterSecond.github, 'graphql')} GraphQL queries, snapshot ${same ? 'identical to the first' : 'DIFFERENT from the first'}`);
row('GitHub REST calls', secondRest, '');
row('  answered 304 Not Modified (not counted)', secondNotModified, '');
row('  counted against the rate limit', secondCounted, '');
row('  counted, as % of the first run\'s counted calls', `${fmt(share)} %`, '<= 10 %', share <= 10);

const thirdRequests = ['rest', 'graphql'].reduce((n, k) => n + diff(afterSecond.github, afterThird.github, k) + diff(afterSecond.buildkite, afterThird.buildkite, k), 0);
const sameThird = JSON.stringify([gh3.value.snapshot, bk3.value.snapshot]) === JSON.stringify([gh.value.snapshot, bk.value.snapshot]);
console.log(`\nthird run (--resume of the first run's journal, both providers): ${fmt(Math.max(gh3.seconds, bk3.seconds))} s, snapshot ${sameThird ? 'identical to the first' : 'DIFFERENT from the first'}`);
row('journal of the first run (MiB)', fmt(journalBytes / MiB), `(${resumed.journal.replayed.github + resumed.journal.replayed.buildkite} responses replayed)`);
row('requests sent by the resumed run', thirdRequests, '0', thirdRequests === 0);

rmSync(work, { recursive: true, force: true });
rmSync(bundles, { recursive: true, force: true });
