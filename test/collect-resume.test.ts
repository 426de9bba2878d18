// `kiteguard collect --resume`: a collection killed mid-way (the real binary, SIGKILL) or ended incomplete (access
// refused mid-way) continues from its journal and ends with the snapshot an uninterrupted run writes, asking the
// simulators only for what the journal does not hold; a journal of another collection is refused (exit 2),
// holds no token, is owner-only, and is never read as a snapshot.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSnapshot } from '../src/snapshot/io.js';
import type { Snapshot } from '../src/snapshot/types.js';
import { ROOT, runCli } from './helpers.js';
import { generateEstate } from './sim/buildkite/generate.js';
import { startBuildkiteSim, type BuildkiteSim } from './sim/buildkite/server.js';
import { simCollectArgs } from './sim/collect-args.js';
import { fixtureOrg, fixtureTokens, startGithubSim, type GithubSim } from './sim/github/index.js';

const GITHUB_TOKEN = 'ghp_CANARYresume0000000000000000000000000';
const BUILDKITE_TOKEN = 'bkua_CANARYresume000000000000000000000000';
const OTHER_GITHUB_TOKEN = 'ghp_CANARYresumeOTHER00000000000000000000';
const ENV = { GITHUB_TOKEN, BUILDKITE_API_TOKEN: BUILDKITE_TOKEN };
const BIN = join(ROOT, 'bin/kiteguard.js');

let github: GithubSim;
let buildkite: BuildkiteSim;
const estate = generateEstate({ pipelines: 450, teams: 6, token: BUILDKITE_TOKEN, slug: 'resume-org' });
const work = mkdtempSync(join(tmpdir(), 'kiteguard-resume-'));
/** The uninterrupted run everything is compared with, and what it asked of each simulator. */
let full: { snapshot: Snapshot; github: number; buildkite: number };

function collectArgs(out: string): string[] {
  return simCollectArgs(github, fixtureOrg().login, buildkite, estate.org.slug, out);
}

const githubRequests = () => github.stats.rest + github.stats.graphql;
const buildkiteRequests = () => buildkite.counts.rest + buildkite.counts.graphql;

/** Requests each simulator received while `run` ran. */
async function counted<T>(run: () => Promise<T>): Promise<{ value: T; github: number; buildkite: number }> {
  const [g, b] = [githubRequests(), buildkiteRequests()];
  const value = await run();
  return { value, github: githubRequests() - g, buildkite: buildkiteRequests() - b };
}

/** The snapshot without what differs between any two runs (when it was collected) and between the binary and the sources (the version). */
function comparable(snapshot: Snapshot): unknown {
  const { collected_at: _at, kiteguard_version: _version, ...rest } = snapshot;
  return rest;
}

