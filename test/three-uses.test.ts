// Three uses, one verdict: a pipeline file given to `check` ends in the same outcomes and
// findings as the same YAML inside a snapshot given to `evaluate`.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers.js';

const ESTATE = join(ROOT, 'fixtures/estate/snapshot.json');
const REPOSITORY = 'acme/api';
const PATH = '.buildkite/deploy.yml';
const work = mkdtempSync(join(tmpdir(), 'kiteguard-three-uses-'));

interface JsonReport {
  outcomes: Array<{ target: string; ruleId: string; outcome: string; findings: number; reason: string | null }>;
  findings: Array<{ target: string; ruleId: string; severity: string; message: string; evidence: string | null; path: Array<string | number> }>;
}

// A copy of the example estate whose repository file holds the given YAML.
function snapshotWith(yaml: string): string {
  const snapshot = JSON.parse(readFileSync(ESTATE, 'utf8'));
  const repository = snapshot.github.repositories.data.find((r: { full_name: string }) => r.full_name === REPOSITORY);
  const file = repository.pipeline_files.data.find((f: { path: string }) => f.path === PATH);
  file.text = yaml;
  const out = join(work, 'snapshot.json');
  writeFileSync(out, JSON.stringify(snapshot));
  return out;
}

// The pipeline rules' verdict on one target, without the target's name.
function verdict(report: JsonReport, target: string) {
  const outcomes = report.outcomes
    .filter((o) => o.target === target && o.ruleId.startsWith('pipeline/'))
    .map(({ ruleId, outcome, findings, reason }) => ({ ruleId, outcome, findings, reason }));
  const findings = report.findings
    .filter((f) => f.target === target && f.ruleId.startsWith('pipeline/'))
    .map(({ ruleId, severity, message, evidence, path }) => ({ ruleId, severity, message, evidence, path }));
  return { outcomes, findings };
}

describe('check and evaluate share one evaluator', () => {
  it.each(['exemplary.yml', 'insecure.yml'])('fixtures/pipelines/%s: the same outcomes through check and through evaluate', async (name) => {
    const file = `fixtures/pipelines/${name}`;
    const checked = await runCli(['check', file, '--format', 'json']);
    const evaluated = await runCli(['evaluate', snapshotWith(readFileSync(join(ROOT, file), 'utf8')), '--format', 'json']);
    expect(checked.stderr).toBe('');
    expect(evaluated.stderr).toBe('');
    const fromCheck = verdict(JSON.parse(checked.stdout) as JsonReport, file);
    const fromEvaluate = verdict(JSON.parse(evaluated.stdout) as JsonReport, `${REPOSITORY}:${PATH}`);
    expect(fromCheck.outcomes.length).toBeGreaterThan(0);
    expect(fromEvaluate).toEqual(fromCheck);
  });
});
