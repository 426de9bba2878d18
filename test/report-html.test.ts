import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { renderHtml } from '../src/report/html/index.js';
import { buildHtmlData, jsonPath, ROW, ROW_FIELDS } from '../src/report/html/data.js';
import type { HtmlData } from '../src/report/html/data.js';
import { jsonForScript } from '../src/report/html/escape.js';
import { MIXED, CLEAN } from './fixtures/report/reports.js';
import { HOSTILE, smallSweep, withDrift } from './fixtures/report/sweep.js';
import { expectedAreaCounts, expectedRows } from './fixtures/report/expected.js';

const SWEEP = smallSweep();
const PAGE = renderHtml(SWEEP);

function embedded(page: string): HtmlData {
  const m = /<script type="application\/json" id="kg-data">([^<]*)<\/script>/.exec(page);
  if (!m?.[1]) throw new Error('no embedded data');
  return JSON.parse(m[1]) as HtmlData;
}

describe('renderHtml', () => {
  test('is one document with no external resource: no src, no stylesheet link, no URL outside the embedded data', () => {
    expect(PAGE.startsWith('<!doctype html>')).toBe(true);
    expect(PAGE).not.toMatch(/<(script|img|iframe)[^>]*\ssrc=/i);
    expect(PAGE).not.toMatch(/<link\b/i);
    expect(PAGE).not.toMatch(/@import|url\(/i);
    const markup = PAGE.replace(/<script type="application\/json" id="kg-data">[^<]*<\/script>/, '');
    expect(markup).not.toMatch(/https?:\/\//);
  });

  test('the header gives version, time, targets by kind and the threshold', () => {
    const header = PAGE.slice(PAGE.indexOf('<header'), PAGE.indexOf('</header>'));
    expect(header).toContain('kiteguard 0.1.0');
    expect(header).toContain('2025-06-02 03:04:05 UTC');
    expect(header).toContain('12 repositories, 8 pipelines, 2 organizations');
    expect(header).toContain('<strong>high</strong> and above');
  });

  test('the area summary shows, for each of the ten areas, the outcome counts of its rules', () => {
    const expected = expectedAreaCounts(SWEEP);
    for (const [area, counts] of expected) {
      for (const [outcome, n] of Object.entries(counts)) {
        expect(PAGE).toContain(`data-area="${area}" data-outcome="${outcome}">${n}</td>`);
      }
    }
    const totals = [...expected.values()].reduce((sum, c) => sum + c.fail, 0);
    expect(PAGE).toContain(`data-total="fail">${totals}</span>`);
    expect((PAGE.match(/<svg /g) ?? []).length).toBe(10);
  });

  test('embeds one row per failing or waived finding and per unknown outcome, with its outcome and severity', () => {
    const data = embedded(PAGE);
    const expected = expectedRows(SWEEP);
    expect(data.rows.length / ROW_FIELDS).toBe(expected.length);
    const tally = (rows: Array<[string, string]>) => rows.map((r) => r.join(' ')).sort();
    const actual: Array<[string, string]> = [];
    for (let i = 0; i < data.rows.length; i += ROW_FIELDS) {
      actual.push([data.outcomes[data.rows[i + ROW.outcome]!]!, data.severities[data.rows[i + ROW.severity]!]!]);
    }
    expect(tally(actual)).toEqual(tally(expected.map((r) => [r.outcome, r.severity])));
    expect(data.rowWaivers.filter((w) => w >= 0).length).toBe(expected.filter((r) => r.outcome === 'waived').length);
  });

  test('stores each rule remediation once, not per row', () => {
    const remediation = SWEEP.rules[0]!.remediation;
    expect(PAGE.split(remediation).length - 1).toBe(1);
  });

  test('hostile messages and evidence stay inert: no element, no early end of the data script', () => {
    const page = renderHtml(withDrift(SWEEP));
    expect(page).not.toContain('<img');
    expect(page.match(/<\/script>/g)?.length).toBe(2);
    expect(page).not.toContain('\u2028');
    expect(page).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    const strings = embedded(page).s;
    expect(strings).toContain(`hostile message ${HOSTILE}`);
    expect(strings.some((s) => s.startsWith(HOSTILE))).toBe(true);
  });

  test('jsonForScript escapes what could end a script element or a line', () => {
    const out = jsonForScript({ m: '</script><!-- & \u2028\u2029 >' });
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(out)).toEqual({ m: '</script><!-- & \u2028\u2029 >' });
  });

  test('a Content-Security-Policy allows only the page\'s own style and script, by hash', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(PAGE)?.[1] ?? '';
    const script = /<script>([\s\S]*?)<\/script>/.exec(PAGE)?.[1] ?? '';
    const hash = createHash('sha256').update(script).digest('base64');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).not.toContain('unsafe-inline');
  });

  test('the drift section appears only when the report has drift, with each list and its count', () => {
    expect(PAGE).not.toContain('id="drift"');
    expect(PAGE).not.toContain('href="#drift"');
    const page = renderHtml(withDrift(SWEEP));
    const drift = page.slice(page.indexOf('<section id="drift">'), page.indexOf('<section id="expired">'));
    expect(drift).toContain('Drift since <time datetime="2025-05-26T03:04:05.000Z">');
    expect(drift).toContain('3 new failures · 2 resolved failures · 1 newly unknown check · 1 waiver expired · 1 setting change');
    for (const kind of ['new', 'resolved', 'unknown', 'settings']) expect(drift).toContain(`data-drift="${kind}"`);
    expect(drift).toContain('branch protection removed on acme/repo-00001 &lt;/script&gt;');
  });

  test('lists the run\'s expired waivers', () => {
    const expired = PAGE.slice(PAGE.indexOf('<section id="expired">'));
    expect(expired).toContain('legacy repos being archived');
    expect(expired).toContain('2025-05-01');
    expect(renderHtml(CLEAN)).toContain('No waiver has expired.');
  });

  test('worst offenders rank repositories and pipelines by weighted score and explain the weights', () => {
    const offenders = PAGE.slice(PAGE.indexOf('<section id="offenders">'), PAGE.indexOf('<section id="findings">'));
    expect(offenders).toContain('8 per critical, 4 per high, 2 per medium, 1 per low');
    const scores = [...offenders.matchAll(/data-offenders="repository"[\s\S]*?<\/table>/g)][0]?.[0].match(/<td class="num">(\d+)<\/td><td class="num">/g) ?? [];
    const numbers = scores.map((s) => Number(/\d+/.exec(s)?.[0]));
    expect(numbers.length).toBeGreaterThan(1);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  });

  test('a check report (pipeline files, no kinds) renders with files as targets and pipelines as offenders', () => {
    const page = renderHtml(MIXED);
    expect(page).toContain('2 pipeline files');
    expect(page).toContain('data-offenders="pipeline"');
    expect(page).not.toContain('data-offenders="repository"');
    expect(embedded(page).rows.length / ROW_FIELDS).toBe(expectedRows(MIXED).length);
    expect(page).not.toContain('\u202E');
  });

  test('buildHtmlData writes locations and JSON paths a reader can follow', () => {
    const data = buildHtmlData(MIXED);
    const strings = new Set(data.s);
    expect(strings).toContain('.buildkite/pipeline.yml:7:7');
    expect(strings).toContain('$.steps[0].env.AWS_ACCESS_KEY_ID');
    expect(jsonPath(['steps', 3, 'plugins', 0])).toBe('$.steps[3].plugins[0]');
    expect(jsonPath(['env', 'odd key', 'a"b'])).toBe('$.env["odd key"]["a\\"b"]');
    expect(jsonPath([])).toBeUndefined();
  });
});
