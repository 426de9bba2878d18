// Results files read item by item (outcomes rebuilt as parsed, findings gathered by target and rule) give the
// Report the former whole-document reading gave, on the golden files and on tricky documents, whole or in chunks.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadCatalog } from '../src/engine/catalog.js';
import type { Finding, Report, RuleInfo, RuleOutcome } from '../src/model/report.js';
import { readResults, reportFromJson, resultsReader } from '../src/report/read-json.js';
import { readJsonFile } from '../src/snapshot/json-reader.js';
import { ROOT } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kg-results-'));
const catalog = loadCatalog();

// The former reading: the whole document parsed, then every outcome and finding copied into the Report.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function formerReport(doc: any, rules: RuleInfo[]): Report {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const findingsOf = new Map<string, Finding[]>();
  for (const f of doc.findings) {
    const key = `${f.target}\u0000${f.ruleId}`;
    const { target: _target, blocking: _blocking, waiver, ...rest } = f;
    const list = findingsOf.get(key) ?? [];
    list.push({ ...rest, ...(waiver ? { waiver } : {}) });
    findingsOf.set(key, list);
  }
  return {
    tool: { name: 'kiteguard', version: doc.tool.version },
    generatedAt: doc.generatedAt,
    targets: doc.targets,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    rules: doc.rules.map((r: any) => ({ ...(byId.get(r.id) ?? { description: '', remediation: '', related: [], knobs: {}, package: r.id.replace('/', '.') }), ...r })),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    outcomes: doc.outcomes.map((o: any) => {
      const { findings: _count, reason, ...rest } = o;
      return { ...rest, findings: findingsOf.get(`${o.target}\u0000${o.ruleId}`) ?? [], ...(reason !== null ? { reason } : {}) } as RuleOutcome;
    }),
    expiredWaivers: doc.expiredWaivers,
    failOn: doc.failOn,
    ...(doc.organizations ? { organizations: doc.organizations } : {}),
    // The golden files' errors are compared through their own reading (problemFromJson is unchanged).
  } as Report;
}

const waiver = { rule: 'r/1', path: 'a.b', reason: 'why', owner: 'me', expires: '2030-01-01', source: { file: 'kiteguard.yml', line: 3, column: 5 } };
const finding = (target: string, ruleId: string, message: string, extra: Record<string, unknown> = {}) => ({
  ruleId,
  severity: 'high',
  target,
  location: { file: target.split(':')[1] ?? target, line: 1, column: 2 },
  message,
  evidence: null,
  path: ['steps', 0],
  blocking: true,
  waiver: null,
  ...extra,
});

// Duplicate outcomes, findings without an outcome, findings out of order, reasons null and missing, waivers, extra
// members, names that a joined key would run together, and non-ASCII text.
const TRICKY = {
  format: { name: 'kiteguard-report', version: 1 },
  tool: { name: 'kiteguard', version: '9.9.9' },
  generatedAt: '2026-01-01T00:00:00.000Z',
  failOn: 'high',
  organizations: { github: 'acme' },
  summary: {},
  errors: [],
  targets: ['acme/api', 'acme/api:.buildkite/pipeline.yml', 'acme/ñ', 'a:b'],
  rules: [{ id: 'x/unknown-rule', title: 'T', severity: 'low', area: 'a', target: 'repository' }],
  outcomes: [
    { target: 'acme/api', kind: 'repository', repository: 'acme/api', ruleId: 'r/1', outcome: 'fail', findings: 2, reason: null },
    { target: 'acme/api', kind: 'repository', repository: 'acme/api', ruleId: 'r/1', outcome: 'fail', findings: 2, reason: null },
    { target: 'acme/api:.buildkite/pipeline.yml', kind: 'pipeline', repository: 'acme/api', pipeline: 'api', ruleId: 'r/2', outcome: 'unknown', findings: 0, reason: 'not visible: 403' },
    { target: 'acme/ñ', ruleId: 'r/1', outcome: 'pass', findings: 0 },
    { target: 'a:b', ruleId: 'c', outcome: 'waived', findings: 1, reason: null, extra: [1, { deep: true }] },
    { target: 'a', ruleId: 'b:c', outcome: 'not_applicable', findings: 0, reason: 'no pipeline' },
  ],
  findings: [
    finding('acme/api', 'r/1', 'second by position', { location: { file: 'z', line: 9, column: 9 } }),
    finding('a:b', 'c', 'waived 😀', { waiver, blocking: false }),
    finding('acme/api', 'r/1', 'first'),
    finding('nobody', 'r/9', 'no outcome'),
    finding('a', 'b:c', 'for the other pair'),
  ],
  expiredWaivers: [waiver],
};

const save = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('results read item by item', () => {
  const documents: Array<[string, string]> = [
    ...['json-clean.json', 'json-mixed.json', 'json-broken.json'].map((g): [string, string] => [g, readFileSync(join(ROOT, 'test/golden', g), 'utf8')]),
    ['tricky', JSON.stringify(TRICKY, null, 2)],
  ];

  test.each(documents)('%s: the Report the former reading gave, whole and in chunks', (name, text) => {
    const { problems, ...expected } = reportFromJson(JSON.parse(text), catalog);
    expect({ ...expected }).toEqual(formerReport(JSON.parse(text), catalog));
    const file = save(`${name}.json`, text);
    const whole = readResults(file, catalog);
    expect(whole).toEqual(reportFromJson(JSON.parse(text), catalog));
    for (const chunk of [7, 4096]) {
      const reader = resultsReader(catalog);
      expect(reader.report(readJsonFile(file, 'the results file', 0, chunk, reader.onItem), file)).toEqual(whole);
    }
    expect(problems === undefined).toBe(!JSON.parse(text).errors?.length);
  });

  test('without findings, every outcome is read with none', () => {
    const file = save('tricky-bare.json', JSON.stringify(TRICKY));
    const bare = readResults(file, catalog, { findings: false });
    const full = readResults(file, catalog);
    expect(bare.outcomes.map((o) => o.findings)).toEqual(full.outcomes.map(() => []));
    expect(bare.outcomes.map(({ findings: _f, ...o }) => o)).toEqual(full.outcomes.map(({ findings: _f, ...o }) => o));
    expect(full.outcomes[4]!.findings.map((f) => f.message)).toEqual(['waived 😀']);
    expect(full.outcomes[5]!.findings.map((f) => f.message)).toEqual(['for the other pair']);
  });
});
