import { describe, expect, test } from 'vitest';
import type { Finding, Severity } from '../src/model/report.js';
import {
  allFindings,
  countReport,
  showControlChars,
  sortedOutcomes,
  verdictOf,
} from '../src/report/summary.js';
import { isBlocking } from '../src/model/blocking.js';
import { CLEAN, MIXED } from './fixtures/report/reports.js';

const base: Finding = {
  ruleId: 'pipeline/x',
  severity: 'low',
  message: 'm',
  path: [],
  evidence: null,
  location: { file: 'a.yml', line: 1, column: 1 },
};

describe('isBlocking', () => {
  test.each<[Severity, Severity, boolean]>([
    ['critical', 'high', true],
    ['high', 'high', true],
    ['medium', 'high', false],
    ['low', 'low', true],
    ['high', 'critical', false],
  ])('%s finding with --fail-on %s -> %s', (severity, failOn, expected) => {
    expect(isBlocking({ ...base, severity }, failOn)).toBe(expected);
  });

  test('a waived finding never blocks', () => {
    const waiver = { rule: 'pipeline/x', path: '*', reason: 'r', owner: 'o', expires: '2099-01-01', source: base.location };
    expect(isBlocking({ ...base, severity: 'critical', waiver }, 'low')).toBe(false);
  });
});

describe('countReport', () => {
  test('counts the mixed fixture', () => {
    expect(countReport(MIXED)).toEqual({
      outcomes: { fail: 5, unknown: 1, waived: 1, not_applicable: 1, pass: 4 },
      failingBySeverity: { critical: 1, high: 2, medium: 1, low: 1 },
      failing: 5,
      blocking: 3,
      waived: 1,
      targets: 2,
      expiredWaivers: 1,
      inputErrors: 0,
      incomplete: 0,
    });
  });

  test.each([
    ['mixed', MIXED, 'blocking'],
    ['clean', CLEAN, 'clean'],
    ['mixed with --fail-on critical and no critical finding', { ...MIXED, failOn: 'critical' as const, outcomes: MIXED.outcomes.filter((o) => o.ruleId !== 'pipeline/hardcoded_secret') }, 'failing'],
  ])('verdict of %s', (_name, report, verdict) => {
    expect(verdictOf(countReport(report))).toBe(verdict);
  });
});

test('findings sort by file, line, column', () => {
  const where = allFindings(MIXED).map((f) => `${f.location.file}:${f.location.line}`);
  expect(where).toEqual([
    '.buildkite/deploy & "release".yml:3',
    '.buildkite/deploy & "release".yml:5',
    '.buildkite/deploy & "release".yml:9',
    '.buildkite/pipeline.yml:7',
    '.buildkite/pipeline.yml:14',
    '.buildkite/pipeline.yml:22',
  ]);
});

test('outcomes sort by target input order, then rule id', () => {
  const sorted = sortedOutcomes({ ...MIXED, outcomes: [...MIXED.outcomes].reverse() });
  expect(sorted[0]).toMatchObject({ target: '.buildkite/pipeline.yml', ruleId: 'pipeline/deploy_without_team_gate' });
  expect(sorted.at(-1)).toMatchObject({ target: '.buildkite/deploy & "release".yml', ruleId: 'pipeline/security_step_soft_fail' });
});

test.each([
  ['\u001b[31mred', '\\x1B[31mred'],
  ['a\r\nb\rc', 'a\nb\nc'],
  ['tab\tok\nline', 'tab\tok\nline'],
  ['bidi \u202Eevil', 'bidi \\u202Eevil'],
  ['del \u007f nul \u0000', 'del \\x7F nul \\x00'],
  ['lone \uD800 surrogate', 'lone \\uD800 surrogate'],
  ['emoji 🚀 café', 'emoji 🚀 café'],
])('showControlChars(%j)', (input, expected) => {
  expect(showControlChars(input)).toBe(expected);
});