/** Records the journal holds whole (a line still being written is not counted until its newline is). */
function recordLines(journal: string): number {
  const file = join(journal, 'responses.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0;
}

/** Runs the real binary (so a journal it started is resumed by the same kiteguard version) and waits for it to end. */
async function runBin(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...env, PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  return { code, stderr };
}

/** Resolves when `done()` holds, checked every 20 ms (no time limit of its own: the test fails by its timeout). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 20));
}

beforeAll(async () => {
  github = await startGithubSim({ org: fixtureOrg(), tokens: fixtureTokens({ [GITHUB_TOKEN]: { kind: 'classic', login: 'owner', orgRole: 'owner', scopes: ['read:org', 'repo'] } }) });
  buildkite = await startBuildkiteSim({ estate, restLimit: 10_000 });
  const out = join(work, 'full.json');
  const run = await counted(() => runCli(collectArgs(out), { env: ENV }));
  expect(run.value.code).toBe(0);
  expect(existsSync(`${out}.partial`)).toBe(false);
  full = { snapshot: readSnapshot(out), github: run.github, buildkite: run.buildkite };
  // A whole collection, paced as GitHub's GraphQL is (a second between queries): more than a hook's default time.
}, 60_000);
afterAll(async () => {
  await github.close();
  await buildkite.close();
});

describe('collect --resume after the process was killed', () => {
  it('continues from the journal: the same snapshot as an uninterrupted run, for only the requests the journal lacks', async () => {
    const out = join(work, 'killed.json');
    const journal = `${out}.partial`;
    const answered = Math.floor(full.buildkite / 2);
    // Buildkite answers half of what a full run asks, then stops answering: the collection hangs mid-way.
    buildkite.faults.push({ path: /./, skip: answered, kind: 'hang' });
    const before = { github: githubRequests(), buildkite: buildkiteRequests() };
    const child = spawn(process.execPath, [BIN, ...collectArgs(out)], { env: { ...ENV, PATH: process.env.PATH ?? '' }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
    try {
      // Every answer of this estate is a complete one: the journal ends up holding all of GitHub's and the answered half of Buildkite's.
      await until(() => githubRequests() - before.github >= full.github && buildkiteRequests() - before.buildkite > answered && recordLines(journal) >= full.github + answered);
      // A second run of the same output while this one runs stops (exit 2), and leaves its journal as it was.
      expect(existsSync(`${out}.lock`)).toBe(true);
      const records = readFileSync(join(journal, 'responses.jsonl'));
      const header = readFileSync(join(journal, 'journal.json'));
      const journalStarted = (JSON.parse(header.toString()) as { started_at: string }).started_at;
      for (const extra of [[], ['--resume']]) {
        const second = await counted(() => runCli([...collectArgs(out), ...extra], { env: ENV }));
        expect(second.value.code).toBe(2);
        expect(second.value.stderr).toContain(`another collection is writing ${out}: pid ${child.pid} on host ${hostname()}, started at `);
        expect(second.value.stderr).toContain(`holds its lock ${out}.lock; wait for it to end (it removes the lock), or stop it, then run again`);
        expect(second.github + second.buildkite).toBe(0);
        expect(readFileSync(join(journal, 'responses.jsonl'))).toEqual(records);
        expect(readFileSync(join(journal, 'journal.json'))).toEqual(header);
        expect(JSON.parse(readFileSync(`${out}.lock`, 'utf8'))).toMatchObject({ pid: child.pid, hostname: hostname() });
        expect(Date.parse(JSON.parse(readFileSync(`${out}.lock`, 'utf8')).started_at)).toBeLessThanOrEqual(Date.parse(journalStarted));
      }
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
    } finally {
      child.kill('SIGKILL');
      buildkite.faults.length = 0;
    }
    expect(existsSync(out)).toBe(false);
    // The killed run could not remove its lock: the next run takes it over.
    expect(existsSync(`${out}.lock`)).toBe(true);
    // The journal is owner-only and holds no token.
    expect(statSync(journal).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(journal)) {
      expect(statSync(join(journal, name)).mode & 0o777).toBe(0o600);
      const text = readFileSync(join(journal, name), 'utf8');
      for (const token of [GITHUB_TOKEN, BUILDKITE_TOKEN]) expect(text).not.toContain(token);
    }
    // What the journal holds is not a snapshot.
    const asSnapshot = await runCli(['evaluate', journal]);
    expect(asSnapshot.code).toBe(2);
    expect(asSnapshot.stderr).toContain('journal of an unfinished collection, not a snapshot');
    expect(asSnapshot.stderr).toContain(`kiteguard collect --resume -o ${out}`);
    const aRecordFile = await runCli(['merge', join(journal, 'responses.jsonl'), join(journal, 'journal.json'), '-o', join(work, 'merged.json')]);
    expect(aRecordFile.code).toBe(2);
    expect(aRecordFile.stderr).toContain('journal of an unfinished collection');
    const asLock = await runCli(['evaluate', `${out}.lock`]);
    expect(asLock.code).toBe(2);
    expect(asLock.stderr).toContain(`this is the lock of a collection writing ${out}, not a snapshot`);
    const asSweep = await runCli(['diff', journal, journal]);
    expect(asSweep.code).toBe(2);
    expect(asSweep.stderr).toContain('journal of an unfinished collection');

    const startedAt = (JSON.parse(readFileSync(join(journal, 'journal.json'), 'utf8')) as { started_at: string }).started_at;
    const graphqlBefore = buildkite.counts.graphql;
    const resumed = await counted(() => runBin([...collectArgs(out), '--resume'], ENV));
    const resumedBuildkiteGraphql = buildkite.counts.graphql - graphqlBefore;
    expect(resumed.value.stderr).toMatch(/resuming the collection started at/);
    expect(resumed.value.stderr).toContain(`took over the lock ${out}.lock: its holder (pid ${child.pid} on host ${hostname()}, started at `);
    expect(resumed.value.code).toBe(0);
    expect(existsSync(`${out}.lock`)).toBe(false);
    expect(comparable(readSnapshot(out))).toEqual(comparable(full.snapshot));
    const replayed = Number(/resumed: (\d+) responses replayed/.exec(resumed.value.stderr)?.[1]);
    expect(replayed).toBe(full.github + answered);
    expect(resumed.github).toBe(0);
    expect(resumed.buildkite).toBe(full.buildkite - answered);
    // Nothing replayed is counted as sent, nor its GraphQL points as spent; the snapshot dates from the journal's start.
    expect(resumed.value.stderr).toMatch(/^github: acme: \d+ repositories; 0 REST calls, 0 GraphQL queries \(0 points\)/m);
    expect(resumed.value.stderr).toMatch(new RegExp(`^buildkite: resume-org: 450 pipelines; ${resumed.buildkite - resumedBuildkiteGraphql} REST calls?, ${resumedBuildkiteGraphql} GraphQL quer`, 'm'));
    expect(readSnapshot(out).collected_at).toBe(startedAt);
    // Every request is either replayed or asked: a full run's count, less what the journal answered.
    expect(resumed.github + resumed.buildkite).toBe(full.github + full.buildkite - replayed);
    expect(resumed.buildkite).toBeLessThan(full.buildkite);
    expect(existsSync(journal)).toBe(false);
  });
});

describe('a collection stopped by a signal', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('removes its lock on %s, ends by that signal, and keeps its journal for --resume', async (signal) => {
    const out = join(work, `${signal}.json`);
    const journal = `${out}.partial`;
    buildkite.faults.push({ path: /./, skip: 5, kind: 'hang' });
    const child = spawn(process.execPath, [BIN, ...collectArgs(out)], { env: { ...ENV, PATH: process.env.PATH ?? '' }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, s) => r(s)));
    try {
      await until(() => recordLines(journal) >= 1);
      expect(existsSync(`${out}.lock`)).toBe(true);
      child.kill(signal);
      expect(await exited).toBe(signal);
    } finally {
      child.kill('SIGKILL');
      buildkite.faults.length = 0;
    }
    expect(existsSync(`${out}.lock`)).toBe(false);
    expect(recordLines(journal)).toBeGreaterThanOrEqual(1);
    expect(existsSync(out)).toBe(false);
  });
});

describe('collect --resume after a run that ended incomplete', () => {
  it('keeps the journal; --resume asks again only for what could not be read', async () => {
    const out = join(work, 'lost.json');
    const journal = `${out}.partial`;
    buildkite.faults.push({ path: /./, skip: Math.floor(full.buildkite / 2), kind: 'status', status: 403 });
    let first;
    try {
      first = await runCli(collectArgs(out), { env: ENV });
    } finally {
      buildkite.faults.length = 0;
    }
    expect(first.code).toBe(3);
    expect(first.stderr).toContain(`journal kept in ${journal}`);
    expect(existsSync(`${out}.lock`)).toBe(false);
    const lines = recordLines(journal);
    // A record cut short by the kill of a writer is dropped, and the next record starts on a line of its own.
    appendFileSync(join(journal, 'responses.jsonl'), '{"k":"0123","s":200,"h":{},"b":"{\\"cut');
    const resumed = await counted(() => runCli([...collectArgs(out), '--resume'], { env: ENV }));
    expect(resumed.value.code).toBe(0);
    expect(comparable(readSnapshot(out))).toEqual(comparable(full.snapshot));
    expect(resumed.github).toBe(0);
    expect(resumed.buildkite).toBeLessThan(full.buildkite);
    expect(resumed.buildkite).toBe(full.buildkite + full.github - lines);
    expect(existsSync(journal)).toBe(false);
    expect(existsSync(`${out}.lock`)).toBe(false);
  });
});

describe('sweep --resume', () => {
  it('continues the collection of an incomplete sweep from the journal beside its snapshot', async () => {
    const out = join(work, 'sweep');
    const sweepArgs = () => ['sweep', ...collectArgs('').slice(1, -2), '--out', out];
    buildkite.faults.push({ path: /./, skip: Math.floor(full.buildkite / 2), kind: 'status', status: 403 });
    let first;
    try {
      first = await runCli(sweepArgs(), { env: ENV });
    } finally {
      buildkite.faults.length = 0;
    }
    expect(first.stderr).toContain(`journal kept in ${join(out, 'snapshot.json.partial')}`);
    expect(existsSync(join(out, 'snapshot.json.lock'))).toBe(false);
    const resumed = await counted(() => runCli([...sweepArgs(), '--resume'], { env: ENV }));
    expect(resumed.value.stderr).toContain('resuming the collection started at');
    expect(resumed.github).toBe(0);
    expect(resumed.buildkite).toBeLessThan(full.buildkite);
    expect(comparable(readSnapshot(join(out, 'snapshot.json')))).toEqual(comparable(full.snapshot));
    expect(existsSync(join(out, 'snapshot.json.partial'))).toBe(false);
    expect(existsSync(join(out, 'snapshot.json.lock'))).toBe(false);
  });
});

describe('a journal of another collection', () => {
  it.each([
    ['another GitHub credential', { GITHUB_TOKEN: OTHER_GITHUB_TOKEN }, [], 'GitHub credential: another one than the journal'],
    ['another Buildkite organization', {}, ['--buildkite-org', 'other-org'], 'Buildkite organization: resume-org in the journal, other-org now'],
    ['another shard', {}, ['--shard', '2/3'], '--shard: none in the journal, 2/3 now'],
  ])('is refused with exit 2 for %s, saying what differs and how to start over', async (_name, env, extra, difference) => {
    const out = join(work, `other-${extra.length}-${Object.keys(env).length}.json`);
    const journal = `${out}.partial`;
    buildkite.faults.push({ path: /./, skip: 3, kind: 'status', status: 403 });
    try {
      expect((await runCli(collectArgs(out), { env: ENV })).code).toBe(3);
    } finally {
      buildkite.faults.length = 0;
    }
    const args = [...collectArgs(out), '--resume'];
      const org = args.indexOf('--buildkite-org');
    if (extra[0] === '--buildkite-org') args.splice(org, 2);
    const r = await counted(() => runCli([...args, ...extra], { env: { ...ENV, ...env } }));
    expect(r.value.code).toBe(2);
    expect(r.value.stderr).toContain(`the journal at ${journal} is of another collection`);
    expect(r.value.stderr).toContain(difference);
    expect(r.value.stderr).toContain(`delete ${journal}, or run without --resume`);
    expect(r.github + r.buildkite).toBe(0);
    // A run that ends in an error leaves no lock behind either.
    expect(existsSync(`${out}.lock`)).toBe(false);
    for (const name of readdirSync(journal)) expect(readFileSync(join(journal, name), 'utf8')).not.toContain(OTHER_GITHUB_TOKEN);
  });

  it('is not reused without --resume: the run starts over and says so', async () => {
    const out = join(work, 'again.json');
    buildkite.faults.push({ path: /./, skip: 3, kind: 'status', status: 403 });
    try {
      expect((await runCli(collectArgs(out), { env: ENV })).code).toBe(3);
    } finally {
      buildkite.faults.length = 0;
    }
    const r = await counted(() => runCli(collectArgs(out), { env: ENV }));
    expect(r.value.code).toBe(0);
    expect(r.value.stderr).toContain(`discarded the journal of an unfinished collection started at`);
    expect(r.value.stderr).toContain('pass --resume to continue it instead');
    expect(r.github + r.buildkite).toBe(full.github + full.buildkite);
    expect(comparable(readSnapshot(out))).toEqual(comparable(full.snapshot));
  });

  it('--resume without -o is a usage error', async () => {
    const r = await runCli(['collect', '--buildkite-org', 'acme', '--resume'], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--resume needs -o FILE');
  });
});
