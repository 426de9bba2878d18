// `policy build` compiles against the builtins kiteguard's Node host runs (scripts/lib/wasm-capabilities.json):
// a rule calling another builtin is a build error at its file:line, and the committed list is what the generator makes.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OPA, ROOT, runCli } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'kiteguard-caps-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const RULE = (body: string) => `# METADATA
# title: Calls a builtin
# description: A rule for the capabilities test.
# custom:
#   id: acme/calls
#   severity: low
#   area: 1
#   target: pipeline
#   remediation: None.
package pipeline.acme_calls

import data.lib.findings

deny contains findings.finding(rego.metadata.chain(), "called", ["steps"], null) if {
${body}
}
`;

function rules(name: string, body: string): string {
  const dir = join(work, name);
  cpSync(join(ROOT, 'examples/org-policy'), dir, { recursive: true });
  mkdirSync(join(dir, 'pipeline'), { recursive: true });
  writeFileSync(join(dir, 'pipeline/acme_calls.rego'), RULE(body));
  return dir;
}

describe('policy build and the host capabilities', () => {
  it('refuses http.send and opa.runtime at their file:line with exit 2', async () => {
    const dir = rules('unsupported', '\tr := http.send({"method": "get", "url": "https://example.com"})\n\tr.status_code == 200\n\topa.runtime().env.X == "1"');
    const r = await runCli(['policy', 'build', dir, '-o', join(work, 'x.tar.gz'), '--opa', OPA]);
    expect(r.code).toBe(2);
    const file = join(dir, 'pipeline/acme_calls.rego');
    expect(r.stderr).toContain(`${file}:15: builtin http.send is not available to kiteguard rules`);
    expect(r.stderr).toContain(`${file}:17: opa.runtime`);
  });

  it('builds a rule that uses builtins native to Wasm and the one the SDK implements in JavaScript', async () => {
    const dir = rules('supported', '\tregex.match("^sudo", concat(" ", input.pipeline.steps[_].commands))\n\tcount(regex.split(" ", sprintf("%v", [input.now]))) > 0');
    const r = await runCli(['policy', 'build', dir, '-o', join(work, 'ok.tar.gz'), '--opa', OPA]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('commits the list scripts/capabilities.mjs generates from this opa and the SDK', () => {
    const out = join(work, 'caps.json');
    execFileSync('node', ['scripts/capabilities.mjs', OPA, out], { cwd: ROOT });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(ROOT, 'scripts/lib/wasm-capabilities.json'), 'utf8'));
    const names = (JSON.parse(readFileSync(out, 'utf8')) as { builtins: { name: string }[] }).builtins.map((b) => b.name);
    expect(names).toEqual(expect.arrayContaining(['sprintf', 'regex.split', 'regex.match', 'glob.match', 'rego.metadata.chain']));
    for (const absent of ['http.send', 'opa.runtime', 'time.now_ns', 'yaml.unmarshal']) expect(names).not.toContain(absent);
  });
});
