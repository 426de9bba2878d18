// The CLI through run(): exit codes, formats, and every planted defect at its exact line.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const INSECURE = 'fixtures/pipelines/insecure.yml';
const EXEMPLARY = 'fixtures/pipelines/exemplary.yml';

interface JsonFinding {
  ruleId: string;
  location: { file: string; line: number; column: number };
  severity: string;
}

async function findingsOf(file: string): Promise<JsonFinding[]> {
  const r = await runCli(['check', file, '--format', 'json']);
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
}

describe('kiteguard check on the example pipelines', () => {
  it('exits 0 with no failing finding on the exemplary pipeline', async () => {
    const r = await runCli(['check', EXEMPLARY, '--fail-on', 'low']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('exits 1 on the pipeline with planted defects', async () => {
    const r = await runCli(['check', INSECURE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${INSECURE}:11:`);
  });

  it.each([
    ['pipeline/remote_script_piped_to_shell', 11],
    ['pipeline/insecure_transport', 11],
    ['pipeline/secret_in_plain_env', 4],
    ['pipeline/privileged_container', 16],
    ['pipeline/plugin_not_pinned', 14],
    ['pipeline/plugin_not_pinned', 24],
    ['pipeline/plugin_source_not_allowed', 26],
    ['pipeline/step_timeout_missing', 7],
    ['pipeline/step_timeout_excessive', 22],
    ['pipeline/tls_verification_disabled', 33],
    ['pipeline/hardcoded_secret', 36],
    ['pipeline/static_cloud_credentials', 36],
    ['pipeline/deploy_without_team_gate', 43],
  ])('reports %s at line %i', async (rule, line) => {
    const findings = await findingsOf(INSECURE);
    const lines = findings.filter((f) => f.ruleId === rule).map((f) => f.location.line);
    expect(lines).toContain(line);
  });

  it('never prints a secret value it found', async () => {
    for (const format of ['text', 'json', 'sarif', 'junit', 'buildkite']) {
      const r = await runCli(['check', INSECURE, '--format', format]);
      expect(r.stdout).not.toContain('AKIAIOSFODNN7EXAMPLE');
      expect(r.stdout).not.toContain('hunter2-prod-Zq8x');
    }
  });
});

describe('kiteguard check inputs and errors', () => {
  it('reads a pipeline from stdin with -', async () => {
    const r = await runCli(['check', '-', '--format', 'json'], { stdin: 'steps:\n  - command: curl -k https://x.example.com\n' });
    const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
    expect(findings.some((f) => f.ruleId === 'pipeline/tls_verification_disabled' && f.location.file === '<stdin>')).toBe(true);
  });

  it('reports bad YAML with file, line and column and exits 2', async () => {
    const r = await runCli(['check', '-'], { stdin: 'steps:\n  - command: "unterminated\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/<stdin>:\d+:\d+: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('still checks the good files when one is bad, and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-cli-'));
    writeFileSync(join(dir, 'bad.yml'), 'steps: [\n');
    writeFileSync(join(dir, 'good.yml'), 'steps:\n  - command: make\n    timeout_in_minutes: 5\n    agents: {queue: q}\n');
    const r = await runCli(['check', 'bad.yml', 'good.yml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.yml:');
    expect((JSON.parse(r.stdout) as { targets: string[] }).targets).toEqual(['good.yml']);
  });

  it('discovers .buildkite pipelines when no path is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-cli-'));
    mkdirSync(join(dir, '.buildkite'));
    writeFileSync(join(dir, '.buildkite', 'pipeline.yml'), 'steps:\n  - command: make\n');
    const r = await runCli(['check', '--format', 'json'], { cwd: dir });
    expect((JSON.parse(r.stdout) as { targets: string[] }).targets).toEqual(['.buildkite/pipeline.yml']);
  });

  it('says so when there is nothing to check', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-cli-'));
    const r = await runCli(['check'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no pipeline files found');
  });

  it('rejects an unknown format as a usage error', async () => {
    const r = await runCli(['check', EXEMPLARY, '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('xml');
  });

  it('honours --fail-on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-cli-'));
    writeFileSync(join(dir, 'p.yml'), 'steps:\n  - command: make\n    agents: {queue: q}\n');
    const low = await runCli(['check', 'p.yml', '--fail-on', 'low'], { cwd: dir });
    const critical = await runCli(['check', 'p.yml', '--fail-on', 'critical'], { cwd: dir });
    expect(low.code).toBe(1);
    expect(critical.code).toBe(0);
  });

  it('applies config: disabled rules, severity overrides, waivers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-cli-'));
    writeFileSync(join(dir, 'p.yml'), 'steps:\n  - command: curl -k https://x.example.com\n    agents: {queue: q}\n    timeout_in_minutes: 5\n');
    writeFileSync(
      join(dir, '.kiteguard.yml'),
      [
        'rules:',
        '  pipeline/dependency_scan_missing: {enabled: false}',
        '  pipeline/code_scan_missing: {severity: critical}',
        'waivers:',
        '  - rule: pipeline/tls_verification_disabled',
        '    path: "*.yml"',
        '    reason: internal mirror with a private CA',
        '    owner: sec@example.com',
        '    expires: 2999-01-01',
      ].join('\n') + '\n',
    );
    const r = await runCli(['check', 'p.yml', '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(r.stdout) as { outcomes: Array<{ ruleId: string; outcome: string }>; findings: JsonFinding[] };
    const outcome = (id: string) => doc.outcomes.find((o) => o.ruleId === id)?.outcome;
    expect(outcome('pipeline/dependency_scan_missing')).toBeUndefined();
    expect(outcome('pipeline/tls_verification_disabled')).toBe('waived');
    expect(doc.findings.find((f) => f.ruleId === 'pipeline/code_scan_missing')?.severity).toBe('critical');
  });

  it('rejects a config with an unknown rule, naming the line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-cli-'));
    writeFileSync(join(dir, 'p.yml'), 'steps:\n  - command: make\n');
    writeFileSync(join(dir, '.kiteguard.yml'), 'rules:\n  pipeline/no_such_rule: {enabled: false}\n');
    const r = await runCli(['check', 'p.yml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.kiteguard\.yml:2:\d+/);
  });
});

describe('other commands', () => {
  it('lists the rules', async () => {
    const r = await runCli(['rules']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pipeline/plugin_not_pinned');
  });

  it('prints the normalized pipeline', async () => {
    const r = await runCli(['normalize', EXEMPLARY]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { pipeline: { steps: unknown[] } };
    expect(doc.pipeline.steps.length).toBe(5);
  });

  it('prints the version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('keeps the README rule list in sync with the policies', async () => {
    const { renderRules } = (await import('../scripts/readme-rules.mjs')) as { renderRules: (r: unknown[]) => string };
    const catalog = JSON.parse(readFileSync('dist/catalog.json', 'utf8')) as { rules: unknown[] };
    expect(readFileSync('README.md', 'utf8')).toContain(renderRules(catalog.rules));
  });
});

describe('kiteguard explain', () => {
  it('explains a rule by its id or its short name, with the fix, the settings and the docs link', async () => {
    for (const name of ['pipeline/plugin_not_pinned', 'plugin_not_pinned']) {
      const r = await runCli(['explain', name]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Plugin .* \(pipeline\/plugin_not_pinned\)\nseverity high · area 8 Pipeline as code · target pipeline\n/);
      expect(r.stdout).toContain('How to fix it:');
      expect(r.stdout).toContain('require_sha');
      expect(r.stdout).toMatch(/Read more:\n {2}https:\/\//);
    }
  });

  it('names the repository-wide rules as such', async () => {
    expect((await runCli(['explain', 'dependency_scan_missing'])).stdout).toContain('any pipeline file of the repository satisfies it');
  });

  it('is a usage error for an unknown rule, with suggestions', async () => {
    const r = await runCli(['explain', 'plugin']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('kiteguard: no rule `plugin`; did you mean pipeline/plugin_not_pinned, pipeline/plugin_source_not_allowed?\n');
  });

  it('lists each rule with its docs link', async () => {
    const r = await runCli(['rules']);
    expect(r.stdout).toMatch(/^pipeline\/plugin_not_pinned +high +area {2}8 +.+ +https:\/\/\S+$/m);
    expect(r.stdout).toContain('`kiteguard explain RULE`');
  });
});

describe('colour', () => {
  it('follows --color, then NO_COLOR, then FORCE_COLOR, then whether stdout is a terminal', async () => {
    const { useColor } = await import('../src/cli/options.js');
    expect(useColor('always', { NO_COLOR: '1' }, false, true)).toBe(true);
    expect(useColor('never', { FORCE_COLOR: '1' }, true, false)).toBe(false);
    expect(useColor('auto', { NO_COLOR: '1', FORCE_COLOR: '1' }, true, false)).toBe(false);
    expect(useColor('auto', { FORCE_COLOR: '1' }, false, false)).toBe(true);
    expect(useColor('auto', { FORCE_COLOR: '0' }, false, false)).toBe(false);
    expect(useColor('auto', {}, true, false)).toBe(true);
    expect(useColor('auto', {}, true, true)).toBe(false);
  });

  it('colours check output with --color always and FORCE_COLOR', async () => {
    expect((await runCli(['check', INSECURE, '--color', 'always'])).stdout).toContain('\x1b[');
    expect((await runCli(['check', INSECURE], { env: { FORCE_COLOR: '1' } })).stdout).toContain('\x1b[');
    expect((await runCli(['check', INSECURE])).stdout).not.toContain('\x1b[');
  });
});
