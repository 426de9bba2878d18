import { describe, expect, test } from 'vitest';
import { annotationStyle, DEFAULT_MAX_BYTES, formatBuildkite } from '../src/report/buildkite.js';
import { code, md, mdMessage } from '../src/report/markdown.js';
import type { Report } from '../src/model/report.js';
import { CLEAN, MIXED, manyFindings } from './fixtures/report/reports.js';
import { expectGolden } from './fixtures/report/golden.js';

const only = (report: Report, keep: (o: Report['outcomes'][number]) => boolean): Report => ({
  ...report,
  outcomes: report.outcomes.filter(keep),
  expiredWaivers: [],
});

// Pipes that split GFM table cells: not escaped with a backslash.
const cellPipes = (row: string): number => (row.match(/(?<!\\)\|/g) ?? []).length;

describe('formatBuildkite', () => {
  test.each([
    ['buildkite-clean.md', CLEAN],
    ['buildkite-mixed.md', MIXED],
  ])('matches %s', (name, report) => {
    expectGolden(name, formatBuildkite(report));
  });

  test('every table row keeps its columns despite pipes, newlines and backticks in messages', () => {
    const lines = formatBuildkite(MIXED).split('\n');
    const findings = lines.filter((l) => l.startsWith('| `'));
    expect(findings.length).toBeGreaterThan(0);
    for (const row of findings) expect([5, 7]).toContain(cellPipes(row));
    expect(lines.join('\n')).not.toMatch(/<(?!br>|\/?details>|\/?summary>)/);
  });

  test('caps the body below the limit and says how many findings were left out', () => {
    const out = formatBuildkite(manyFindings(3000), { maxBytes: 50_000 });
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(50_000);
    const more = /_…and (\d+) more_/.exec(out);
    expect(more).not.toBeNull();
    const shown = out.split('\n').filter((l) => l.startsWith('| `')).length;
    expect(shown + Number(more?.[1])).toBe(3000);
  });

  test('the default cap holds for a very large run', () => {
    const out = formatBuildkite(manyFindings(20_000));
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(DEFAULT_MAX_BYTES);
    expect(DEFAULT_MAX_BYTES).toBeLessThan(1024 * 1024);
  });

  test.each([
    ['a | b', 'a \\| b'],
    ['<script>&', '&lt;script&gt;&amp;'],
    ['line1\nline2', 'line1<br>line2'],
    ['*bold* _it_ [x](y) `c`', '\\*bold\\* \\_it\\_ \\[x\\](y) \\`c\\`'],
    ['back\\slash', 'back\\\\slash'],
  ])('md(%j)', (input, expected) => {
    expect(md(input)).toBe(expected);
  });

  test.each(['a.yml:3', 'has `tick`', '`starts with one', 'a``b'])('code(%j) fences with more backticks than it holds', (input) => {
    const out = code(input, false);
    const fence = /^`+/.exec(out)?.[0] ?? '';
    expect(out.endsWith(fence)).toBe(true);
    const inner = out.slice(fence.length, out.length - fence.length);
    expect(inner.includes(fence)).toBe(false);
    expect(inner.trim()).toBe(input.trim());
  });

  test.each([
    ['plugin `docker` is not pinned', 'plugin `docker` is not pinned'],
    ['runs `curl x | sh` here', 'runs `curl x \\| sh` here'],
    ['odd ` count stays escaped', 'odd \\` count stays escaped'],
    ['`a<b>` and <c>', '`a<b>` and &lt;c&gt;'],
  ])('mdMessage(%j) keeps the message\'s code spans', (input, expected) => {
    expect(mdMessage(input)).toBe(expected);
  });

  test('code() escapes pipes only inside table cells', () => {
    expect(code('a|b')).toBe('`a\\|b`');
    expect(code('a|b', false)).toBe('`a|b`');
  });
});

describe('annotationStyle', () => {
  test.each<[string, Report, string]>([
    ['blocking findings', MIXED, 'error'],
    [
      'findings only below the threshold',
      { ...only(MIXED, (o) => o.ruleId !== 'pipeline/hardcoded_secret'), failOn: 'critical' },
      'warning',
    ],
    ['unknown outcomes only', only(MIXED, (o) => o.outcome === 'unknown' || o.outcome === 'pass'), 'warning'],
    ['only waived', only(MIXED, (o) => o.outcome === 'waived' || o.outcome === 'pass'), 'info'],
    ['clean', CLEAN, 'success'],
  ])('%s -> %s', (_name, report, style) => {
    expect(annotationStyle(report)).toBe(style);
  });
});
