import { describe, expect, test } from 'vitest';
import { formatJson } from '../src/report/json.js';
import type { Report } from '../src/model/report.js';
import { CLEAN, MIXED } from './fixtures/report/reports.js';
import { expectGolden } from './fixtures/report/golden.js';

describe('formatJson', () => {
  test.each([
    ['json-clean.json', CLEAN],
    ['json-mixed.json', MIXED],
  ])('matches %s', (name, report) => {
    expectGolden(name, formatJson(report));
  });

  test('output does not depend on the order of rules, outcomes, findings or expired waivers', () => {
    const shuffled: Report = {
      ...MIXED,
      rules: [...MIXED.rules].reverse(),
      outcomes: [...MIXED.outcomes].reverse().map((o) => ({ ...o, findings: [...o.findings].reverse() })),
      expiredWaivers: [...MIXED.expiredWaivers].reverse(),
    };
    expect(formatJson(shuffled)).toBe(formatJson(MIXED));
  });

  test('summary and flat findings', () => {
    const doc = JSON.parse(formatJson(MIXED));
    expect(doc.summary.outcomes).toEqual({ fail: 5, unknown: 1, waived: 1, not_applicable: 1, pass: 4 });
    expect(doc.summary.findings).toEqual({
      failing: 5,
      blocking: 3,
      waived: 1,
      bySeverity: { critical: 1, high: 2, medium: 1, low: 1 },
    });
    expect(doc.findings).toHaveLength(6);
    const waived = doc.findings.find((f: { waiver: unknown }) => f.waiver !== null);
    expect(waived).toMatchObject({ ruleId: 'pipeline/secret_in_plain_env', blocking: false, waiver: { owner: '@acme/platform' } });
    expect(doc.findings.filter((f: { blocking: boolean }) => f.blocking)).toHaveLength(3);
    expect(doc.expiredWaivers[0]).toMatchObject({ rule: 'pipeline/plugin_not_pinned', expires: '2025-01-31' });
    expect(doc.rules.map((r: { id: string }) => r.id)).toEqual([...doc.rules.map((r: { id: string }) => r.id)].sort());
  });

  test('untrusted strings survive a round trip unchanged', () => {
    const doc = JSON.parse(formatJson(MIXED));
    const http = doc.findings.find((f: { ruleId: string }) => f.ruleId === 'pipeline/insecure_transport');
    expect(http.evidence).toBe(MIXED.outcomes[2]?.findings[0]?.evidence);
  });
});
