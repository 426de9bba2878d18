import { describe, expect, test } from 'vitest';
import { formatMarkdownSummary } from '../src/report/markdown-summary.js';
import { renderHtml } from '../src/report/html/index.js';
import { render, REPORT_FORMATS, FORMATS } from '../src/cli/render.js';
import type { Report } from '../src/model/report.js';
import { MIXED } from './fixtures/report/reports.js';
import { smallSweep, sweepReport, withDrift } from './fixtures/report/sweep.js';
import { expectedAreaCounts } from './fixtures/report/expected.js';
import { expectGolden } from './fixtures/report/golden.js';

const SWEEP = withDrift(smallSweep());

// A report whose drift lists are long enough to need truncation.
function bigDrift(): Report {
  const report = sweepReport({ repositories: 3000, pipelines: 500, seed: 2 });
  const changes = report.outcomes
    .filter((o) => o.outcome === 'fail')
    .map((o) => ({ ruleId: o.ruleId, target: o.target, before: 'pass' as const, after: 'fail' as const, detail: o.findings[0]?.message ?? '' }));
  return {
    ...report,
    drift: { baselineGeneratedAt: '2025-05-26T03:04:05.000Z', newFailures: changes, resolvedFailures: [], newlyUnknown: [], expiredWaivers: [], settingChanges: [] },
  };
}

describe('formatMarkdownSummary', () => {
  test('matches markdown-summary-sweep.md', () => {
    expectGolden('markdown-summary-sweep.md', formatMarkdownSummary(SWEEP));
  });

  test('the area table holds each area\'s outcome counts in the order fail, unknown, waived, pass, not applicable', () => {
    const out = formatMarkdownSummary(SWEEP);
    for (const [area, c] of expectedAreaCounts(SWEEP)) {
      const row = out.split('\n').find((l) => l.startsWith(`| ${area} `));
      expect(row?.split('|').slice(2, 7).map((s) => Number(s.trim()))).toEqual([c.fail, c.unknown, c.waived, c.pass, c.not_applicable]);
    }
  });

  test('lists worst offenders, top failing rules and the drift summary; no drift section without drift', () => {
    const out = formatMarkdownSummary(SWEEP);
    expect(out).toContain('**Worst offenders: repositories**');
    expect(out).toContain('**Top failing rules**');
    expect(out).toContain('**Drift since 2025-05-26T03:04:05.000Z**: 3 new failures');
    expect(formatMarkdownSummary(smallSweep())).not.toContain('Drift since');
  });

  test('untrusted text cannot open HTML elements', () => {
    expect(formatMarkdownSummary(SWEEP)).not.toMatch(/<(?!br>)/);
  });

  test('shortens long lists under the cap and says so', () => {
    const report = bigDrift();
    const out = formatMarkdownSummary(report, { maxBytes: 20_000 });
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(20_000);
    const more = Number(/_…and (\d+) more_/.exec(out)?.[1]);
    const shown = out.split('\n').filter((l) => l.includes('(pass → fail)')).length;
    expect(shown + more).toBe(report.drift?.newFailures.length);
    expect(out.trimEnd().endsWith('the HTML and JSON reports list everything._')).toBe(true);
    expect(Buffer.byteLength(formatMarkdownSummary(report))).toBeLessThan(1024 * 1024);
  });

  test('works for a check report: pipeline files and their offenders', () => {
    const out = formatMarkdownSummary(MIXED);
    expect(out).toContain('2 pipeline files');
    expect(out).toContain('**Worst offenders: pipelines**');
  });
});

describe('format registry', () => {
  const opts = { color: false, showWaived: false, env: {}, warn: () => undefined };

  test('offers every format; check keeps its own choices', () => {
    expect(REPORT_FORMATS).toEqual(['text', 'json', 'sarif', 'junit', 'buildkite', 'github', 'markdown', 'html']);
    expect(FORMATS).not.toContain('html');
  });

  test('renders html and markdown through the registry', async () => {
    expect(await render(SWEEP, 'html', opts)).toBe(renderHtml(SWEEP));
    expect(await render(SWEEP, 'markdown', opts)).toBe(formatMarkdownSummary(SWEEP));
  });
});
