// Reads a results file (the `json` format) back into a Report, for `diff`, `merge` and
// `sweep --baseline`. Rule details come from this kiteguard's catalog.
import { InputError } from '../errors.js';
import type { Finding, Report, RuleInfo, RuleOutcome, RunProblem, Waiver } from '../model/report.js';
import { readJsonFile } from '../snapshot/json-reader.js';
import { JSON_FORMAT_VERSION } from './json.js';
import { appendTo } from '../collections.js';

interface JsonWaiver extends Omit<Waiver, 'source'> {
  source: Waiver['source'];
}

interface JsonDoc {
  format?: { name?: string; version?: number };
  tool: { version: string };
  generatedAt: string;
  failOn: Report['failOn'];
  organizations?: Report['organizations'];
  targets: string[];
  rules: Array<Pick<RuleInfo, 'id' | 'title' | 'severity' | 'area' | 'target'>>;
  outcomes: Array<Omit<RuleOutcome, 'findings' | 'reason'> & { findings: number; reason: string | null }>;
  findings: Array<Omit<Finding, 'waiver'> & { target: string; waiver: JsonWaiver | null }>;
  expiredWaivers: JsonWaiver[];
  errors?: Array<{ kind: RunProblem['kind']; skipped?: boolean; message: string; location: { file: string; line: number | null; column: number | null } | null }>;
}

const LISTS = ['targets', 'rules', 'outcomes', 'findings', 'expiredWaivers'] as const;

/** Reads a results file written by `--format json`; other files are an InputError naming the file. */
export function readResults(file: string, catalog: RuleInfo[]): Report {
  return resultsFromValue(readJsonFile(file, 'the results file'), file, catalog);
}

/** Rebuilds a Report from a parsed results document; anything else is an InputError naming the file. */
export function resultsFromValue(value: unknown, file: string, catalog: RuleInfo[]): Report {
  const doc = value as JsonDoc;
  if (doc?.format?.name !== 'kiteguard-report') throw new InputError('not a kiteguard results file (expected "format": {"name": "kiteguard-report"}); write one with --format json', { file });
  if (doc.format.version !== JSON_FORMAT_VERSION) {
    throw new InputError(`results format version ${String(doc.format.version)} is not the one this kiteguard reads (${JSON_FORMAT_VERSION})`, { file });
  }
  for (const key of LISTS) {
    if (!Array.isArray(doc[key])) throw new InputError(`not a kiteguard results file: "${key}" is ${doc[key] === undefined ? 'missing' : 'not a list'}; expected a results file written with --format json`, { file });
  }
  return reportFromJson(doc, catalog);
}

/** Rebuilds the Report a results document was written from. */
export function reportFromJson(doc: JsonDoc, catalog: RuleInfo[]): Report {
  const byId = new Map(catalog.map((r) => [r.id, r]));
  const findingsOf = new Map<string, Finding[]>();
  for (const f of doc.findings) {
    const key = `${f.target}\u0000${f.ruleId}`;
    const { target: _target, blocking: _blocking, waiver, ...rest } = f as typeof f & { blocking?: boolean };
    appendTo(findingsOf, key, { ...rest, ...(waiver ? { waiver } : {}) });
  }
  return {
    tool: { name: 'kiteguard', version: doc.tool.version },
    generatedAt: doc.generatedAt,
    targets: doc.targets,
    rules: doc.rules.map((r) => ({ ...(byId.get(r.id) ?? { description: '', remediation: '', related: [], knobs: {}, package: r.id.replace('/', '.') }), ...r })),
    outcomes: doc.outcomes.map((o) => {
      const { findings: _count, reason, ...rest } = o;
      return { ...rest, findings: findingsOf.get(`${o.target}\u0000${o.ruleId}`) ?? [], ...(reason !== null ? { reason } : {}) };
    }),
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
