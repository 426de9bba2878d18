// `kiteguard evaluate` (and the evaluation half of `sweep`): a snapshot in, a Report out,
// with drift against a baseline when one is given. Offline; loaded on first use.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { evaluationSettings } from '../config/load.js';
import { computeDrift } from '../drift/drift.js';
import { readAsset } from '../engine/assets.js';
import { loadCatalog } from '../engine/catalog.js';
import { evaluateTargets } from '../engine/evaluate.js';
import type { Report, RunProblem, Severity } from '../model/report.js';
import { readResults } from '../report/read-json.js';
import type { Shard } from '../shard/shard.js';
import { readSnapshot } from '../snapshot/io.js';
import type { Snapshot } from '../snapshot/types.js';
import { snapshotTargets } from '../targets/snapshot.js';
import { VERSION } from '../version.js';
import { effectiveConfig } from './org-config.js';

/** What one evaluation of a snapshot needs. */
export interface EvaluateRequest {
  snapshot: Snapshot;
  cwd: string;
  configPath?: string;
  failOn?: Severity;
  shard?: Shard;
  /** A previous results file; its sweep's snapshot.json beside it adds the setting changes. */
  baseline?: string;
  now: Date;
  /** The snapshot's file, for messages. */
  file?: string;
}

// A snapshot without a GitHub or Buildkite section has nothing to evaluate: that is missing data, never a clean estate.
function emptySnapshot(snapshot: Snapshot): boolean {
  return snapshot.github === undefined && snapshot.buildkite === undefined;
}

const EMPTY_SNAPSHOT = (file: string | undefined): RunProblem => ({
  kind: 'incomplete',
  message: 'the snapshot holds no GitHub or Buildkite data, so nothing was evaluated (collect with --github-org or --buildkite-org)',
  ...(file ? { location: { file } } : {}),
});

/** Evaluates a snapshot; with a baseline, the report carries the drift since then. */
export async function evaluateSnapshot(req: EvaluateRequest): Promise<Report> {
  const catalog = loadCatalog();
  const config = effectiveConfig(req.cwd, req.configPath, catalog);
  const evaluated = await evaluateTargets(snapshotTargets(req.snapshot, req.shard), {
    catalog,
    settings: evaluationSettings(config),
    policy: readAsset('policy.wasm'),
    now: req.now,
    version: VERSION,
    ...(req.failOn ? { failOn: req.failOn } : {}),
  });
  const organizations = { ...(req.snapshot.github ? { github: req.snapshot.github.org } : {}), ...(req.snapshot.buildkite ? { buildkite: req.snapshot.buildkite.org } : {}) };
  const named: Report = Object.keys(organizations).length > 0 ? { ...evaluated, organizations } : evaluated;
  const report = emptySnapshot(req.snapshot) ? { ...named, problems: [EMPTY_SNAPSHOT(req.file)] } : named;
  if (!req.baseline) return report;
  // Drift reads only the baseline's outcomes, so its findings are left unread.
  const before = readResults(req.baseline, catalog, { findings: false });
  const beside = join(dirname(req.baseline), 'snapshot.json');
  const snapshots = existsSync(beside) ? { before: readSnapshot(beside), after: req.snapshot } : undefined;
  return { ...report, drift: computeDrift(before, report, snapshots) };
}

/** Reads a snapshot file (an InputError at file:line:col when it is not one) and evaluates it. */
export async function evaluateSnapshotFile(file: string, req: Omit<EvaluateRequest, 'snapshot'>): Promise<Report> {
  return evaluateSnapshot({ ...req, file: req.file ?? file, snapshot: readSnapshot(file) });
}
