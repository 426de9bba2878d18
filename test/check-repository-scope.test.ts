// Rules any pipeline file of a repository can satisfy: a dependency scan in one file of a checkout covers the
// file a pre-commit hook names, and the outcome says which file did; outside a checkout the files beside it count.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

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
