// Drift property harness: collects a generated estate from both simulators (drifted or not), writes and reads the
// snapshot as `collect` and `evaluate` do, and compares outcomes against the undrifted run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateSnapshot } from '../src/app/evaluate.js';
import { collectBuildkite } from '../src/collect/buildkite/collect.js';
import { collectGithub } from '../src/collect/github/index.js';
import { readSnapshot, writeSnapshot } from '../src/snapshot/io.js';
import type { Snapshot } from '../src/snapshot/types.js';
import { callerToken } from './sim/buildkite/estate.js';
import { generateEstate } from './sim/buildkite/generate.js';
import { startBuildkiteSim } from './sim/buildkite/server.js';
import type { DriftOptions, Perturbation } from './sim/drift.js';
import { generateOrg, startGithubSim, fixtureTokens, TOKENS } from './sim/github/index.js';

/** One outcome as the comparison needs it. */
export interface Seen {
  outcome: string;
  findings: number;
  /** Why (part of) the outcome could not be decided. */
  reason?: string;
}

/** What one run produced: whether a snapshot was written and read back, its incomplete list, and every outcome. */
export interface DriftRun {
  written: boolean;
  incomplete: string[];
  outcomes: Map<string, Seen>;
  error?: string;
  /** What the drift perturbed in each provider's responses. */
  perturbations: { github: Perturbation[]; buildkite: Perturbation[] };
  /** The repository (`owner/name`) each Buildkite pipeline slug builds. */
  builds: Map<string, string>;
}

/** Collects, writes, reads back and evaluates one estate; `drift` perturbs both simulators' responses. */
export async function driftRun(size: { repos: number; pipelines: number }, drift?: DriftOptions): Promise<DriftRun> {
  const org = generateOrg({ repos: size.repos, teams: 8, seed: 7 });
  const estate = generateEstate({ pipelines: size.pipelines, teams: 8, seed: 5, clusters: 2 });
  // Join every pipeline to a repository of the GitHub organization, so repository rules judge them.
  estate.pipelines.forEach((p, i) => (p.repository = `git@github.com:${org.login}/${org.repos[i % org.repos.length]!.name}.git`));
  const github = await startGithubSim({ org, tokens: fixtureTokens(), ...(drift ? { drift } : {}) });
  const buildkite = await startBuildkiteSim({ estate, ...(drift ? { drift: { ...drift, seed: drift.seed + 1 } } : {}) });
  const dir = mkdtempSync(join(tmpdir(), 'kiteguard-drift-'));
  const builds = new Map(estate.pipelines.map((p, i) => [p.slug, `${org.login}/${org.repos[i % org.repos.length]!.name}`]));
  const perturbed = () => ({ github: [...(github.driftLog?.perturbations ?? [])], buildkite: [...(buildkite.driftLog?.perturbations ?? [])] });
  try {
    const [gh, bk] = await Promise.all([
      collectGithub({ org: org.login, auth: { token: TOKENS.owner }, apiUrl: github.url, retryUnitMs: 5, graphqlIntervalMs: 0, timeoutMs: 10_000 }),
      collectBuildkite({ org: estate.org.slug, token: callerToken(estate).token, apiUrl: buildkite.apiUrl, graphqlUrl: buildkite.graphqlUrl, sleep: async () => {}, timeoutMs: 10_000 }),
    ]);
    const snapshot: Snapshot = { schemaVersion: 1, collected_at: '2026-01-01T00:00:00.000Z', kiteguard_version: 'test', incomplete: [...gh.incomplete, ...bk.incomplete].sort(), github: gh.snapshot, buildkite: bk.snapshot };
    const file = join(dir, 'snapshot.json');
    writeSnapshot(file, snapshot);
    let read: Snapshot;
    try {
      read = readSnapshot(file);
    } catch (e) {
      return { written: false, incomplete: snapshot.incomplete, outcomes: new Map(), error: String(e), perturbations: perturbed(), builds };
    }
    const report = await evaluateSnapshot({ snapshot: read, cwd: dir, now: new Date('2026-01-01T00:00:00Z') });
    const outcomes = new Map(report.outcomes.map((o) => [`${o.ruleId} ${o.target}`, { outcome: o.outcome, findings: o.findings.length, ...(o.reason ? { reason: o.reason } : {}) }]));
    return { written: true, incomplete: read.incomplete, outcomes, perturbations: perturbed(), builds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await Promise.all([github.close(), buildkite.close()]);
  }
}

/** Outcome changes missing data must never cause: fail → pass / not_applicable / fewer findings / gone, unknown → pass, pass → fail. */
export function silentChanges(before: Map<string, Seen>, after: Map<string, Seen>): string[] {
  const out: string[] = [];
  for (const [key, b] of before) {
    const a = after.get(key);
    if (!a) {
      // A target that could not be read is covered by its list's wildcard target (`buildkite:org/*`, `owner/repo:*`), unknown with the reason.
      const [rule, target] = key.split(' ') as [string, string];
      const repo = target.includes(':') && !target.startsWith('buildkite:') ? target.slice(0, target.indexOf(':')) : undefined;
      const wildcards = [target.replace(/\/[^/]*$/, '/*'), repo ? `${repo}:*` : '', repo ? `${repo.replace(/\/.*$/, '/*')}:*` : ''];
      const covered = wildcards.some((w) => after.get(`${rule} ${w}`)?.outcome === 'unknown');
      if (b.outcome === 'fail' && !covered) out.push(`${key}: fail → gone`);
      continue;
    }
    if (b.outcome === 'fail' && (a.outcome === 'pass' || a.outcome === 'not_applicable')) out.push(`${key}: fail → ${a.outcome}`);
    else if (b.outcome === 'fail' && a.outcome === 'fail' && a.findings < b.findings && !a.reason) out.push(`${key}: ${b.findings} → ${a.findings} findings, with nothing said about the rest`);
    else if (b.outcome === 'unknown' && a.outcome === 'pass') out.push(`${key}: unknown → pass`);
    else if (b.outcome === 'pass' && a.outcome === 'fail') out.push(`${key}: pass → fail`);
  }
  return out;
}
