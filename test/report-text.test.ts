import { describe, expect, test } from 'vitest';
import { formatText } from '../src/report/text.js';
import { CLEAN, MIXED } from './fixtures/report/reports.js';
import { expectGolden } from './fixtures/report/golden.js';

const stripAnsi = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('formatText', () => {
  test.each([
    ['text-clean.txt', CLEAN, {}],
    ['text-mixed.txt', MIXED, {}],
    ['text-mixed-waived.txt', MIXED, { showWaived: true }],
  ])('matches %s', (name, report, options) => {
    expectGolden(name, formatText(report, options));
  });

  test('without colour there is no escape character at all, even from untrusted evidence', () => {
    const out = formatText(MIXED, { showWaived: true });
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\u202E');
    expect(out).toContain('\\x1B[31mred');
  });

  test('with colour, ANSI codes wrap the text and stripping them gives the plain output', () => {
    for (const showWaived of [false, true]) {
      const coloured = formatText(MIXED, { color: true, showWaived });
      expect(coloured).toContain('\u001b[');
      expect(stripAnsi(coloured)).toBe(formatText(MIXED, { showWaived }));
    }
  });

  test('waived findings show only with showWaived, dimmed when coloured', () => {
    expect(formatText(MIXED)).not.toContain('DB_PASSWORD');
    const line = formatText(MIXED, { showWaived: true, color: true })
      .split('\n')
      .find((l) => l.includes('DB_PASSWORD'));
    expect(line).toMatch(/^\x1b\[2m.*\(waived: dummy value used by the smoke test <only>, @acme\/platform, until 2031-06-30\)/);
  });

  test('each finding line starts with file:line:col, severity and rule id', () => {
    const lines = formatText(MIXED).split('\n');
    expect(lines).toContain(
      '.buildkite/pipeline.yml:7:7    critical  pipeline/hardcoded_secret    AWS access key in env AWS_ACCESS_KEY_ID',
    );
  });

  test('the summary counts failing findings, the threshold, waived, unknown and files', () => {
    const last = formatText(MIXED).trimEnd().split('\n').at(-1);
    expect(last).toBe(
      '5 findings (1 critical, 2 high, 1 medium, 1 low), 3 at or above high; 1 waived, 1 unknown, 1 expired waiver; 2 files checked against 6 rules.',
    );
  });

  test('evidence that only repeats the message or a path segment is left out', () => {
    const f = MIXED.outcomes[0]?.findings[0];
    if (!f) throw new Error('fixture');
    const withEvidence = (evidence: string) =>
      formatText({ ...MIXED, outcomes: [{ ...MIXED.outcomes[0]!, findings: [{ ...f, path: ['steps'], evidence }] }] });
    expect(withEvidence('steps')).not.toContain('evidence:');
    expect(withEvidence('docker-compose#v5')).not.toContain('evidence:');
    expect(withEvidence('line one\nline two')).toContain('evidence: line one ⏎ line two');
  });

  test('a clean run says so', () => {
    expect(formatText(CLEAN)).toBe('No problems found: 1 file checked against 6 rules.\n');
  });
});
