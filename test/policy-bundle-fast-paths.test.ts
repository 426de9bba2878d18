// An organization's bundle (`kiteguard policy build`) has the fast paths of the shipped module, over kiteguard's
// rules and the organization's: a part entrypoint per rule package (a large pipeline is evaluated part by part),
// the repository-wide entrypoint (with the organization's `scope: repository` rules, so another pipeline file of
// the repository still satisfies them) and the literal hints; each gives what the whole report gives. A bundle
// built without them is evaluated whole.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBundle } from '../scripts/lib/compile-policies.mjs';
import { buildPolicyBundle } from '../src/app/policy-build.js';
import BATCH_ENTRYPOINTS from '../src/engine/batch-entrypoints.json' with { type: 'json' };
import ENTRYPOINTS from '../src/engine/entrypoints.json' with { type: 'json' };
import { parseCatalog } from '../src/engine/catalog.js';
import { DEFAULT_MEMORY_PAGES, LITERALS_ENTRYPOINT, PARTS_FROM_BYTES, partEntrypoint, PolicyEngine, REPOSITORY_WIDE_ENTRYPOINT, type EngineResult } from '../src/engine/policy.js';
import { dataPages } from '../src/engine/wasm-data.js';
import type { RuleInfo } from '../src/model/report.js';
import { loadPipeline } from '../src/pipeline/load.js';
import { OPA, ROOT, runCli } from './helpers.js';

// An organization rule any pipeline file of a repository can satisfy, with a literal prefilter of its own.
const RELEASE_NOTES = `# METADATA
# title: Release notes never published
# description: |
#   Acme publishes release notes from CI: some pipeline file of the repository runs \`publish-release-notes\`.
# custom:
#   id: acme/release_notes
#   severity: low
#   area: 6
#   target: pipeline
#   scope: repository
#   remediation: Add a step that runs \`publish-release-notes\` to one pipeline file of the repository.
package pipeline.acme_release_notes

import data.lib.findings
import data.lib.hints
import data.lib.pipeline

deny contains findings.finding(rego.metadata.chain(), "no pipeline file of the repository publishes release notes", ["steps"], "steps") if {
	count(pipeline.command_steps) > 0
	not publishes
}

publishes if {
	some command in pipeline.commands
	hints.matches(command.text, notes)
}

notes := hints.matcher([\`\\bpublish-release-notes\\b\`], notes_hints)

# notes_hints: the literal every match holds (lib.hints).
notes_hints := {\`\\bpublish-release-notes\\b\`: ["publish-release-notes"]}
`;

const work = mkdtempSync(join(tmpdir(), 'kiteguard-fast-paths-'));
const rules = join(work, 'rules');
const bundle = join(work, 'org.tar.gz');
const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const privateKey = join(work, 'ec.pem');
const publicKey = join(work, 'ec.pub');
let engine: PolicyEngine;
let entrypoints: string[];
let catalog: RuleInfo[];

const input = (yaml: string) => ({ pipeline: loadPipeline(yaml, 'pipeline.yml').pipeline, context: {}, now: '2026-12-01T00:00:00Z' });
const bytes = (value: object) => new TextEncoder().encode(JSON.stringify(value)).buffer as ArrayBuffer;
const normalized = (r: EngineResult) => ({
  findings: r.findings.map((f) => JSON.stringify(f)).sort(),
  unknown: Object.fromEntries(Object.entries(r.unknown).sort(([a], [b]) => a.localeCompare(b))),
  notApplicable: [...r.notApplicable].sort(),
});

