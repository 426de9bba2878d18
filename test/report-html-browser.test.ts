// The HTML report in a real headless Chromium: summary numbers, filters, search, row details, offender links, paging.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { evaluateSnapshotFile } from '../src/app/evaluate.js';
import { renderHtml } from '../src/report/html/index.js';
import { ROOT } from './helpers.js';
import { PAGE_SIZE } from '../src/report/html/client-table.js';
import { sweepReport, withDrift, withHostileFinding } from './fixtures/report/sweep.js';
import { expectedAreaCounts, expectedRows } from './fixtures/report/expected.js';
import type { ExpectedRow } from './fixtures/report/expected.js';
import { browserSkipReason, launchChromium } from './fixtures/report/browser.js';

const skipReason = browserSkipReason();
const REPORT = withDrift(withHostileFinding(sweepReport({ repositories: 60, pipelines: 30, seed: 5, failRate: 0.2 })));
// One message with code spans, as rule messages write them (`plugin \`docker\``).
const CODE_FINDING = REPORT.outcomes.filter((o) => o.outcome === 'fail')[1]!.findings[0]!;
CODE_FINDING.message = 'plugin `docker-compose` is pinned to the branch `main`, which can move';
const ROWS = expectedRows(REPORT);
const fmt = (n: number): string => n.toLocaleString('en-US');

