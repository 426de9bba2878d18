import { describe, expect, test } from 'vitest';
import type { Report, RuleOutcome } from '../src/model/report.js';
import { countByArea, outcomeSeverity, targetsByKind, topFailingRules, worstOffenders } from '../src/report/rollup.js';
import { MIXED } from './fixtures/report/reports.js';
import { smallSweep, SWEEP_RULES } from './fixtures/report/sweep.js';
import { expectedAreaCounts } from './fixtures/report/expected.js';

const fail = (ruleId: string, target: string, repository?: string): RuleOutcome => ({
  ruleId,
  target,
  kind: 'repository',
  ...(repository ? { repository } : {}),
  outcome: 'fail',
  findings: [],
});

const tiny: Report = {
  ...smallSweep(),
  outcomes: [
    fail('github/branch_protection_missing', 'acme/a'), // high: 4
    fail('github/reviews_not_required', 'acme/a'), // medium: 2
    fail('pipeline/hardcoded_secret', 'acme/b'), // critical: 8
    { ...fail('github/secret_scanning_disabled', 'acme/c'), outcome: 'waived' },
  ],
};

describe('rollup', () => {
  test('countByArea counts every outcome under its rule area, all ten areas in order', () => {
    const report = smallSweep();
    const rows = countByArea(report);
    expect(rows.map((r) => r.area)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const row of rows) expect(row.counts).toEqual(expectedAreaCounts(report).get(row.area));
    expect(rows.reduce((n, r) => n + r.total, 0)).toBe(report.outcomes.length);
  });

  test('an outcome of a rule missing from the catalog is counted under area 0', () => {
    const rows = countByArea({ ...tiny, outcomes: [...tiny.outcomes, fail('custom/thing', 'acme/a')] });
    expect(rows.at(-1)).toMatchObject({ area: 0, total: 1 });
  });

  test('worst offenders are scored 8/4/2/1 by severity over failing outcomes only', () => {
    expect(worstOffenders(tiny, 'repository', 10).map((o) => [o.name, o.score, o.failing])).toEqual([
      ['acme/b', 8, 1],
      ['acme/a', 6, 2],
    ]);
    expect(worstOffenders(tiny, 'repository', 1)).toHaveLength(1);
  });

  test('an outcome counts with its worst unwaived finding, else the rule severity', () => {
    const rule = SWEEP_RULES[0];
    const withFindings = MIXED.outcomes.find((o) => o.ruleId === 'pipeline/hardcoded_secret')!;
    expect(outcomeSeverity(withFindings, undefined)).toBe('critical');
    expect(outcomeSeverity(fail('x', 'y'), rule)).toBe(rule?.severity);
  });

  test('top failing rules count targets, then findings', () => {
    const top = topFailingRules(smallSweep(), 3);
    expect(top).toHaveLength(3);
    expect(top[0]!.failingTargets).toBeGreaterThanOrEqual(top[1]!.failingTargets);
  });

  test('targets by kind count distinct targets; check targets are files', () => {
    expect(targetsByKind(smallSweep())).toEqual([
      ['repository', 12],
      ['pipeline', 8],
      ['organization', 2],
    ]);
    expect(targetsByKind(MIXED)).toEqual([['file', 2]]);
  });
});
