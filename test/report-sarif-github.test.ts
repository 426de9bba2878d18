// SARIF as GitHub code scanning wants it: a category per command, the line hash GitHub computes, URIs from the
// repository root when kiteguard runs in a subfolder, logical locations for targets that are no file, and at
// most 25,000 results (the most severe) with a warning.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../src/model/report.js';
import { lineHashes } from '../src/report/line-hash.js';
import { formatSarif } from '../src/report/sarif.js';
import { CLEAN } from './fixtures/report/reports.js';
import { ROOT, runCli } from './helpers.js';

interface SarifLog {
  runs: Array<{
    automationDetails?: { id: string };
    results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation?: { artifactLocation: { uri: string }; region: { startLine: number } }; logicalLocations?: unknown[] }>; partialFingerprints: Record<string, string> }>;
    invocations: Array<{ toolExecutionNotifications: Array<{ message: { text: string } }> }>;
  }>;
}

function finding(severity: Finding['severity'], line: number, file = 'p.yml'): Finding {
  return { ruleId: 'pipeline/x', severity, message: 'm', path: ['steps', line], evidence: null, location: { file, line, column: line > 0 ? 1 : 0 } };
}

describe('SARIF for GitHub code scanning', () => {
  it('names its category and carries the line hash of each finding, from a subfolder with URIs from the checkout root', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'kiteguard-sarif-'));
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'services/api/.buildkite'), { recursive: true });
    const pipeline = readFileSync(join(ROOT, 'fixtures/pipelines/insecure.yml'), 'utf8');
    writeFileSync(join(repo, 'services/api/.buildkite/pipeline.yml'), pipeline);
    const r = await runCli(['check', '.buildkite/pipeline.yml', '--format', 'sarif'], { cwd: join(repo, 'services/api') });
    const run = (JSON.parse(r.stdout) as SarifLog).runs[0]!;
    expect(run.automationDetails).toEqual({ id: 'kiteguard/check/' });
    const hashes = lineHashes(pipeline);
    expect(run.results.length).toBeGreaterThan(5);
    for (const res of run.results) {
      const loc = res.locations[0]!.physicalLocation!;
      expect(loc.artifactLocation.uri).toBe('services/api/.buildkite/pipeline.yml');
      expect(res.partialFingerprints.primaryLocationLineHash).toBe(hashes.get(loc.region.startLine));
    }
  });

  it('keeps the most severe results up to the limit and says how many it left out', () => {
    const report: Report = { ...CLEAN, outcomes: [{ ruleId: 'pipeline/x', target: 'p.yml', outcome: 'fail', findings: [finding('low', 1), finding('critical', 2), finding('medium', 3)] }] };
    const run = (JSON.parse(formatSarif(report, { maxResults: 2 })) as SarifLog).runs[0]!;
    expect(run.results.map((r) => r.level)).toEqual(['error', 'warning']);
    expect(run.invocations[0]!.toolExecutionNotifications.map((n) => n.message.text)).toContain('1 results above the limit of 2 per run were left out; the 2 most severe are kept');
  });

  it('gives a finding on a target that is no file a logical location', () => {
    const report: Report = { ...CLEAN, outcomes: [{ ruleId: 'pipeline/x', target: 'organization', outcome: 'fail', findings: [finding('high', 0, 'github:acme')] }] };
    const res = (JSON.parse(formatSarif(report)) as SarifLog).runs[0]!.results[0]!;
    expect(res.locations).toEqual([{ logicalLocations: [{ fullyQualifiedName: 'github:acme', kind: 'resource' }] }]);
  });
});