describe.skipIf(skipReason !== undefined)('HTML report in Chromium', () => {
  let page: Page;
  let close: () => Promise<void>;
  let dir: string;
  const problems: string[] = [];

  // The status line the page must show for `n` matching rows on the first page.
  const statusFor = (n: number): string =>
    n === 0 ? 'No matching rows' : `Rows 1–${fmt(Math.min(n, PAGE_SIZE))} of ${fmt(n)}${n < ROWS.length ? ` matching (${fmt(ROWS.length)} in all)` : ''}`;

  async function expectRows(rows: ExpectedRow[]): Promise<void> {
    const status = statusFor(rows.length);
    await page.waitForFunction((s) => document.getElementById('status')?.textContent === s, status, { timeout: 5000 });
    expect(await page.locator('tr.row').count()).toBe(Math.min(rows.length, PAGE_SIZE));
  }

  async function clearFilters(): Promise<void> {
    await page.click('button[type=reset]');
    await expectRows(ROWS);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiteguard-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(REPORT));
    const browser = await launchChromium();
    close = browser.close;
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('html[data-ready=true]', { timeout: 10_000 });
  }, 60_000);

  afterAll(async () => {
    await close?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the area summary shows the counts computed from the report outcomes', async () => {
    const shown = await page.$$eval('td[data-area][data-outcome]', (cells) =>
      cells.map((c) => [Number(c.getAttribute('data-area')), c.getAttribute('data-outcome'), Number(c.textContent?.replace(/,/g, ''))] as const),
    );
    const expected = [...expectedAreaCounts(REPORT)].flatMap(([area, counts]) => Object.entries(counts).map(([o, n]) => [area, o, n] as const));
    expect(shown.length).toBe(50);
    expect([...shown].sort()).toEqual([...expected].sort());
    expect(await page.locator('[data-total=fail]').textContent()).toBe(fmt(REPORT.outcomes.filter((o) => o.outcome === 'fail').length));
  });

  test('opens with every row, a page at a time, and pages forward', async () => {
    await expectRows(ROWS);
    expect(ROWS.length).toBeGreaterThan(PAGE_SIZE);
    await page.click('#next');
    await page.waitForFunction((s) => document.getElementById('status')?.textContent?.startsWith(s), `Rows ${PAGE_SIZE + 1}–`);
    expect(await page.locator('#page').textContent()).toBe(`Page 2 of ${Math.ceil(ROWS.length / PAGE_SIZE)}`);
    await clearFilters();
  });

  test('filtering by severity = critical shows the critical rows', async () => {
    await page.selectOption('#f-severity', 'critical');
    const critical = ROWS.filter((r) => r.severity === 'critical');
    expect(critical.length).toBeGreaterThan(0);
    await expectRows(critical);
    const severities = await page.$$eval('tr.row .sev', (els) => [...new Set(els.map((e) => e.textContent))]);
    expect(severities).toEqual(['critical']);
    await clearFilters();
  });

  test('filtering by repository and outcome combine', async () => {
    const repo = ROWS.find((r) => r.outcome === 'fail' && r.repository)?.repository ?? '';
    await page.fill('#f-repository', repo);
    await expectRows(ROWS.filter((r) => r.repository === repo));
    await page.selectOption('#f-outcome', 'fail');
    await expectRows(ROWS.filter((r) => r.repository === repo && r.outcome === 'fail'));
    await clearFilters();
  });

  test('free-text search finds messages, and hostile markup shows as text', async () => {
    await page.fill('#f-q', 'OCCURRENCE 2');
    await expectRows(ROWS.filter((r) => r.message.includes('occurrence 2')));
    await page.fill('#f-q', 'hostile message');
    await expectRows(ROWS.filter((r) => r.message.startsWith('hostile message')));
    expect(await page.locator('tr.row td.msg').first().textContent()).toBe('hostile message </script><img src=x onerror=alert(1)>');
    await page.locator('tr.row').first().click();
    expect(await page.locator('tr.detail pre').first().textContent()).toContain('</script><img src=x onerror=alert(1)>');
    expect(await page.locator('img').count()).toBe(0);
    await clearFilters();
  });

  test('expanding a row shows its rule remediation, location and JSON path', async () => {
    const row = page.locator('tr.row').first();
    const ruleId = await row.locator('code').textContent();
    await row.click();
    const detail = page.locator('tr.detail').first();
    await expect.poll(() => detail.isVisible()).toBe(true);
    expect(await row.getAttribute('aria-expanded')).toBe('true');
    const rule = REPORT.rules.find((r) => r.id === ruleId);
    expect(await detail.locator('.remediation').textContent()).toBe(rule?.remediation);
    expect(await detail.locator('dt').allTextContents()).toEqual(expect.arrayContaining(['Message', 'Rule', 'Target', 'Location', 'JSON path', 'Evidence']));
    await row.click();
    expect(await page.locator('tr.detail').count()).toBe(0);
  });

  test('selecting a worst offender filters the table to it', async () => {
    const button = page.locator('[data-offenders=repository] button[data-filter]').first();
    const name = (await button.textContent()) ?? '';
    await button.click();
    expect(await page.inputValue('#f-repository')).toBe(name);
    await expectRows(ROWS.filter((r) => r.repository === name));
    await clearFilters();
  });

  test('selecting an organization among the worst offenders searches for it, without a page error', async () => {
    const button = page.locator('[data-offenders=organization] button[data-filter]').first();
    const name = (await button.textContent()) ?? '';
    await button.click();
    expect(await page.inputValue('#f-q')).toBe(name);
    await page.waitForFunction(() => document.querySelectorAll('tr.row').length > 0);
    expect(problems).toEqual([]);
    await clearFilters();
  });

  test('a report of a real snapshot names the organizations its `organization` target covers', async () => {
    const report = await evaluateSnapshotFile(join(ROOT, 'fixtures/estate/snapshot.json'), { cwd: dir, now: new Date('2026-01-01T00:00:00Z') });
    const file = join(dir, 'estate.html');
    writeFileSync(file, renderHtml(report));
    const estate = await page.context().newPage();
    try {
      await estate.goto(pathToFileURL(file).href);
      await estate.waitForSelector('html[data-ready=true]', { timeout: 10_000 });
      const meta = await estate.$$eval('dl.meta div', (divs) => divs.map((d) => [d.querySelector('dt')?.textContent, d.querySelector('dd')?.textContent]));
      expect(meta).toContainEqual(['Organizations', 'GitHub acme · Buildkite acme-inc']);
      const row = estate.locator('[data-offenders=organization] tbody tr').first();
      expect(await row.locator('button[data-filter]').textContent()).toBe('organization');
      expect(await row.locator('[data-organizations]').textContent()).toBe('GitHub acme · Buildkite acme-inc');
    } finally {
      await estate.close();
    }
  });

  test('says the verdict first, shows backticks as code, and groups unknowns by cause', async () => {
    expect(await page.locator('#summary .verdict').textContent()).toMatch(/^(Fails: \d+ findings? at or above high|Passes the high threshold)/);
    await page.fill('#f-q', 'pinned to the branch');
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('matching'));
    expect(await page.locator('td.msg code').allTextContents()).toEqual(expect.arrayContaining(['docker-compose', 'main']));
    expect(await page.locator('td.msg').first().textContent()).not.toContain('`');
    await clearFilters();
    const unknown = REPORT.outcomes.filter((o) => o.outcome === 'unknown');
    if (unknown.length > 0) {
      const total = await page.locator('#unknown tbody td.num').allTextContents();
      expect(total.reduce((n, t) => n + Number(t.replace(/,/g, '')), 0)).toBe(unknown.length);
    }
  });

  test('clearing the filters cancels a search still waiting to run, so an opened row stays open', async () => {
    await page.fill('#f-q', 'pinned to the branch');
    await clearFilters();
    await page.locator('tr.row').first().click();
    await page.waitForTimeout(400);
    expect(await page.locator('tr.row').first().getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('tr.detail').count()).toBe(1);
    await page.locator('tr.row').first().click();
  });

  test('reads on a 390-pixel phone without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.locator('tr.row').first().click();
      await page.locator('tr.detail .remediation').waitFor({ state: 'visible', timeout: 5000 });
      await page.locator('tr.row').first().click();
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  test('the drift section is shown, and nothing ran that should not have', async () => {
    expect(await page.locator('#drift table[data-drift=new] tbody tr').count()).toBe(REPORT.drift?.newFailures.length);
    await page.evaluate(() => document.getElementById('summary')?.scrollIntoView());
    const artifacts = join(process.cwd(), 'test-artifacts');
    mkdirSync(artifacts, { recursive: true });
    await page.locator('tr.row').nth(1).click();
    await page.screenshot({ path: join(artifacts, 'report.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  test('without JavaScript the summary still reads and the table says it needs JavaScript', async () => {
    const off = await launchChromium({ javaScriptEnabled: false });
    try {
      const p = off.context.pages()[0] ?? (await off.context.newPage());
      await p.goto(pathToFileURL(join(dir, 'report.html')).href);
      const fail = await p.locator('td[data-area="1"][data-outcome=fail]').textContent();
      expect(Number(fail)).toBe(expectedAreaCounts(REPORT).get(1)?.fail);
      expect(await p.locator('#table-ui').isVisible()).toBe(false);
      expect(await p.locator('#findings').textContent()).toContain('needs JavaScript');
    } finally {
      await off.close();
    }
  }, 60_000);
});

if (skipReason !== undefined) test.skip(`HTML report in Chromium: skipped, ${skipReason}`, () => undefined);
