// Reads a results file (the `json` format) back into a Report, for `diff`, `merge` and
// `sweep --baseline`. Rule details come from this kiteguard's catalog. Outcomes and findings are turned
// into the Report's own objects as they are read (see `ItemHook`), so a large file is never held twice.
import { InputError } from '../errors.js';
import type { Finding, Report, RuleInfo, RuleOutcome, RunProblem, Waiver } from '../model/report.js';
import { readJsonFile, type ItemHook } from '../snapshot/json-reader.js';
import { JSON_FORMAT_VERSION } from './json.js';
import { Interner, PairMap } from '../collections.js';

interface JsonWaiver extends Omit<Waiver, 'source'> {
  source: Waiver['source'];
}

type JsonOutcome = Omit<RuleOutcome, 'findings' | 'reason'> & { findings: number; reason: string | null };
type JsonFinding = Omit<Finding, 'waiver'> & { target: string; waiver: JsonWaiver | null };

interface JsonDoc {
  format?: { name?: string; version?: number };
  tool: { version: string };
  generatedAt: string;
  failOn: Report['failOn'];
  organizations?: Report['organizations'];
  targets: string[];
  rules: Array<Pick<RuleInfo, 'id' | 'title' | 'severity' | 'area' | 'target'>>;
  outcomes: RuleOutcome[];
  findings: unknown[];
  expiredWaivers: JsonWaiver[];
  errors?: Array<{ kind: RunProblem['kind']; skipped?: boolean; message: string; location: { file: string; line: number | null; column: number | null } | null }>;
}

const LISTS = ['targets', 'rules', 'outcomes', 'findings', 'expiredWaivers'] as const;

/** What to keep of a results file: `findings: false` leaves every outcome's findings empty (drift against a baseline needs none). */
export interface ReadOptions {
  findings?: boolean;
}

/** Reads a results file written by `--format json`; other files are an InputError naming the file. */
export function readResults(file: string, catalog: RuleInfo[], options: ReadOptions = {}): Report {
  const reader = resultsReader(catalog, options);
  return reader.report(readJsonFile(file, 'the results file', undefined, undefined, reader.onItem), file);
}

/** Rebuilds the Report a parsed results document was written from (its outcomes and findings read as `resultsReader` reads them). */
export function reportFromJson(value: unknown, catalog: RuleInfo[]): Report {
  const reader = resultsReader(catalog);
  const doc = value as Record<string, unknown[]>;
  for (const key of ['outcomes', 'findings'] as const) doc[key] = doc[key]!.map((item) => reader.onItem(key, item)).filter((item) => item !== undefined);
  return reader.report(doc, '', false);
}

/** Reads one results document: `onItem` for the file reader, then `report` once the document is read. */
export interface ResultsReader {
  /** Turns each outcome into a RuleOutcome as it is read, and takes each finding out of the document. */
  onItem: ItemHook;
  /** The Report of a document read through `onItem`; an InputError naming the file when it is not a results file (unless `check` is false). */
  report(value: unknown, file: string, check?: boolean): Report;
}

/** A reader of one results document, its outcomes and findings turned into the Report's objects item by item. */
export function resultsReader(catalog: RuleInfo[], options: ReadOptions = {}): ResultsReader {
  const strings = new Interner();
  const findingsOf = new PairMap<Finding[]>();
  const onItem: ItemHook = (list, item) => {
    if (item === null || typeof item !== 'object') return item;
    if (list === 'outcomes') return outcomeFromJson(item as JsonOutcome, strings);
    if (list !== 'findings') return item;
    if (options.findings === false) return undefined;
    const f = item as JsonFinding & { blocking?: boolean };
    const { target, blocking: _blocking, waiver, ...rest } = f;
    const found = findingsOf.get(target, f.ruleId);
    const finding: Finding = { ...rest, ...(waiver ? { waiver } : {}) };
    finding.ruleId = strings.get(finding.ruleId);
    if (finding.location !== null && typeof finding.location === 'object') finding.location.file = strings.get(finding.location.file);
    if (found) found.push(finding);
    else findingsOf.set(target, f.ruleId, [finding]);
    return undefined;
  };
  const report = (value: unknown, file: string, check = true): Report => {
    const doc = check ? checkResults(value, file) : (value as JsonDoc);
    for (const o of doc.outcomes) o.findings = findingsOf.get(o.target, o.ruleId) ?? [];
    return assemble(doc, catalog);
  };
  return { onItem, report };
}

// The document when it is a results file this kiteguard reads; else an InputError naming the file.
function checkResults(value: unknown, file: string): JsonDoc {
  const doc = value as JsonDoc;
  if (doc?.format?.name !== 'kiteguard-report') throw new InputError('not a kiteguard results file (expected "format": {"name": "kiteguard-report"}); write one with --format json', { file });
  if (doc.format.version !== JSON_FORMAT_VERSION) {
    throw new InputError(`results format version ${String(doc.format.version)} is not the one this kiteguard reads (${JSON_FORMAT_VERSION})`, { file });
  }
  for (const key of LISTS) {
    if (!Array.isArray(doc[key])) throw new InputError(`not a kiteguard results file: "${key}" is ${doc[key] === undefined ? 'missing' : 'not a list'}; expected a results file written with --format json`, { file });
  }
  return doc;
}

// An outcome as the Report holds it (findings attached once all are read), its repeated names shared.
// Every outcome has these members, in this order, so all share one shape; any others are copied after them.
const OUTCOME_MEMBERS = new Set(['target', 'kind', 'repository', 'pipeline', 'ruleId', 'outcome', 'findings', 'reason']);
function outcomeFromJson(o: JsonOutcome, strings: Interner): RuleOutcome {
  const outcome: RuleOutcome = {
    target: strings.get(o.target),
    kind: strings.get(o.kind!),
    repository: strings.get(o.repository!),
    pipeline: strings.get(o.pipeline!),
    ruleId: strings.get(o.ruleId),
    outcome: strings.get(o.outcome),
    findings: [],
    // A null reason is none; a missing one was kept as undefined, as before.
    reason: o.reason === null ? undefined : strings.get(o.reason),
  };
  for (const key of Object.keys(o)) if (!OUTCOME_MEMBERS.has(key)) (outcome as unknown as Record<string, unknown>)[key] = (o as unknown as Record<string, unknown>)[key];
  return outcome;
}

// The Report a results document was written from, its outcomes already rebuilt.
function assemble(doc: JsonDoc, catalog: RuleInfo[]): Report {
  const byId = new Map(catalog.map((r) => [r.id, r]));
  return {
    tool: { name: 'kiteguard', version: doc.tool.version },
    generatedAt: doc.generatedAt,
    targets: doc.targets,
    rules: doc.rules.map((r) => ({ ...(byId.get(r.id) ?? { description: '', remediation: '', related: [], knobs: {}, package: r.id.replace('/', '.') }), ...r })),
    outcomes: doc.outcomes,
    expiredWaivers: doc.expiredWaivers,
    failOn: doc.failOn,
    ...(doc.organizations ? { organizations: doc.organizations } : {}),
    ...(doc.errors?.length ? { problems: doc.errors.map(problemFromJson) } : {}),
  };
}

function problemFromJson(e: NonNullable<JsonDoc['errors']>[number]): RunProblem {
  const l = e.location;
  const location = l ? { file: l.file, ...(l.line === null ? {} : { line: l.line }), ...(l.column === null ? {} : { column: l.column }) } : undefined;
  return { kind: e.kind, ...(e.skipped ? { skipped: true } : {}), message: e.message, ...(location ? { location } : {}) };
}
