// Rules any pipeline file of a repository can satisfy: a dependency scan in one file of a checkout covers the
// file a pre-commit hook names, and the outcome says which file did; outside a checkout the files beside it count.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAsset } from '../src/engine/assets.js';
import { loadCatalog } from '../src/engine/catalog.js';
import { PolicyEngine, type EngineResult } from '../src/engine/policy.js';
import { loadPipeline } from '../src/pipeline/load.js';
import { CORPUS, ROOT, runCli, yamlFiles } from './helpers.js';

const BUILD = 'steps:\n  - label: build\n    command: make build\n    timeout_in_minutes: 10\n    agents: {queue: ci}\n';
const SCAN = 'steps:\n  - label: scan\n    command: osv-scanner -r .\n    timeout_in_minutes: 10\n    agents: {queue: ci}\n';

interface Outcome {
  ruleId: string;
  outcome: string;
  reason?: string;
}

async function outcome(cwd: string, file: string, rule: string): Promise<Outcome | undefined> {
  const r = await runCli(['check', file, '--format', 'json'], { cwd });
  return (JSON.parse(r.stdout) as { outcomes: Outcome[] }).outcomes.find((o) => o.ruleId === rule);
}

function checkout(files: Record<string, string>, git = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiteguard-repo-'));
  if (git) {
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git/config'), '[core]\n\tbare = false\n');
  }
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('repository-wide rules in check', () => {
  it('passes a file whose repository scans in another pipeline file, and names that file', async () => {
    const dir = checkout({ '.buildkite/pipeline.yml': BUILD, '.buildkite/security.yml': SCAN });
    const o = await outcome(dir, '.buildkite/pipeline.yml', 'pipeline/dependency_scan_missing');
    expect(o).toMatchObject({ outcome: 'pass', reason: 'satisfied by .buildkite/security.yml, another pipeline file of the same repository' });
  });

  it('still fails when no pipeline file of the repository scans', async () => {
    const dir = checkout({ '.buildkite/pipeline.yml': BUILD, '.buildkite/deploy.yml': BUILD });
    expect((await outcome(dir, '.buildkite/pipeline.yml', 'pipeline/dependency_scan_missing'))?.outcome).toBe('fail');
  });

  it('reads the YAML files beside a file outside a checkout', async () => {
    const dir = checkout({ 'ci/pipeline.yml': BUILD, 'ci/security.yml': SCAN }, false);
    expect((await outcome(dir, 'ci/pipeline.yml', 'pipeline/dependency_scan_missing'))?.outcome).toBe('pass');
  });

  it('leaves rules that judge one file alone', async () => {
    const dir = checkout({ '.buildkite/pipeline.yml': 'steps:\n  - command: make\n', '.buildkite/other.yml': SCAN });
    expect((await outcome(dir, '.buildkite/pipeline.yml', 'pipeline/step_timeout_missing'))?.outcome).toBe('fail');
  });
});

// The other files of a repository are evaluated with the repository-wide rules only, through the entrypoint the build
// generates for them: on every example, fixture and corpus pipeline it decides those rules as the whole report does.
describe('the repository-wide entrypoint', () => {
  const engine = PolicyEngine.load(readAsset('policy.wasm'));
  engine.setData({ config: { rules: {} } });
  const wide = loadCatalog().filter((r) => r.repositoryWide);
  const packages = new Set(wide.map((r) => r.package));
  const ids = new Set(wide.map((r) => r.id));
  const files = [...yamlFiles(join(ROOT, 'fixtures/pipelines')), ...yamlFiles(join(ROOT, 'test/fixtures/pipelines')), ...yamlFiles(CORPUS)];
  const inputs = files.flatMap((file) => {
    try {
      return [{ file, bytes: new TextEncoder().encode(JSON.stringify({ pipeline: loadPipeline(readFileSync(file, 'utf8'), file).pipeline, context: {}, now: '2026-11-26T00:00:00.000Z' })).buffer }];
    } catch {
      return [];
    }
  });
  const decided = (r: EngineResult) => ({
    findings: r.findings.filter((f) => ids.has(f.rule)).map((f) => JSON.stringify(f)).sort(),
    unknown: Object.fromEntries(Object.entries(r.unknown).filter(([pkg]) => packages.has(pkg))),
    notApplicable: r.notApplicable.filter((pkg) => packages.has(pkg)).sort(),
  });

  it('covers the repository-wide rules', () => {
    expect([...ids].sort()).toEqual(['pipeline/code_scan_missing', 'pipeline/container_scan_missing', 'pipeline/dependency_scan_missing', 'pipeline/sbom_missing']);
    expect(inputs.length).toBeGreaterThan(10);
  });

  it('is used for a run of such items too, which are not batched with whole reports', () => {
    const run = inputs.slice(0, 4).map((x) => ({ kind: 'pipeline' as const, bytes: x.bytes, repositoryWide: [...packages] }));
    const results = engine.evaluateItems(run);
    expect(results.map(decided)).toEqual(run.map((item) => decided(engine.evaluate('pipeline', item.bytes))));
    expect(results.flatMap((r) => r.findings).every((f) => ids.has(f.rule))).toBe(true);
  });

  it.each(inputs.map((x) => [relative(ROOT, x.file), x.bytes] as const))('%s', (_file, bytes) => {
    const whole = decided(engine.evaluate('pipeline', bytes));
    const only = engine.evaluateItem({ kind: 'pipeline', bytes, repositoryWide: [...packages] });
    expect(only.findings.every((f) => ids.has(f.rule))).toBe(true);
    expect(decided(only)).toEqual(whole);
    // A large file runs in parts: only the parts of those rules, and they decide as the whole report does.
    const parts = engine.evaluateItem({ kind: 'pipeline', bytes, parts: true, repositoryWide: [...packages] });
    expect([...parts.notApplicable, ...Object.keys(parts.unknown)].every((pkg) => packages.has(pkg))).toBe(true);
    expect(parts.findings.every((f) => ids.has(f.rule))).toBe(true);
    expect(decided(parts)).toEqual(whole);
  });
});
