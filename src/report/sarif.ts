// SARIF 2.1.0 for GitHub code scanning: one run, one rule per catalog entry, one result per finding.
import { createHash } from 'node:crypto';
import type { Log, Notification, ReportingDescriptor, Result, Suppression } from 'sarif';
import type { Finding, Report, RuleInfo, Severity, Waiver } from '../model/report.js';
import { severityRank } from '../model/blocking.js';
import { allFindings, compareText, outcomesOf, problemsOf, seriousProblems, sortedExpiredWaivers, suppressionNoticeText } from './summary.js';

/** Options for `formatSarif`. */
export interface SarifOptions {
  /** The project page code scanning shows as the tool's home. */
  informationUri?: string;
  /** `automationDetails.id` category (`kiteguard/check`), so uploads of different commands do not close each other's alerts. */
  category?: string;
  /** GitHub's `primaryLocationLineHash` of a file's line, when the file can be read. */
  lineHash?: (file: string, line: number) => string | undefined;
  /** Turns a finding's file into a URI relative to the repository root (`--sarif-root`); absolute URIs otherwise. */
  relativeUri?: (file: string) => string | undefined;
  /** Most results written (GitHub code scanning accepts 25,000 per run); the most severe are kept. */
  maxResults?: number;
}

/** GitHub code scanning's limit of results per run. */
export const GITHUB_MAX_RESULTS = 25_000;

/** The OASIS schema the document declares. */
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Key of the stable fingerprint in `partialFingerprints`; bump the suffix if the hash input changes. */
export const FINGERPRINT_KEY = 'kiteguardFinding/v1';

const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

/** Renders a report as a SARIF 2.1.0 log; waived findings become results with an accepted external suppression. */
export function formatSarif(report: Report, options: SarifOptions = {}): string {
  const rules = sarifRules(report);
  const index = new Map(rules.map((r, i) => [r.id, i] as const));
  const all = allFindings(report);
  const max = options.maxResults ?? GITHUB_MAX_RESULTS;
  const kept = all.length > max ? [...all].sort((a, b) => severityRank(b.severity) - severityRank(a.severity)).slice(0, max) : all;
  const results = kept.map((f) => result(f, index.get(f.ruleId) ?? -1, options));
  const dropped = all.length - kept.length;
  const cap: Notification[] = dropped > 0 ? [{ level: 'warning', message: { text: `${dropped} results above the limit of ${max} per run were left out; the ${max} most severe are kept` } }] : [];
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules,
          },
        },
        invocations: [{ executionSuccessful: seriousProblems(report).length === 0, toolExecutionNotifications: [...notifications(report, index, options), ...cap] }],
        ...(options.category ? { automationDetails: { id: `${options.category}/` } } : {}),
        // Columns count Unicode code points (src/yaml/lines.ts), not UTF-16 units.
        columnKind: 'unicodeCodePoints',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

// Catalog rules sorted by id, plus a bare entry for any rule id only seen in findings.
function sarifRules(report: Report): ReportingDescriptor[] {
  const known = new Map(report.rules.map((r) => [r.id, r] as const));
  const ids = new Set([...known.keys(), ...report.outcomes.flatMap((o) => o.findings.map((f) => f.ruleId))]);
  return [...ids].sort(compareText).map((id) => {
    const r = known.get(id);
    return r ? describe(r) : { id, name: pascal(id), shortDescription: { text: id } };
  });
}

function describe(r: RuleInfo): ReportingDescriptor {
  const refs = r.related.map((u) => `- <${u}>`).join('\n');
  const markdown = [`**${r.title}**`, r.description, `**Remediation:** ${r.remediation}`, refs ? `References:\n${refs}` : '']
    .filter((s) => s !== '')
    .join('\n\n');
  return {
    id: r.id,
    name: pascal(r.id),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    ...(r.related[0] ? { helpUri: r.related[0] } : {}),
    help: { text: `${r.description}\n\nRemediation: ${r.remediation}`, markdown },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      tags: ['security', `area-${r.area}`],
      'security-severity': SECURITY_SEVERITY[r.severity],
      precision: 'high',
    },
  };
}

function result(f: Finding, ruleIndex: number, options: SarifOptions): Result {
  const { line } = f.location;
  const lineHash = line >= 1 ? options.lineHash?.(f.location.file, line) : undefined;
  // A finding on a target that is no file (an organization, a repository's settings) has a logical location.
  const location =
    line >= 1
      ? { physicalLocation: { artifactLocation: artifact(f.location.file, options), region: region(f) } }
      : { logicalLocations: [{ fullyQualifiedName: f.location.file, kind: 'resource' }] };
  return {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f), ...(lineHash ? { primaryLocationLineHash: lineHash } : {}) },
    ...(f.waiver ? { suppressions: [suppression(f.waiver)] } : {}),
  };
}