beforeAll(() => {
  cpSync(join(ROOT, 'examples/org-policy'), rules, { recursive: true });
  writeFileSync(join(rules, 'pipeline/acme_release_notes.rego'), RELEASE_NOTES);
  writeFileSync(privateKey, key.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(publicKey, key.publicKey.export({ type: 'spki', format: 'pem' }));
  buildPolicyBundle({ opa: OPA, dir: rules, out: bundle, signingKey: privateKey });
  engine = engineOf(bundle, 'bundle');
  entrypoints = Object.keys((engine as unknown as { policy: { entrypoints: object } }).policy.entrypoints);
  catalog = parseCatalog(JSON.stringify((JSON.parse(readFileSync(join(work, 'bundle', 'data.json'), 'utf8')) as { kiteguard_catalog: unknown }).kiteguard_catalog));
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The engine of a bundle's policy.wasm, with the default knobs. */
function engineOf(bundlePath: string, name: string): PolicyEngine {
  const dir = join(work, name);
  mkdirSync(dir);
  execFileSync('tar', ['-xzf', bundlePath, '-C', dir]);
  const loaded = PolicyEngine.load(readFileSync(join(dir, 'policy.wasm')));
  loaded.setData({ config: { rules: {} } });
  return loaded;
}

/** A pipeline of `n` test steps with long commands, and every fiftieth a deploy step off the deploy queue with a plugin from an unapproved organization. */
function largePipeline(n: number): object {
  const step = (i: number) =>
    `  - label: "test ${i}"\n    command: make test-${i} ${'x'.repeat(400)}\n    agents: {queue: builders}\n    timeout_in_minutes: 5\n` +
    (i % 50 === 0 ? `  - label: deploy ${i}\n    command: kubectl apply -f svc-${i}.yml\n    plugins:\n      - someone/tool#v1.0.0: {}\n` : '');
  return input(`steps:\n${Array.from({ length: n }, (_, i) => step(i)).join('')}`);
}

describe("an organization's bundle", () => {
  it("lists the part entrypoints of kiteguard's rule packages and the organization's, the repository-wide one and the literal hints", () => {
    expect(entrypoints).toEqual(
      expect.arrayContaining([
        LITERALS_ENTRYPOINT,
        REPOSITORY_WIDE_ENTRYPOINT,
        partEntrypoint('pipeline.dependency_scan_missing'),
        partEntrypoint('buildkite.pipeline_defined_in_ui'),
        partEntrypoint('pipeline.acme_deploy_queue'),
        partEntrypoint('pipeline.acme_plugin_organizations'),
        partEntrypoint('pipeline.acme_release_notes'),
      ]),
    );
    // The organization's own prefilter hints are looked for once per input too.
    const table = new TextDecoder().decode(engine.withLiterals('pipeline', input('steps:\n  - command: make\n')) as ArrayBuffer);
    expect(JSON.parse(table).absent_literals).toHaveProperty('publish-release-notes', true);
  });

  it('evaluates a large pipeline part by part with the report of its whole evaluation', () => {
    const big = largePipeline(500);
    expect(bytes(big).byteLength).toBeGreaterThanOrEqual(PARTS_FROM_BYTES);
    const run = vi.spyOn(engine as unknown as { run: (entrypoint: string, input: unknown) => unknown }, 'run');
    const parts = engine.evaluateParts('pipeline', big);
    // Rule package by rule package, the organization's too.
    const called = new Set(run.mock.calls.map(([entrypoint]) => entrypoint));
    run.mockRestore();
    for (const pkg of ['pipeline.acme_release_notes', 'pipeline.acme_deploy_queue', 'pipeline.dependency_scan_missing']) expect(called).toContain(partEntrypoint(pkg));
    expect(normalized(parts)).toEqual(normalized(engine.evaluate('pipeline', big)));
    const ruled = new Set(parts.findings.map((f) => f.rule));
    for (const id of ['acme/deploy_queue', 'acme/plugin_organizations', 'acme/release_notes', 'pipeline/dependency_scan_missing']) expect(ruled).toContain(id);
  }, 120_000);

  it("decides the organization's `scope: repository` rule through the repository-wide entrypoint as the whole report does", () => {
    const wide = catalog.filter((r) => r.repositoryWide);
    expect(wide.map((r) => r.id)).toContain('acme/release_notes');
    const ids = new Set(wide.map((r) => r.id));
    const packages = new Set(wide.map((r) => r.package));
    const decided = (r: EngineResult) => ({
      findings: r.findings.filter((f) => ids.has(f.rule)).map((f) => JSON.stringify(f)).sort(),
      unknown: Object.fromEntries(Object.entries(r.unknown).filter(([pkg]) => packages.has(pkg))),
      notApplicable: r.notApplicable.filter((pkg) => packages.has(pkg)).sort(),
    });
    const pipelines = ['steps:\n  - command: make build\n', 'steps:\n  - command: publish-release-notes --tag v1\n', 'steps:\n  - wait\n'];
    for (const yaml of pipelines) {
      const item = bytes(input(yaml));
      const only = engine.evaluateItem({ kind: 'pipeline', bytes: item, repositoryWide: [...packages] });
      expect(only.findings.every((f) => ids.has(f.rule))).toBe(true);
      expect(decided(only)).toEqual(decided(engine.evaluate('pipeline', item)));
      // A large file runs only the parts of those rules, the organization's among them.
      const parts = engine.evaluateItem({ kind: 'pipeline', bytes: item, parts: true, repositoryWide: [...packages] });
      expect(parts.findings.every((f) => ids.has(f.rule))).toBe(true);
      expect(decided(parts)).toEqual(decided(only));
    }
    const failing = engine.evaluateItem({ kind: 'pipeline', bytes: bytes(input(pipelines[0]!)), repositoryWide: [...packages] });
    expect(failing.findings.map((f) => f.rule)).toContain('acme/release_notes');
  });

  it("lets `check` see the organization's `scope: repository` rule satisfied by another pipeline file of the repository, and only then", async () => {
    const BUILD = 'steps:\n  - label: build\n    command: make build\n    timeout_in_minutes: 10\n    agents: {queue: ci}\n';
    const outcome = async (name: string, sibling: string) => {
      const repo = join(work, name);
      mkdirSync(join(repo, '.git'), { recursive: true });
      writeFileSync(join(repo, '.git/config'), '[core]\n\tbare = false\n');
      mkdirSync(join(repo, '.buildkite'));
      writeFileSync(join(repo, '.buildkite/pipeline.yml'), BUILD);
      writeFileSync(join(repo, '.buildkite/release.yml'), sibling);
      const r = await runCli(['check', '.buildkite/pipeline.yml', '--format', 'json', '--bundle', bundle, '--verification-key', publicKey], { cwd: repo });
      expect(r.code, r.stderr).not.toBe(2);
      return (JSON.parse(r.stdout) as { outcomes: { ruleId: string; outcome: string; reason?: string }[] }).outcomes.find((o) => o.ruleId === 'acme/release_notes');
    };
    expect(await outcome('publishing', BUILD.replace('make build', 'publish-release-notes'))).toMatchObject({
      outcome: 'pass',
      reason: 'satisfied by .buildkite/release.yml, another pipeline file of the same repository',
    });
    expect((await outcome('not-publishing', BUILD.replace('make build', 'make release')))?.outcome).toBe('fail');
  });
});

it('loads given compiled too, although its data reaches past the default memory', () => {
  const wasm = readFileSync(join(work, 'bundle', 'policy.wasm'));
  expect(dataPages(wasm)).toBeGreaterThan(DEFAULT_MEMORY_PAGES);
  const compiled = PolicyEngine.load(new WebAssembly.Module(wasm));
  compiled.setData({ config: { rules: {} } });
  const item = bytes(input('steps:\n  - command: make build\n'));
  expect(normalized(compiled.evaluate('pipeline', item))).toEqual(normalized(engine.evaluate('pipeline', item)));
});

describe('a bundle built without the fast paths (as `policy build` built them before)', () => {
  it('is evaluated whole: a large pipeline and the other files of a repository get every rule', () => {
    const old = join(work, 'old.tar.gz');
    buildBundle({ opa: OPA, sources: [{ dir: join(ROOT, 'policies'), as: 'policies' }, { dir: rules, as: 'org' }], entrypoints: [...Object.values(ENTRYPOINTS), ...Object.values(BATCH_ENTRYPOINTS)], out: old });
    const older = engineOf(old, 'old');
    const big = largePipeline(500);
    expect(normalized(older.evaluateParts('pipeline', big))).toEqual(normalized(engine.evaluate('pipeline', big)));
    const item = bytes(input('steps:\n  - label: deploy\n    command: kubectl apply -f x.yml\n'));
    const wide = older.evaluateItem({ kind: 'pipeline', bytes: item, repositoryWide: ['pipeline.sbom_missing'] });
    expect(normalized(wide)).toEqual(normalized(engine.evaluate('pipeline', item)));
    expect(wide.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['acme/release_notes', 'acme/deploy_queue']));
  }, 120_000);
});
