// `policy new --kind`: every kind's scaffold is formatted, passes `opa check --strict` and its own tests out of the
// box, builds, and (through a signed bundle) judges the production targets of its kind in the example estate.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULE_KINDS } from '../src/app/policy-templates.js';
import { ecKeyFiles, OPA, ROOT, runCli } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'kiteguard-kinds-'));
const rules = join(work, 'rules');
const id = (kind: string) => `acme/new_${kind.replaceAll('-', '_')}`;
const { key: KEY, pub: PUB } = ecKeyFiles(work);
const BUNDLE = join(work, 'b.tar.gz');

beforeAll(async () => {
  for (const kind of RULE_KINDS) {
    const r = await runCli(['policy', 'new', id(kind), '--kind', kind, '--dir', rules]);
    expect(r.code, r.stderr).toBe(0);
  }
  const built = await runCli(['policy', 'build', rules, '-o', BUNDLE, '--signing-key', KEY, '--opa', OPA]);
  expect(built.code, built.stderr).toBe(0);
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('policy new --kind', () => {
  it('scaffolds, for every kind, a rule whose tests pass with `policy test`', async () => {
    const r = await runCli(['policy', 'test', rules, '--opa', OPA, '--verbose']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    for (const kind of RULE_KINDS) expect(r.stdout).toContain(`acme_new_${kind.replaceAll('-', '_')}_test.test_`);
    expect(r.stdout).not.toContain('FAIL');
  });

  it('writes rules that `opa fmt` and `opa check --strict` accept', () => {
    expect(execFileSync(OPA, ['fmt', '--list', rules]).toString()).toBe('');
    execFileSync(OPA, ['check', '--strict', rules, join(ROOT, 'policies/lib')]);
  });

  it('refuses an unknown kind', async () => {
    const r = await runCli(['policy', 'new', 'acme/x', '--kind', 'cluster', '--dir', rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--kind cluster: expected one of pipeline, buildkite-pipeline, repository, organization, github-organization, agent');
  });

  it('judges the targets of its kind in the example estate, and no others', async () => {
    const r = await runCli(['evaluate', join(ROOT, 'fixtures/estate/snapshot.json'), '--format', 'json', '--now', '2026-12-01T00:00:00Z', '--bundle', BUNDLE, '--verification-key', PUB]);
    expect(r.code, r.stderr).not.toBe(2);
    const outcomes = (JSON.parse(r.stdout) as { outcomes: { kind: string; ruleId: string; outcome: string }[] }).outcomes;
    const judged = (kind: string) => new Set(outcomes.filter((o) => o.ruleId === id(kind) && o.outcome !== 'not_applicable').map((o) => o.kind));
    expect(judged('buildkite-pipeline')).toEqual(new Set(['pipeline']));
    expect(judged('repository')).toEqual(new Set(['repository']));
    expect(judged('organization')).toEqual(new Set(['organization']));
    expect(judged('github-organization')).toEqual(new Set(['organization']));
    expect(judged('pipeline')).toEqual(new Set(['pipeline']));
    const agent = await runCli(['check-agent', join(ROOT, 'fixtures/agent/config/default.cfg'), '--format', 'json', '--bundle', BUNDLE, '--verification-key', PUB]);
    expect(agent.code, agent.stderr).not.toBe(2);
    expect(agent.stdout).toContain(id('agent'));
  });
});
