// GitHub Actions workflow commands: one golden file per report, and the runner's escaping of messages and properties.
import { describe, expect, test } from 'vitest';
import { formatGithub } from '../src/report/github.js';
import type { Report } from '../src/model/report.js';
import { CLEAN, MIXED } from './fixtures/report/reports.js';
import { expectGolden } from './fixtures/report/golden.js';

describe('github format', () => {
  test('golden: mixed report', () => expectGolden('github-mixed.txt', formatGithub(MIXED)));
  test('golden: clean report', () => expectGolden('github-clean.txt', formatGithub(CLEAN)));

  test('errors for blocking findings, warnings below fail-on', () => {
    const lines = formatGithub(MIXED).trim().split('\n');
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^::(error|warning) [a-z]+=/);
    expect(lines.some((l) => l.startsWith('::error '))).toBe(true);
    expect(lines.at(-1)).toMatch(/^kiteguard: \d+ findings?, \d+ at or above /);
  });

  test('escapes newlines, percent signs, colons and commas the way the runner reads them', () => {
    const finding = { ruleId: 'pipeline/x', severity: 'critical' as const, message: '50% of\nlines', path: [], evidence: null, location: { file: 'a,b:c.yml', line: 2, column: 3 } };
    const report: Report = { ...CLEAN, outcomes: [{ ruleId: 'pipeline/x', target: 'a,b:c.yml', outcome: 'fail', findings: [finding] }] };
    expect(formatGithub(report).split('\n')[0]).toBe('::error file=a%2Cb%3Ac.yml,line=2,col=3,title=pipeline/x::50%25 of%0Alines (critical)');
  });
});
