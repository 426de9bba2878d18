// Inputs that could not be checked and missing data are part of the result: every format says so, none reads as clean.
import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { annotationStyle, formatBuildkite } from '../src/report/buildkite.js';
import { renderHtml } from '../src/report/html/index.js';
import { formatJson } from '../src/report/json.js';
import { formatJunit } from '../src/report/junit.js';
import { formatMarkdownSummary } from '../src/report/markdown-summary.js';
import { formatSarif } from '../src/report/sarif.js';
import { formatText } from '../src/report/text.js';
import { BROKEN } from './fixtures/report/reports.js';
import { expectGolden } from './fixtures/report/golden.js';
import { runCli } from './helpers.js';

const schema = JSON.parse(readFileSync(new URL('./fixtures/report/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020.default({ strict: false, allErrors: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

describe('a run with inputs not checked', () => {
  test.each([
    ['text-broken.txt', () => formatText(BROKEN)],
    ['json-broken.json', () => formatJson(BROKEN)],
    ['sarif-broken.sarif', () => formatSarif(BROKEN)],
    ['junit-broken.xml', () => formatJunit(BROKEN)],
    ['buildkite-broken.md', () => formatBuildkite(BROKEN)],
  ])('%s matches its golden file', (name, render) => {
    expectGolden(name, render());
  });

  test('text: the problems come first and the summary is not "No problems found"', () => {
    const out = formatText(BROKEN);
    expect(out.startsWith('Could not check:\n  error: .buildkite/broken.yml:3:14: unclosed flow sequence')).toBe(true);
    expect(out).not.toContain('No problems found');
    expect(out).toContain('Incomplete: 1 input could not be checked, 1 part of the data missing');
  });

  test('JSON: an errors list with locations', () => {
    const doc = JSON.parse(formatJson(BROKEN));
    expect(doc.summary.errors).toBe(1);
    expect(doc.summary.incomplete).toBe(1);
    expect(doc.errors[0]).toEqual({ kind: 'input', message: 'unclosed flow sequence; expected `]`', location: { file: '.buildkite/broken.yml', line: 3, column: 14 } });
  });

  test('SARIF: executionSuccessful false, an error notification at the location, schema-valid', () => {
    const log = JSON.parse(formatSarif(BROKEN)) as Log;
    const inv = log.runs[0]!.invocations![0]!;
    expect(inv.executionSuccessful).toBe(false);
    const first = inv.toolExecutionNotifications![0]!;
    expect(first.level).toBe('error');
    expect(first.locations?.[0]?.physicalLocation?.region).toEqual({ startLine: 3, startColumn: 14 });
    expect(validate(log)).toBe(true);
  });

  test('JUnit: an error testcase per bad input, counted in errors', () => {
    const out = formatJunit(BROKEN);
    expect(out).toMatch(/<testsuites name="kiteguard" tests="\d+" failures="0" errors="2"/);
    expect(out).toContain('<testcase classname=".buildkite/broken.yml" name="input" file=".buildkite/broken.yml">');
  });

  test('Buildkite annotation: error style, the problems before anything else', () => {
    expect(annotationStyle(BROKEN)).toBe('error');
    const out = formatBuildkite(BROKEN);
    expect(out.split('\n')[0]).toBe('### kiteguard: 1 input could not be checked');
    expect(out).not.toContain('no problems found');
  });

  test('Markdown summary and HTML say it first', () => {
    const md = formatMarkdownSummary(BROKEN);
    expect(md.split('\n')[0]).toContain('incomplete (2 inputs not checked)');
    expect(md.indexOf('Not checked')).toBeLessThan(md.indexOf('Outcomes by area'));
    const page = renderHtml(BROKEN);
    expect(page).toContain('<section id="problems" class="problems" role="alert">');
    expect(page.indexOf('id="problems"')).toBeLessThan(page.indexOf('id="summary"'));
    expect(page).toContain('.buildkite/broken.yml:3:14: unclosed flow sequence');
  });
});

describe('check and evaluate carry the problems into every format', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kg-problems-'));
  writeFileSync(join(dir, 'bad.yml'), 'steps:\n  - command: [echo,\n');
  writeFileSync(join(dir, 'empty.json'), JSON.stringify({ schemaVersion: 1, collected_at: '2026-11-30T02:00:00.000Z', kiteguard_version: '0.1.0', incomplete: [] }));

  test.each(['text', 'json', 'sarif', 'junit', 'buildkite'])('check of a file that does not parse, --format %s: exit 2 and the error in the output', async (format) => {
    const r = await runCli(['check', 'bad.yml', '-f', format], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('bad.yml');
    expect(r.stdout).not.toMatch(/no problems found/i);
    if (format === 'sarif') expect(JSON.parse(r.stdout).runs[0].invocations[0].executionSuccessful).toBe(false);
    if (format === 'json') expect(JSON.parse(r.stdout).errors).toHaveLength(1);
  });

  test('evaluate of a snapshot with no providers: exit 3, not "No problems found"', async () => {
    const r = await runCli(['evaluate', 'empty.json'], { cwd: dir });
    expect(r.stdout).not.toContain('No problems found');
    expect(r.stdout).toContain('holds no GitHub or Buildkite data');
    expect(r.code).toBe(3);
  });
});
