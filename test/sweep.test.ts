// The sweep's offline half on the bundled example estate: evaluate, shards merged byte for
// byte, drift between two sweeps, and the targets a snapshot splits into.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../src/snapshot/io.js';
import { snapshotTargets } from '../src/targets/snapshot.js';
import { ROOT, runCli } from './helpers.js';

const ESTATE = join(ROOT, 'fixtures/estate/snapshot.json');
const NOW = '2026-12-01T00:00:00Z';
const work = mkdtempSync(join(tmpdir(), 'kiteguard-sweep-'));

async function evaluate(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli(['evaluate', ESTATE, '--now', NOW, ...args]);
}

describe('kiteguard evaluate', () => {
  it('evaluates every target of the example estate and exits 1 on high findings', async () => {
    const r = await evaluate(['-f', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { targets: string[]; outcomes: Array<{ target: string; kind: string; ruleId: string; outcome: string; reason: string | null }> };
    expect(doc.targets[0]).toBe('organization');
    expect(doc.targets).toContain('acme/api');
    expect(doc.targets).toContain('buildkite:acme-inc/web-app');
    const kinds = new Set(doc.outcomes.map((o) => o.kind));
    expect(kinds).toEqual(new Set(['organization', 'repository', 'pipeline']));
    const webApp = doc.outcomes.filter((o) => o.target === 'buildkite:acme-inc/web-app');
    expect(webApp.some((o) => o.ruleId.startsWith('pipeline/'))).toBe(true);
    expect(webApp.some((o) => o.ruleId.startsWith('buildkite/'))).toBe(true);
    const gitlab = doc.outcomes.filter((o) => o.target === 'buildkite:acme-inc/docs-site' && o.ruleId.startsWith('pipeline/'));
    expect(gitlab.every((o) => o.outcome === 'unknown' && /not on the GitHub this snapshot read/.test(o.reason ?? ''))).toBe(true);
  });

  it('joins a Buildkite pipeline to the YAML in its repository, and evaluates other pipeline files on their own', () => {
    const targets = snapshotTargets(readSnapshot(ESTATE));
    const webApp = targets.find((t) => t.name === 'buildkite:acme-inc/web-app')!;
    expect(webApp.repository).toBe('acme/api');
    expect(webApp.file).toBe('acme/api:.buildkite/pipeline.yml');
    expect(targets.map((t) => t.name)).toContain('acme/api:.buildkite/deploy.yml');
    expect(targets.map((t) => t.name)).not.toContain('acme/api:.buildkite/pipeline.yml');
    const api = targets.find((t) => t.name === 'acme/api')!;
    expect((api.input.buildkite_pipelines as Array<{ slug: string }>).map((p) => p.slug)).toEqual(['web-app']);
  });

  it('writes every format', async () => {
    for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'html']) {
      const out = join(work, `report.${format}`);
      const r = await evaluate(['-f', format, '-o', out]);
      expect(r.code, format).toBe(1);
      expect(readFileSync(out, 'utf8').length, format).toBeGreaterThan(100);
    }
  });

  it('merges shards into exactly the unsharded results', async () => {
    const whole = await evaluate(['-f', 'json']);
    const parts: string[] = [];
    for (const shard of ['1/3', '2/3', '3/3']) {
      const file = join(work, `part-${shard.replace('/', '-')}.json`);
      const r = await evaluate(['-f', 'json', '--shard', shard, '-o', file]);
      expect(r.stderr).toBe('');
      parts.push(file);
    }
    const partTargets = parts.map((p) => (JSON.parse(readFileSync(p, 'utf8')) as { targets: string[] }).targets);
    expect(partTargets.filter((t) => t.includes('organization'))).toHaveLength(1);
    expect(partTargets.flat().sort()).toEqual((JSON.parse(whole.stdout) as { targets: string[] }).targets.sort());
    const merged = join(work, 'merged.json');
    const m = await runCli(['merge', ...parts, '-o', merged]);
    expect(m.code).toBe(0);
    expect(readFileSync(merged, 'utf8')).toBe(whole.stdout);
  });

  it('takes the shard from a Buildkite parallel job by default', async () => {
    const file = join(work, 'job.json');
    await runCli(['evaluate', ESTATE, '--now', NOW, '-f', 'json', '-o', file], { env: { BUILDKITE_PARALLEL_JOB: '1', BUILDKITE_PARALLEL_JOB_COUNT: '3' } });
    const explicit = await evaluate(['-f', 'json', '--shard', '2/3']);
    expect(readFileSync(file, 'utf8')).toBe(explicit.stdout);
  });

  it.each([
    [['--shard', '4/3'], '--shard 4/3: expected i/n with 1 <= i <= n'],
    [['--now', 'yesterday'], '--now yesterday: expected an ISO date or time'],
  ])('rejects %j', async (args, message) => {
    const r = await evaluate(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('drift between two sweeps', () => {
  it('reports new and resolved failures and the settings behind them', async () => {
    const before = join(work, 'before');
    const after = join(work, 'after');
    const snapshot = JSON.parse(readFileSync(ESTATE, 'utf8'));
    for (const dir of [before, after]) {
      (await import('node:fs')).mkdirSync(dir, { recursive: true });
    }
    writeFileSync(join(before, 'snapshot.json'), JSON.stringify(snapshot));
    const legacy = snapshot.buildkite.pipelines.data.find((p: { slug: string }) => p.slug === 'legacy-deploy');
    legacy.visibility = 'private';
    const web = snapshot.buildkite.pipelines.data.find((p: { slug: string }) => p.slug === 'web-app');
    web.cluster_id = null;
    writeFileSync(join(after, 'snapshot.json'), JSON.stringify(snapshot));
    for (const dir of [before, after]) {
      const r = await runCli(['evaluate', join(dir, 'snapshot.json'), '--now', NOW, '-f', 'json', '-o', join(dir, 'results.json')]);
      expect(r.stderr).toBe('');
    }
    const text = await runCli(['diff', before, after]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/new failures \(1\):\n  buildkite:acme-inc\/web-app  buildkite\/pipeline_not_in_cluster  pass → fail/);
    expect(text.stdout).toMatch(/resolved failures \(1\):\n  buildkite:acme-inc\/legacy-deploy  buildkite\/public_pipeline  fail → pass/);
    expect(text.stdout).toContain('pipeline.cluster_id on buildkite:acme-inc/web-app: ');
    expect(text.stdout).toContain('pipeline.visibility on buildkite:acme-inc/legacy-deploy: "public" → "private"');
    const json = await runCli(['diff', join(before, 'results.json'), join(after, 'results.json'), '-f', 'json']);
    const drift = JSON.parse(json.stdout) as { newFailures: unknown[]; resolvedFailures: unknown[]; settingChanges: unknown[] };
    expect(drift.newFailures).toHaveLength(1);
    expect(drift.settingChanges.length).toBeGreaterThanOrEqual(2);
    const withBaseline = await runCli(['evaluate', join(after, 'snapshot.json'), '--now', NOW, '--baseline', join(before, 'results.json'), '-f', 'json']);
    expect((JSON.parse(withBaseline.stdout) as { drift: { newFailures: unknown[] } }).drift.newFailures).toHaveLength(1);
  });
});

describe('a snapshot where nothing was readable', () => {
  it('makes every rule unknown with a reason (or fail, for controls that need an attestation); nothing passes', async () => {
    const snapshot = JSON.parse(readFileSync(ESTATE, 'utf8'));
    const denied = (needs: string) => ({ status: 'unavailable', reason: '403 Forbidden', http_status: 403, needs });
    for (const [provider, needs] of [['github', 'read:org'], ['buildkite', 'read_organizations']] as const) {
      for (const [key, value] of Object.entries(snapshot[provider])) {
        if (value && typeof value === 'object' && 'status' in value) snapshot[provider][key] = denied(needs);
      }
    }
    const file = join(work, 'denied.json');
    writeFileSync(file, JSON.stringify(snapshot));
    const r = await runCli(['evaluate', file, '--now', NOW, '-f', 'json']);
    const doc = JSON.parse(r.stdout) as { targets: string[]; rules: Array<{ id: string }>; outcomes: Array<{ ruleId: string; kind: string; outcome: string; reason: string | null }> };
    // The pipeline files of repositories that could not be listed stand in as `acme/*:*`, so their rules are unknown too.
    expect(doc.targets).toEqual(['organization', 'acme/*', 'acme/*:*', 'buildkite:acme-inc/*']);
    expect(doc.outcomes.length).toBe(doc.rules.length + doc.outcomes.filter((o) => o.kind === 'pipeline').length / 2);
    for (const o of doc.outcomes) {
      if (o.outcome === 'fail') expect(o.ruleId, o.ruleId).toMatch(/audit_log_not_streamed$/);
      else expect([o.ruleId, o.outcome, Boolean(o.reason)]).toEqual([o.ruleId, 'unknown', true]);
    }
    expect(doc.outcomes.filter((o) => o.kind === 'repository').every((o) => o.reason === 'the repositories of acme are not visible: 403 Forbidden')).toBe(true);
    expect((await runCli(['evaluate', file, '--now', NOW, '--fail-on', 'critical'])).code).toBe(0);
    expect((await runCli(['evaluate', file, '--now', NOW, '--fail-on', 'critical', '--fail-on-unknown'])).code).toBe(1);
  });
});
