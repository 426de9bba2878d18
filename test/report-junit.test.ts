import { describe, expect, test } from 'vitest';
import { SaxesParser } from 'saxes';
import { formatJunit, xmlAttr, xmlText } from '../src/report/junit.js';
import type { Report } from '../src/model/report.js';
import { CLEAN, MIXED } from './fixtures/report/reports.js';
import { expectGolden } from './fixtures/report/golden.js';

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

// A strict XML 1.0 parse (saxes rejects undefined entities, disallowed characters, bad nesting) into a small tree.
function parseXml(xml: string): Node {
  const parser = new SaxesParser();
  const root: Node = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const errors: string[] = [];
  parser.on('error', (e) => errors.push(e.message));
  parser.on('opentag', (t) => {
    const node: Node = { name: t.name, attrs: t.attributes as Record<string, string>, children: [], text: '' };
    stack.at(-1)?.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  });
  parser.write(xml).close();
  expect(errors).toEqual([]);
  const [doc] = root.children;
  if (!doc) throw new Error('empty document');
  return doc;
}

const suites = (xml: string): Node[] => parseXml(xml).children;

describe('formatJunit', () => {
  test.each([
    ['junit-clean.xml', CLEAN],
    ['junit-mixed.xml', MIXED],
  ])('%s matches its golden file and is well-formed', (name, report) => {
    const xml = formatJunit(report);
    expectGolden(name, xml);
    expect(parseXml(xml).name).toBe('testsuites');
  });

  test('one testsuite per file, one testcase per rule, with consistent counts', () => {
    const doc = parseXml(formatJunit(MIXED));
    expect(doc.attrs).toMatchObject({ tests: '12', failures: '5', errors: '0', skipped: '3' });
    const [pipeline, deploy] = doc.children;
    expect(pipeline?.attrs).toMatchObject({ name: '.buildkite/pipeline.yml', tests: '6', failures: '3', skipped: '1' });
    expect(deploy?.attrs).toMatchObject({ name: '.buildkite/deploy & "release".yml', tests: '6', failures: '2', skipped: '2' });
    for (const suite of doc.children) {
      for (const tc of suite.children) expect(tc.attrs.classname).toBe(suite.attrs.name);
      const failed = suite.children.filter((tc) => tc.children.some((c) => c.name === 'failure')).length;
      expect(String(failed)).toBe(suite.attrs.failures);
    }
  });

  test('skipped messages say why: not applicable, unknown, waived', () => {
    const messages = suites(formatJunit(MIXED))
      .flatMap((s) => s.children)
      .flatMap((tc) => tc.children.filter((c) => c.name === 'skipped').map((c) => `${tc.attrs.name}: ${c.attrs.message}`));
    expect(messages).toEqual([
      'pipeline/deploy_without_team_gate: not applicable: no deploy-like steps',
      'pipeline/deploy_without_team_gate: unknown: block step allows team "ops & <sre>" that the snapshot does not list',
      'pipeline/secret_in_plain_env: waived: dummy value used by the smoke test <only>, @acme/platform, until 2031-06-30',
    ]);
  });

  test('failures carry the worst severity, the message, and each finding at file:line:col', () => {
    const cases = suites(formatJunit(MIXED)).flatMap((s) => s.children);
    const http = cases.find((tc) => tc.attrs.name === 'pipeline/insecure_transport')?.children[0];
    expect(http?.name).toBe('failure');
    expect(http?.attrs.type).toBe('medium');
    expect(http?.attrs.message).toBe('plain-HTTP URL <http://example.com/a?x=1&y=2> in "command" | piped');
    expect(http?.text).toContain('.buildkite/pipeline.yml:22:15 medium plain-HTTP URL <http://');
    expect(http?.text).toContain('\\x1B[31mred\\x1B[0m café ☕ 🚀 \\u202Eevil');
    const soft = cases.find((tc) => tc.attrs.name === 'pipeline/security_step_soft_fail' && tc.children.length > 0);
    expect(soft?.children[0]?.attrs.message).toBe("step 'trivy' has soft_fail: true\nso a failed scan won't stop the build");
  });

  test('an empty report is still a valid document', () => {
    const empty: Report = { ...CLEAN, targets: [], outcomes: [] };
    expect(parseXml(formatJunit(empty)).attrs).toMatchObject({ tests: '0', failures: '0' });
  });

  test.each([
    ['<&>', '&lt;&amp;&gt;'],
    [']]>', ']]&gt;'],
    ['\u0000\u0007\u001b', '\\x00\\x07\\x1B'],
    ['\uFFFE', '\\uFFFE'],
  ])('xmlText(%j)', (input, expected) => {
    expect(xmlText(input)).toBe(expected);
  });

  test('xmlAttr keeps quotes, tabs and newlines through a parse', () => {
    const value = `a "b" 'c'\td\ne & <f>`;
    const doc = parseXml(`<x v="${xmlAttr(value)}"/>`);
    expect(doc.attrs.v).toBe(value);
  });
});
