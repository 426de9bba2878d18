// `kiteguard merge`: joins the parts of a sharded sweep — snapshots or results — into one.
import { readFileSync } from 'node:fs';
import { loadCatalog } from '../engine/catalog.js';
import { InputError, UsageError } from '../errors.js';
import { jsonDocument } from '../report/json.js';
import { readResults } from '../report/read-json.js';
import { readSnapshot, writeSnapshot } from '../snapshot/io.js';
import { PRIVATE_FILE_MODE } from '../files.js';
import { writeJsonFile } from '../snapshot/json-writer.js';
import type { Report, RuleOutcome, Waiver } from '../model/report.js';
import type { Snapshot } from '../snapshot/types.js';
import { compareTargets, kindOfTarget } from '../targets/order.js';

/** What one merge joined: snapshots or results files, and how many. */
export interface MergeResult {
  kind: 'snapshot' | 'results';
  count: number;
}

/** Joins the files (all snapshots, or all results files) into `output`. */
export function runMerge(files: string[], output: string): MergeResult {
  const kinds = files.map(kindOf);
  if (new Set(kinds).size > 1) throw new UsageError('merge takes snapshots or results files, not a mix of both');
  const kind = kinds[0] ?? 'results';
  if (kind === 'snapshot') writeSnapshot(output, mergeSnapshots(files.map(readSnapshot)));
  else {
    const catalog = loadCatalog();
    writeJsonFile(output, jsonDocument(mergeReports(files.map((f) => readResults(f, catalog)))), PRIVATE_FILE_MODE);
  }
  return { kind, count: files.length };
}

/** One report from the results of every shard: what the unsharded run would have written. */
export function mergeReports(parts: Report[]): Report {
  const first = parts[0];
  if (!first) throw new UsageError('merge needs at least one file');
  const outcomes = new Map<string, RuleOutcome>();
  for (const part of parts) for (const o of part.outcomes) outcomes.set(`${o.target}\u0000${o.ruleId}`, o);
  const names = new Set(parts.flatMap((p) => p.targets));
  const targets = [...names].map((name) => ({ name, kind: kindOfTarget(name) })).sort(compareTargets).map((t) => t.name);
  const rules = new Map(parts.flatMap((p) => p.rules).map((r) => [r.id, r]));
  const expired = new Map<string, Waiver>();
  for (const w of parts.flatMap((p) => p.expiredWaivers)) expired.set(`${w.source.file}:${w.source.line}:${w.source.column}`, w);
  return {
    tool: first.tool,
    generatedAt: parts.map((p) => p.generatedAt).sort().at(-1) ?? first.generatedAt,
    targets,
    rules: [...rules.values()],
    outcomes: [...outcomes.values()],
    expiredWaivers: [...expired.values()],
    failOn: first.failOn,
  };
}

/** One snapshot from the snapshots of every shard: the repositories of all; everything else (organization settings, the whole Buildkite side, which every part reads) from the first. */
export function mergeSnapshots(parts: Snapshot[]): Snapshot {
  const first = parts[0];
  if (!first) throw new UsageError('merge needs at least one file');
  const merged: Snapshot = { ...first, collected_at: parts.map((p) => p.collected_at).sort()[0] ?? first.collected_at };
  delete merged.shard;
  merged.incomplete = [...new Set(parts.flatMap((p) => p.incomplete))].sort();
  if (first.github) {
    const lists = parts.map((p) => p.github?.repositories);
    const broken = lists.find((s) => s && s.status !== 'ok');
    merged.github = {
      ...first.github,
      repositories: broken ?? {
        status: 'ok',
        data: lists.flatMap((s) => (s?.status === 'ok' ? s.data : [])).sort((a, b) => (a.full_name < b.full_name ? -1 : a.full_name > b.full_name ? 1 : 0)),
      },
    };
  }
  return merged;
}

// A snapshot has schemaVersion; a results file has format.name.
function kindOf(file: string): 'snapshot' | 'results' {
  let doc: { schemaVersion?: unknown; format?: { name?: unknown } };
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as typeof doc;
  } catch (err) {
    throw new InputError(`cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}; expected a snapshot or a results file`, { file });
  }
  if (doc && typeof doc === 'object' && 'schemaVersion' in doc) return 'snapshot';
  if (doc?.format?.name === 'kiteguard-report') return 'results';
  throw new InputError('neither a kiteguard snapshot nor a results file', { file });
}
