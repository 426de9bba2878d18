// The same inputs must give the same findings through `opa eval` (Go) and through the Wasm host.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAsset } from '../src/engine/assets.js';
import { PolicyEngine } from '../src/engine/policy.js';
import { loadPipeline } from '../src/pipeline/load.js';
import { CORPUS, OPA, ROOT, yamlFiles } from './helpers.js';

const files = [
  ...yamlFiles(join(ROOT, 'fixtures/pipelines')),
  ...yamlFiles(join(ROOT, 'test/fixtures/pipelines')),
  ...yamlFiles(CORPUS),
];
const now = '2026-11-26T00:00:00.000Z';
const inputs = files.flatMap((file) => {
  try {
    return [{ file, input: { pipeline: loadPipeline(readFileSync(file, 'utf8'), file).pipeline, context: {}, now } }];
  } catch {
    return [];
  }
});

/** A config that turns on the optional knobs, so their code paths are compared too. */
const STRICT = {
  rules: {
    'pipeline/plugin_not_pinned': { require_sha: true },
    'pipeline/unsigned_steps': { require_signed: true },
    'pipeline/artifacts_to_hosted_storage': { require_private_storage: true },
  },
};

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

function normalizeReport(report: { findings: unknown[]; unknown: unknown; not_applicable?: unknown[]; notApplicable?: unknown[] }) {
  const findings = report.findings.map((f) => JSON.stringify(canonical(f))).sort();
  const na = [...(report.not_applicable ?? report.notApplicable ?? [])].map(String).sort();
  return { findings, unknown: canonical(report.unknown), notApplicable: na };
}

const tableEngine = PolicyEngine.load(readAsset('policy.wasm'));

/** The input as the engine evaluates it, literal table included (see src/engine/literals.ts). */
function asEvaluated(input: object): object {
  const bytes = tableEngine.withLiterals('pipeline', input);
  expect(bytes).toBeInstanceOf(ArrayBuffer);
  return JSON.parse(new TextDecoder().decode(bytes as ArrayBuffer)) as object;
}

function viaOpaEval(config: object, withTable: boolean): unknown[] {
  const dir = mkdtempSync(join(tmpdir(), 'kiteguard-diff-'));
  const targets = inputs.map((i) => (withTable ? asEvaluated(i.input) : i.input));
  writeFileSync(join(dir, 'input.json'), JSON.stringify({ targets }));
  writeFileSync(join(dir, 'data.json'), JSON.stringify({ config }));
  const query = '[r | some t in input.targets; r := data.kiteguard.pipeline.report with input as t]';
  const out = execFileSync(
    OPA,
    ['eval', '-d', join(ROOT, 'policies'), '-d', join(dir, 'data.json'), '--ignore', '*_test.rego', '-i', join(dir, 'input.json'), '-f', 'json', query],
    { maxBuffer: 512 << 20 },
  );
  return JSON.parse(out.toString()).result[0].expressions[0].value;
}

// opa eval reads the inputs as given with the default knobs, and with the literal table the engine adds with the strict ones.
describe.each([
  ['default knobs', { rules: {} }, false],
  ['strict knobs, literal table in the input', STRICT, true],
])('opa eval and Wasm agree (%s)', (_name, config, withTable) => {
  const goReports = viaOpaEval(config, withTable);
  const engine = PolicyEngine.load(readAsset('policy.wasm'));
  engine.setData({ config });
  // The batch entrypoint over the inputs four at a time, as a sweep's workers evaluate small pipelines.
  const batched = Array.from({ length: Math.ceil(inputs.length / 4) }, (_, b) => engine.evaluateBatch('pipeline', inputs.slice(b * 4, b * 4 + 4).map((x) => x.input))).flat();

  it('covers the example, fixture and corpus pipelines', () => {
    expect(inputs.length).toBeGreaterThan(10);
  });

  it.each(inputs.map((x, i) => [relative(ROOT, x.file), i] as const))('%s', (_file, i) => {
    const wasm = engine.evaluate('pipeline', inputs[i]!.input);
    const go = goReports[i] as Parameters<typeof normalizeReport>[0];
    expect(normalizeReport({ findings: wasm.findings, unknown: wasm.unknown, notApplicable: wasm.notApplicable })).toEqual(normalizeReport(go));
    const batch = batched[i]!;
    expect(normalizeReport({ findings: batch.findings, unknown: batch.unknown, notApplicable: batch.notApplicable })).toEqual(normalizeReport(go));
    // Large pipelines are evaluated rule package by rule package: the parts add up to the same report.
    const parts = engine.evaluateParts('pipeline', inputs[i]!.input);
    expect(normalizeReport({ findings: parts.findings, unknown: parts.unknown, notApplicable: parts.notApplicable })).toEqual(normalizeReport(go));
    // The packages evaluated slice by slice on large pipelines give the same report one top-level step at a time.
    const sliced = engine.evaluateParts('pipeline', inputs[i]!.input, 1);
    expect(normalizeReport({ findings: sliced.findings, unknown: sliced.unknown, notApplicable: sliced.notApplicable })).toEqual(normalizeReport(go));
  });
});
