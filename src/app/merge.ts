// `kiteguard merge`: joins the parts of a sharded sweep — snapshots or results — into one.
import { loadCatalog } from '../engine/catalog.js';
import { InputError, UsageError } from '../errors.js';
import { jsonDocument } from '../report/json.js';
import { resultsReader } from '../report/read-json.js';
import { PairMap } from '../collections.js';
import { snapshotFromValue, writeSnapshot } from '../snapshot/io.js';
import { readJsonFile } from '../snapshot/json-reader.js';
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
  const catalog = loadCatalog();
  // Each file is read once, its outcomes and findings turned into the Report's objects as they are parsed; a
  // snapshot's document is kept as read. The kinds are checked after all are read, as before.
  const docs = files.map((f) => {
    const reader = resultsReader(catalog);
    return { value: readJsonFile(f, 'the file', undefined, undefined, reader.onItem), reader };
  });
  const kinds = docs.map((d, i) => kindOf(d.value, files[i]!));
  if (new Set(kinds).size > 1) throw new UsageError('merge takes snapshots or results files, not a mix of both');
  const kind = kinds[0] ?? 'results';
  if (kind === 'snapshot') writeSnapshot(output, mergeSnapshots(docs.map((d, i) => snapshotFromValue(d.value, files[i]!)), files));
  else {
    const reports = docs.map((d, i) => d.reader.report(d.value, files[i]!));
    docs.length = 0;
    writeJsonFile(output, jsonDocument(mergeReports(reports, files)), PRIVATE_FILE_MODE);
  }
  return { kind, count: files.length };
}

/** One report from the results of every shard: what the unsharded run would have written. */
export function mergeReports(parts: Report[], files: string[] = parts.map((_, i) => `part ${i + 1}`)): Report {
  const first = parts[0];
  if (!first) throw new UsageError('merge needs at least one file');
  const owner = new Map<string, number>();
  parts.forEach((p, i) => {
    for (const t of p.targets) {
      const j = owner.get(t);
      if (j !== undefined && j !== i) throw overlap(`target ${t}`, files[j], files[i]);
      owner.set(t, i);
    }
  });
  const outcomes = new PairMap<RuleOutcome>();
  for (const part of parts) for (const o of part.outcomes) outcomes.set(o.target, o.ruleId, o);
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
    ...(first.organizations ? { organizations: first.organizations } : {}),
    ...(parts.some((p) => p.problems?.length) ? { problems: parts.flatMap((p) => p.problems ?? []) } : {}),
  };
}

/** One snapshot from the snapshots of every shard: the repositories of all; everything else (organization settings, the whole Buildkite side, which every part reads) from the first. */
export function mergeSnapshots(parts: Snapshot[], names: string[] = parts.map((_, i) => `part ${i + 1}`)): Snapshot {
  const first = parts[0];
  if (!first) throw new UsageError('merge needs at least one file');
  checkParts(parts, names);
  const merged: Snapshot = { ...first, collected_at: parts.map((p) => p.collected_at).sort()[0] ?? first.collected_at };
  delete merged.shard;
  merged.incomplete = [...new Set(parts.flatMap((p) => p.incomplete))].sort();
  const notCollectable = [...new Set(parts.flatMap((p) => p.not_collectable ?? []))].sort();
  if (notCollectable.length > 0) merged.not_collectable = notCollectable;
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

// Parts of one sweep: the same organizations, the same providers, distinct shards of one count, no repository twice.
function checkParts(parts: Snapshot[], names: string[]): void {
  const first = parts[0]!;
  const org = (s: Snapshot): string => `GitHub ${s.github ? s.github.org : '(none)'}, Buildkite ${s.buildkite ? s.buildkite.org : '(none)'}`;
  parts.forEach((p, i) => {
    if (org(p) !== org(first)) throw new InputError(`is a snapshot of ${org(p)}, but ${names[0]} is of ${org(first)}; merge only parts of one sweep`, { file: names[i]! });
    if ((p.shard?.count ?? 0) !== (first.shard?.count ?? 0)) throw new InputError(`is shard ${shardText(p)}, but ${names[0]} is shard ${shardText(first)}; merge the parts of one --shard i/n sweep`, { file: names[i]! });
  });
  const shards = new Map<number, number>();
  parts.forEach((p, i) => {
    const j = p.shard ? shards.get(p.shard.index) : undefined;
    if (p.shard && j !== undefined) throw overlap(`shard ${shardText(p)}`, names[j], names[i]);
    if (p.shard) shards.set(p.shard.index, i);
  });
  const repos = new Map<string, number>();
  parts.forEach((p, i) => {
    const list = p.github?.repositories;
    for (const r of list?.status === 'ok' ? list.data : []) {
      const j = repos.get(r.full_name);
      if (j !== undefined) throw overlap(`repository ${r.full_name}`, names[j], names[i]);
      repos.set(r.full_name, i);
    }
  });
}

function shardText(s: Snapshot): string {
  return s.shard ? `${s.shard.index}/${s.shard.count}` : '(none)';
}

function overlap(what: string, a: string | undefined, b: string | undefined): InputError {
  return new InputError(`${what} is in both ${a} and ${b}: the parts overlap (the same shard given twice?)`);
}

// A snapshot has schemaVersion; a results file has format.name.
function kindOf(value: unknown, file: string): 'snapshot' | 'results' {
  const doc = value as { schemaVersion?: unknown; format?: { name?: unknown } } | null;
  if (doc && typeof doc === 'object' && 'schemaVersion' in doc) return 'snapshot';
  if (doc?.format?.name === 'kiteguard-report') return 'results';
  throw new InputError('neither a kiteguard snapshot nor a results file', { file });
}
