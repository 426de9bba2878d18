// SARIF checks: the OASIS 2.1.0 JSON Schema (the copy shipped in @microsoft/sarif-multitool-linux 5.7.0,
// vendored as test/fixtures/report/sarif-schema-2.1.0.json) plus what GitHub code scanning relies on.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Log, Result } from 'sarif';
import { FINGERPRINT_KEY, fingerprint, formatSarif } from '../src/report/sarif.js';
import type { Finding } from '../src/model/report.js';
import { CLEAN, MIXED } from './fixtures/report/reports.js';
import { expectGolden } from './fixtures/report/golden.js';

const schema = JSON.parse(readFileSync(new URL('./fixtures/report/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020.default({ strict: false, allErrors: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

const parse = (s: string): Log => JSON.parse(s) as Log;
const results = (log: Log): Result[] => log.runs[0]?.results ?? [];

describe('formatSarif', () => {
  test.each([
    ['sarif-clean.sarif', CLEAN],
    ['sarif-mixed.sarif', MIXED],
  ])('%s matches its golden file and validates against the SARIF 2.1.0 schema', (name, report) => {
    const out = formatSarif(report, { informationUri: 'https://example.com/kiteguard' });
    expectGolden(name, out);
    const ok = validate(JSON.parse(out));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test('the schema validator rejects a broken log (it is really checking)', () => {
    const log = JSON.parse(formatSarif(MIXED));
    log.runs[0].results[0].level = 'fatal';
    delete log.runs[0].tool.driver.name;
    expect(validate(log)).toBe(false);
  });

  test('rules carry what code scanning shows', () => {
    const driver = parse(formatSarif(MIXED)).runs[0]?.tool.driver;
    expect(driver?.name).toBe('kiteguard');
    expect(driver?.version).toBe('0.1.0');
    const secret = driver?.rules?.find((r) => r.id === 'pipeline/hardcoded_secret');
    expect(secret).toMatchObject({
      name: 'PipelineHardcodedSecret',
      shortDescription: { text: 'Hard-coded credential in pipeline YAML' },
      helpUri: 'https://buildkite.com/docs/pipelines/security/secrets/managing',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'area-5'], 'security-severity': '9.5', precision: 'high' },
    });
    expect(secret?.help?.markdown).toContain('**Remediation:** Fix it');
    const levels = Object.fromEntries((driver?.rules ?? []).map((r) => [r.id, r.defaultConfiguration?.level]));
    expect(levels['pipeline/insecure_transport']).toBe('warning');
    expect(levels['pipeline/security_step_soft_fail']).toBe('note');
  });

  test('results point at their rule, with relative forward-slash URIs under %SRCROOT%', () => {
    const log = parse(formatSarif(MIXED));
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    for (const r of results(log)) {
      expect(rules[r.ruleIndex ?? -1]?.id).toBe(r.ruleId);
      const loc = r.locations?.[0]?.physicalLocation;
      expect(loc?.artifactLocation?.uriBaseId).toBe('%SRCROOT%');
      expect(loc?.artifactLocation?.uri).not.toMatch(/^\/|\\|^\.\//);
      expect(loc?.region?.startLine).toBeGreaterThan(0);
      expect(r.partialFingerprints?.[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{64}$/);
    }
    const deploy = results(log).find((r) => r.ruleId === 'pipeline/security_step_soft_fail');
    expect(deploy?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe('.buildkite/deploy%20%26%20%22release%22.yml');
  });

  test('waived findings are results with an accepted external suppression', () => {
    const suppressed = results(parse(formatSarif(MIXED))).filter((r) => r.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]?.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'dummy value used by the smoke test <only> (owner: @acme/platform, expires 2031-06-30)',
      },
    ]);
  });

  test('unknown outcomes and expired waivers become tool notifications', () => {
    const notes = parse(formatSarif(MIXED)).runs[0]?.invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(notes.map((n) => n.message.text)).toEqual([
      'pipeline/deploy_without_team_gate could not be checked on .buildkite/deploy & "release".yml: block step allows team "ops & <sre>" that the snapshot does not list',
      'waiver for pipeline/plugin_not_pinned on .buildkite/*.yml expired 2025-01-31 and no longer applies (owner: jane@example.com)',
    ]);
  });

  describe('fingerprints', () => {
    const f = MIXED.outcomes[0]?.findings[0] as Finding;
    test('do not change when the finding moves', () => {
      expect(fingerprint({ ...f, location: { ...f.location, line: 99, column: 1 } })).toBe(fingerprint(f));
    });
    test.each<[string, Partial<Finding>]>([
      ['rule', { ruleId: 'pipeline/other' }],
      ['evidence', { evidence: 'docker-compose#v6' }],
      ['path', { path: ['steps', 2, 'plugins', 0] }],
      ['file', { location: { ...f.location, file: 'other.yml' } }],
    ])('change with the %s', (_what, change) => {
      expect(fingerprint({ ...f, ...change })).not.toBe(fingerprint(f));
    });
    test('treat ./a/b.yml, a\\b.yml and a/b.yml as the same file', () => {
      const at = (file: string): string => fingerprint({ ...f, location: { ...f.location, file } });
      expect(at('./a/b.yml')).toBe(at('a/b.yml'));
      expect(at('a\\b.yml')).toBe(at('a/b.yml'));
    });
  });

  test('absolute paths become file: URIs without a uriBaseId', () => {
    const f = MIXED.outcomes[0]?.findings[0] as Finding;
    const report = { ...MIXED, outcomes: [{ ...MIXED.outcomes[0]!, findings: [{ ...f, location: { ...f.location, file: '/src/my repo/p.yml' } }] }] };
    const loc = results(parse(formatSarif(report)))[0]?.locations?.[0]?.physicalLocation?.artifactLocation;
    expect(loc).toEqual({ uri: 'file:///src/my%20repo/p.yml' });
  });
});
