// `kiteguard check-agent` through run() on the shipped agent fixtures: a default and a hardened
// configuration of each kind, every finding at its line, through the compiled Wasm policies.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

interface JsonReport {
  findings: Array<{ ruleId: string; message: string; evidence: string | null; location: { file: string; line: number; column: number } }>;
  outcomes: Array<{ ruleId: string; outcome: string; reason: string | null }>;
  rules: Array<{ id: string }>;
}

async function report(args: string[]): Promise<{ code: number; report: JsonReport; stdout: string }> {
  const r = await runCli(['check-agent', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport, stdout: r.stdout };
}

/** `rule@file:line` for every finding, sorted. */
function placed(rep: JsonReport): string[] {
  return rep.findings.map((f) => `${f.ruleId.replace('agent/', '')}@${f.location.file.split('/').pop()}:${f.location.line}`).sort();
}

const DIR = 'fixtures/agent';

describe('check-agent on the default configurations', () => {
  it.each([
    ['config/default.cfg', ['command_eval_unrestricted@default.cfg:8', 'debug_logging_enabled@default.cfg:10', 'environment_not_allowlisted@default.cfg:1', 'git_commit_verification_not_strict@default.cfg:1', 'job_verification_not_blocking@default.cfg:1', 'local_hooks_enabled@default.cfg:1', 'redaction_weakened@default.cfg:9', 'repositories_not_allowlisted@default.cfg:1', 'token_inline@default.cfg:2']],
    ['env/default.env', ['command_eval_unrestricted@default.env:1', 'debug_logging_enabled@default.env:4', 'environment_not_allowlisted@default.env:1', 'git_commit_verification_not_strict@default.env:1', 'job_verification_not_blocking@default.env:6', 'local_hooks_enabled@default.env:1', 'repositories_not_allowlisted@default.env:1', 'token_inline@default.env:2']],
    ['hooks/default', ['hook_unsafe_command@environment:5', 'hook_unsafe_command@environment:8', 'hook_unsafe_command@pre-command:4']],
    ['elastic/default.json', ['imdsv2_not_required@default.json:1', 'instance_reused_across_jobs@default.json:1', 'job_verification_not_blocking@default.json:1', 'public_ip_assigned@default.json:1', 'root_volume_unencrypted@default.json:1', 'signing_key_on_untrusted_queue@default.json:1', 'ssh_access_enabled@default.json:5', 'token_inline@default.json:2']],
    ['elastic/default.tfvars', ['imdsv2_not_required@default.tfvars:5', 'instance_reused_across_jobs@default.tfvars:1', 'job_verification_not_blocking@default.tfvars:1', 'public_ip_assigned@default.tfvars:1', 'root_volume_unencrypted@default.tfvars:1', 'signing_key_on_untrusted_queue@default.tfvars:1', 'token_inline@default.tfvars:4']],
    ['k8s/default-values.yaml', ['command_eval_unrestricted@default-values.yaml:2', 'environment_not_allowlisted@default-values.yaml:2', 'git_commit_verification_not_strict@default-values.yaml:3', 'job_verification_not_blocking@default-values.yaml:2', 'kubernetes_plugin_allowed@default-values.yaml:3', 'local_hooks_enabled@default-values.yaml:3', 'repositories_not_allowlisted@default-values.yaml:2', 'token_inline@default-values.yaml:2']],
  ])('%s gives the expected findings at their lines and exits 1', async (file, expected) => {
    const { code, report: rep, stdout } = await report([`${DIR}/${file}`]);
    expect(placed(rep)).toEqual(expected);
    expect(code).toBe(1);
    expect(stdout).not.toContain('0123456789abcdef');
  });
});

describe('check-agent on the hardened configurations', () => {
  it.each(['config/hardened.cfg', 'env/hardened.env', 'hooks/hardened', 'elastic/hardened.json', 'k8s/hardened-values.yaml'])('%s has no findings and exits 0', async (file) => {
    const { code, report: rep } = await report([`${DIR}/${file}`, '--fail-on', 'low']);
    expect(placed(rep)).toEqual([]);
    expect(code).toBe(0);
  });

  it('is unknown, not passing, on the version check when the agent version is not known', async () => {
    const { report: rep } = await report([`${DIR}/config/hardened.cfg`]);
    const outcome = rep.outcomes.find((o) => o.ruleId === 'agent/version_cannot_enforce');
    expect(outcome?.outcome).toBe('unknown');
    expect(outcome?.reason).toContain('--agent-version');
  });

  it('reports each setting an older agent cannot enforce, at the setting', async () => {
    const { report: rep } = await report([`${DIR}/config/hardened.cfg`, '--agent-version', '3.57.0']);
    expect(placed(rep)).toEqual(['version_cannot_enforce@hardened.cfg:11', 'version_cannot_enforce@hardened.cfg:13', 'version_cannot_enforce@hardened.cfg:14', 'version_cannot_enforce@hardened.cfg:9']);
  });

  it('reads the agent version from the agent-stack-k8s image tag', async () => {
    const { report: rep } = await report([`${DIR}/k8s/hardened-values.yaml`]);
    expect(rep.outcomes.find((o) => o.ruleId === 'agent/version_cannot_enforce')?.outcome).toBe('pass');
  });
});

describe('check-agent options and errors', () => {
  it('does not report what differs on a trusted queue', async () => {
    const { report: rep } = await report([`${DIR}/elastic/default.json`, '--queue-trust', 'trusted']);
    expect(placed(rep).filter((p) => /signing_key_on_untrusted_queue|instance_reused_across_jobs/.test(p))).toEqual([]);
    expect(placed(rep)).toContain('imdsv2_not_required@default.json:1');
  });

  it('exercises every agent rule through the Wasm policies', async () => {
    const runs = await Promise.all([
      ...['config/default.cfg', 'env/default.env', 'hooks/default', 'elastic/default.json', 'k8s/default-values.yaml'].map((f) => report([`${DIR}/${f}`])),
      report([`${DIR}/config/hardened.cfg`, '--agent-version', '3.57.0']),
    ]);
    const failed = new Set(runs.flatMap((r) => r.report.findings.map((f) => f.ruleId)));
    expect(runs[0]!.report.rules.map((r) => r.id).filter((id) => !failed.has(id))).toEqual([]);
  });

  it('exits 2 with file:line and what was expected on a line that is not a setting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiteguard-agent-'));
    writeFileSync(join(dir, 'buildkite-agent.cfg'), 'name="a"\nthis is not a setting\n');
    const r = await runCli(['check-agent', 'buildkite-agent.cfg'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('buildkite-agent.cfg:2:1: expected `name=value`');
  });

  it('exits 2 when the kind cannot be told, naming --kind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiteguard-agent-'));
    writeFileSync(join(dir, 'notes'), 'just some words\n');
    const r = await runCli(['check-agent', 'notes'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('notes:1:1: cannot tell what kind of agent file this is');
    expect(r.stderr).toContain('--kind');
  });

  it('exits 2 on a CloudFormation entry without ParameterKey, at its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiteguard-agent-'));
    writeFileSync(join(dir, 'params.json'), '[\n  {"ParameterKey": "KeyName", "ParameterValue": ""},\n  {"Key": "x"}\n]\n');
    const r = await runCli(['check-agent', 'params.json', '--kind', 'elastic-stack'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('params.json:3:3: expected {"ParameterKey"');
  });

  it('rejects an agent version that is not MAJOR.MINOR.PATCH', async () => {
    const r = await runCli(['check-agent', `${DIR}/config/default.cfg`, '--agent-version', 'latest']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('expected --agent-version as MAJOR.MINOR.PATCH');
  });
});
