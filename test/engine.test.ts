import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAsset } from '../src/engine/assets.js';
import { parseCatalog, yamlRules } from '../src/engine/catalog.js';
import { PolicyEngine } from '../src/engine/policy.js';
import { EngineError } from '../src/errors.js';

const PIPELINE_RULES = [
  'deploy_without_team_gate', 'dependency_scan_missing', 'security_step_soft_fail', 'insecure_transport',
  'tls_verification_disabled', 'remote_script_piped_to_shell', 'hardcoded_secret', 'secret_in_plain_env',
  'secret_printed', 'step_timeout_missing', 'step_timeout_excessive', 'queue_not_isolated', 'privileged_container',
  'static_cloud_credentials', 'unsigned_steps', 'artifacts_to_hosted_storage', 'release_without_provenance',
  'deploy_without_verification', 'plugin_not_pinned', 'plugin_source_not_allowed', 'image_not_pinned',
  'sbom_missing', 'code_scan_missing', 'container_scan_missing', 'untrusted_upload_interpolation',
  'security_gate_bypassed', 'redaction_disabled', 'secret_upload_interpolation',
  'eval_injection',
].map((name) => `pipeline/${name}`);

const catalog = parseCatalog(readAsset('catalog.json').toString('utf8'));

describe('policy engine', () => {
  it('needs no builtin from the host that the host does not provide', () => {
    const engine = PolicyEngine.load(readAsset('policy.wasm'));
    expect(engine.missingHostBuiltins()).toEqual([]);
  });

  it('turns SDK failures into EngineError', () => {
    expect(() => PolicyEngine.load(new Uint8Array([0, 1, 2, 3]))).toThrow(EngineError);
  });

  it('evaluates an empty pipeline and reports typed results', () => {
    const engine = PolicyEngine.load(readAsset('policy.wasm'));
    engine.setData({ config: { rules: {} } });
    const input = { pipeline: { env: {}, agents: {}, secrets: {}, notify: [], steps: [] }, context: {} };
    const result = engine.evaluate('pipeline', input);
    expect(result.findings).toEqual([]);
    expect(Array.isArray(result.notApplicable)).toBe(true);
  });

  it('gives the same result for object and pre-serialized input', () => {
    const engine = PolicyEngine.load(readAsset('policy.wasm'));
    engine.setData({});
    const input = JSON.parse(readFileSync(new URL('./fixtures/engine/unpinned.json', import.meta.url), 'utf8'));
    const bytes = new TextEncoder().encode(JSON.stringify(input));
    expect(engine.evaluate('pipeline', bytes.buffer as ArrayBuffer)).toEqual(engine.evaluate('pipeline', input));
    expect(engine.evaluate('pipeline', input).findings.map((f) => f.rule)).toContain('pipeline/plugin_not_pinned');
  });

  it('applies knob overrides passed as data', () => {
    const engine = PolicyEngine.load(readAsset('policy.wasm'));
    const input = JSON.parse(readFileSync(new URL('./fixtures/engine/unpinned.json', import.meta.url), 'utf8'));
    engine.setData({ config: { rules: { 'pipeline/plugin_not_pinned': { branch_names: [] } } } });
    const pinnedToMain = (r: ReturnType<typeof engine.evaluate>) => r.findings.filter((f) => f.evidence === 'docker#main');
    expect(pinnedToMain(engine.evaluate('pipeline', input))).toHaveLength(0);
    engine.setData({ config: { rules: {} } });
    expect(pinnedToMain(engine.evaluate('pipeline', input))).toHaveLength(1);
  });
});

describe('rule catalog', () => {
  it('has every pipeline rule of the control catalog, each once', () => {
    const ids = yamlRules(catalog).map((r) => r.id).sort();
    expect(ids).toEqual([...PIPELINE_RULES].sort());
  });

  it.each(catalog.map((r) => [r.id, r] as const))('%s has complete METADATA', (_id, rule) => {
    expect(rule.title.length).toBeGreaterThan(3);
    expect(rule.description.length).toBeGreaterThan(20);
    expect(rule.remediation.length).toBeGreaterThan(10);
    expect(rule.related.length).toBeGreaterThan(0);
    expect(rule.package).toBe(rule.id.replace('/', '.'));
    for (const [name, knob] of Object.entries(rule.knobs)) {
      expect(knob, `${rule.id} knob ${name}`).toHaveProperty('default');
      expect(typeof knob.description, `${rule.id} knob ${name}`).toBe('string');
    }
  });
});