// Start and end of a located finding: the evidence's extent when it is one line, else the start alone.
function region(f: Finding): { startLine: number; startColumn?: number; endLine: number; endColumn?: number } {
  const { line, column } = f.location;
  if (column < 1) return { startLine: line, endLine: line };
  const oneLine = f.evidence !== null && f.evidence !== '' && !f.evidence.includes('\n');
  return { startLine: line, startColumn: column, endLine: line, ...(oneLine ? { endColumn: column + [...f.evidence!].length } : {}) };
}

function suppression(w: Waiver): Suppression {
  if (w.inline) return { kind: 'inSource', status: 'accepted', justification: w.reason };
  return { kind: 'external', status: 'accepted', justification: `${w.reason} (owner: ${w.owner}, expires ${w.expires})` };
}

// Inputs not checked, unknown outcomes, expired waivers and idle suppressions are not results: they travel as tool notifications.
function notifications(report: Report, index: Map<string, number>, options: SarifOptions): Notification[] {
  const problems = problemsOf(report).map((p): Notification => {
    const l = p.location;
    const region = l?.line !== undefined && l.line >= 1 ? { startLine: l.line, ...(l.column !== undefined && l.column >= 1 ? { startColumn: l.column } : {}) } : undefined;
    return {
      level: p.skipped ? 'warning' : 'error',
      message: { text: p.skipped ? `not checked: ${p.message}` : p.kind === 'input' ? `could not be checked: ${p.message}` : `incomplete data: ${p.message}` },
      ...(l ? { locations: [{ physicalLocation: { artifactLocation: artifact(l.file, options), ...(region ? { region } : {}) } }] } : {}),
    };
  });
  const unknown = outcomesOf(report, 'unknown').map((o): Notification => {
    const i = index.get(o.ruleId);
    return {
      level: 'warning',
      message: { text: `${o.ruleId} could not be checked on ${o.target}: ${o.reason ?? 'no reason given'}` },
      associatedRule: { id: o.ruleId, ...(i === undefined ? {} : { index: i }) },
    };
  });
  const expired = sortedExpiredWaivers(report).map(
    (w): Notification => ({
      level: 'warning',
      message: { text: `waiver for ${w.rule} on ${w.path} expired ${w.expires} and no longer applies (owner: ${w.owner})` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifact(w.source.file, options),
            region: { startLine: Math.max(1, w.source.line), startColumn: Math.max(1, w.source.column) },
          },
        },
      ],
    }),
  );
  const notices = (report.suppressionNotices ?? []).map(
    (n): Notification => ({
      level: 'warning',
      message: { text: suppressionNoticeText(n) },
      locations: [{ physicalLocation: { artifactLocation: artifact(n.location.file, options), region: { startLine: n.location.line, startColumn: n.location.column } } }],
    }),
  );
  return [...problems, ...unknown, ...expired, ...notices];
}

/** A stable id for a finding across runs: sha256 of rule, file, evidence and JSON path, never line numbers. */
export function fingerprint(f: Finding): string {
  const input = JSON.stringify([f.ruleId, toUri(f.location.file).uri, f.evidence ?? '', f.path]);
  return createHash('sha256').update(input, 'utf8').digest('hex');
}

function artifact(file: string, options: SarifOptions): { uri: string; uriBaseId?: string } {
  const relative = options.relativeUri?.(file);
  const { uri, absolute } = toUri(relative ?? file);
  return absolute ? { uri } : { uri, uriBaseId: '%SRCROOT%' };
}

// Forward slashes, no leading `./`, each segment percent-encoded; absolute paths become file: URIs.
function toUri(file: string): { uri: string; absolute: boolean } {
  const slashed = file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  const drive = /^[A-Za-z]:\//.test(slashed);
  const absolute = drive || slashed.startsWith('/');
  const encoded = slashed
    .split('/')
    .map((seg, i) => (drive && i === 0 ? seg : encodeURIComponent(seg)))
    .join('/');
  return { uri: absolute ? `file://${drive ? '/' : ''}${encoded}` : encoded, absolute };
}

// `pipeline/plugin_not_pinned` -> `PipelinePluginNotPinned`: SARIF's identifier-like rule name.
function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}
