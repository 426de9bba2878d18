// `policy build --config`: the organization's knobs, waivers and fail_on embedded in the signed bundle's data are
// every check's defaults; a local .kiteguard.yml may not change them, nor add waivers when `local_waivers: false`;
// a changed data.json (data.kiteguard_org) fails the signature. Bundles are built and signed by the real opa.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ecKeyFiles, OPA, ROOT, runCli } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'kiteguard-org-'));
const file = (name: string, text: string): string => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};
const { key: KEY, pub: PUB } = ecKeyFiles(work);
const ORG = file(
  'org.kiteguard.yml',
  [
    'fail_on: high',
    'local_waivers: false',
    'rules:',
    '  acme/deploy_queue:',
    '    deploy_queue: builders',
    '  github/branch_protection_missing:',
    '    enabled: false',
    'waivers:',
    '  - rule: acme/plugin_organizations',
    '    reason: the platform team reviewed these plugins',
    '    owner: platform@acme.example',
    '    expires: 2099-01-01',
    '',
  ].join('\n'),
);
const PIPELINE = join(ROOT, 'examples/org-policy/example-pipeline.yml');
const WITH = join(work, 'with.tar.gz');
const WITHOUT = join(work, 'without.tar.gz');

beforeAll(async () => {
  for (const [out, extra] of [
    [WITH, ['--config', ORG]],
    [WITHOUT, []],
  ] as const) {
    const r = await runCli(['policy', 'build', join(ROOT, 'examples/org-policy'), '-o', out, '--signing-key', KEY, '--opa', OPA, ...extra]);
    expect(r.code, r.stderr).toBe(0);
  }
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs check in a folder holding `local` as its .kiteguard.yml (none when undefined). */
async function check(bundle: string, local?: string) {
  const dir = mkdtempSync(join(work, 'repo-'));
  if (local !== undefined) writeFileSync(join(dir, '.kiteguard.yml'), local);
  const r = await runCli(['check', PIPELINE, '--format', 'json', '--bundle', bundle, '--verification-key', PUB], { cwd: dir });
  const outcomes = r.code === 2 ? [] : (JSON.parse(r.stdout) as { outcomes: { ruleId: string; outcome: string }[] }).outcomes;
  return { ...r, outcome: (id: string) => outcomes.find((o) => o.ruleId === id)?.outcome };
}

describe("the organization's settings in a signed bundle", () => {
  it('change verdicts: a knob turns a failure into a pass and a waiver applies, without any local config', async () => {
    const plain = await check(WITHOUT);
    expect(plain.outcome('acme/deploy_queue')).toBe('fail');
    expect(plain.outcome('acme/plugin_organizations')).toBe('fail');
    const org = await check(WITH);
    expect(org.code, org.stderr).not.toBe(2);
    expect(org.outcome('acme/deploy_queue')).toBe('pass');
    expect(org.outcome('acme/plugin_organizations')).toBe('waived');
  });

  it('apply to evaluate too: a rule the organization disables is not evaluated', async () => {
    const snapshot = join(ROOT, 'fixtures/estate/snapshot.json');
    const ids = async (bundle: string) =>
      (JSON.parse((await runCli(['evaluate', snapshot, '--format', 'json', '--now', '2026-12-01T00:00:00Z', '--bundle', bundle, '--verification-key', PUB], { cwd: work })).stdout) as {
        outcomes: { ruleId: string }[];
      }).outcomes.map((o) => o.ruleId);
    expect(await ids(WITHOUT)).toContain('github/branch_protection_missing');
    expect(await ids(WITH)).not.toContain('github/branch_protection_missing');
  });

  it('let a local config set other rules and a stricter fail_on', async () => {
    const r = await check(WITH, 'fail_on: medium\nrules:\n  pipeline/plugin_not_pinned:\n    enabled: false\n');
    expect(r.code, r.stderr).not.toBe(2);
    expect(r.outcome('pipeline/plugin_not_pinned')).toBeUndefined();
  });

  it.each([
    ['a knob the organization set', 'rules:\n  acme/deploy_queue:\n    deploy_queue: anything\n', "rule acme/deploy_queue's knob deploy_queue is set by the organization's bundle"],
    ['a rule the organization configured, disabled', 'rules:\n  acme/deploy_queue:\n    enabled: false\n', 'rule acme/deploy_queue is enabled by the organization'],
    ['a looser fail_on', 'fail_on: critical\n', "fail_on critical is looser than the organization's fail_on high"],
    ['a waiver, when local_waivers is false', 'waivers:\n  - {rule: acme/deploy_queue, reason: r, owner: o, expires: 2099-01-01}\n', 'allows no local waivers'],
  ])('refuse a local config that changes %s (exit 2, naming the file)', async (_what, local, reason) => {
    const r = await check(WITH, local);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.kiteguard\.yml: /);
    expect(r.stderr).toContain(reason);
  });

  it('are covered by the signature: a changed data.json (data.kiteguard_org) is refused', async () => {
    const dir = join(work, 'tampered');
    mkdirSync(dir);
    execFileSync('tar', ['-xzf', WITH, '-C', dir]);
    const data = join(dir, 'data.json');
    expect(readFileSync(data, 'utf8')).toContain('"deploy_queue":"builders"');
    writeFileSync(data, readFileSync(data, 'utf8').replace('"deploy_queue":"builders"', '"deploy_queue":"anything"'));
    const r = await check(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"data.json" does not match its signed digest');
  });

  it('are validated at build time against the bundle catalog, at file:line', async () => {
    const bad = file('bad.kiteguard.yml', 'rules:\n  acme/deploy_queu:\n    deploy_queue: x\n');
    const r = await runCli(['policy', 'build', join(ROOT, 'examples/org-policy'), '-o', join(work, 'bad.tar.gz'), '--opa', OPA, '--config', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:2:3: unknown rule "acme/deploy_queu"; did you mean "acme/deploy_queue"?`);
  });
});
