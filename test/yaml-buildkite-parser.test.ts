// kiteguard reads YAML as Buildkite does: every corpus pipeline, every Buildkite schema example, the bundled
// fixtures and a set of edge cases give the same value through kiteguard's loader as through Buildkite's own
// parser (github.com/buildkite/go-pipeline on go-yaml v3, built from scripts/buildkite-yaml with the Go toolchain
// the build already needs), and a file Buildkite cannot read is an input error here too.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { InputError } from '../src/errors.js';
import { loadYaml } from '../src/yaml/index.js';
import { CORPUS, ROOT, yamlFiles } from './helpers.js';

const DIRS = [
  CORPUS,
  resolve(ROOT, '../shared/data/buildkite-valid-pipelines'),
  resolve(ROOT, 'fixtures/pipelines'),
];

/** Edge cases where YAML readers differ; each is compared with Buildkite's reading. */
const CASES: Record<string, string> = {
  'closing-quote-at-column-0.yml': "steps:\n- commands:\n  - 'make;\n     grep x;\n'\n- wait: ~\n",
  'under-indented-double-quote.yml': 'steps:\n  - command: "echo\n  hi"\n',
  'under-indented-flow.yml': 'env: {A: 1,\nB: 2}\nsteps: [{command: x,\ncommand: y}]\n',
  'repeated-key.yml': 'steps:\n  - command: a\n    command: b\n',
  'integers.yml': 'a: 0755\nb: 0o17\nc: 0x1F\nd: 0b101\ne: 1_000\nf: +12\ng: -7\nh: 08\ni: 1.5e3\nj: "0755"\n',
  'booleans-and-nulls.yml': 'a: yes\nb: on\nc: TRUE\nd: False\ne: ~\nf: Null\ng:\nh: off\n',
  'merges.yml': 'x: &a {p: 1}\ny: &b {q: 2}\nz:\n  <<: *a\n  <<: *b\n  r: 3\nw:\n  <<: [*a, *b]\n  p: 9\n',
  'block-scalars.yml': 'a: |\n  one\n  two\nb: >-\n  folded\n  text\n\nc: |+\n  keep\n\n',
  'unclosed-quote.yml': 'steps:\n  - label: "abc\n  - command: x\n',
  'tab-indent.yml': 'steps:\n\t- command: a\n',
};


/** The same value with every mapping's keys sorted (Buildkite's side prints them sorted). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

const caseDir = mkdtempSync(join(tmpdir(), 'kiteguard-yaml-'));
const files = [...DIRS.flatMap(yamlFiles), ...Object.entries(CASES).map(([name, text]) => (writeFileSync(join(caseDir, name), text), join(caseDir, name)))];
const buildkite = new Map<string, { ok: boolean; value: string }>();

beforeAll(() => {
  const bin = join(ROOT, 'build/buildkite-yaml');
  execFileSync('go', ['build', '-o', bin, '.'], { cwd: join(ROOT, 'scripts/buildkite-yaml'), stdio: 'inherit' });
  const out = execFileSync(bin, files, { maxBuffer: 256 * 1024 * 1024 }).toString();
  for (const line of out.split('\n').filter(Boolean)) {
    const [file = '', status, value = ''] = line.split('\t');
    buildkite.set(file, { ok: status === 'OK', value });
  }
}, 300_000);

describe('the same YAML reading as Buildkite', () => {
  test.each(files.map((f) => [relative(resolve(ROOT, '..'), f).replace(caseDir, 'case'), f]))('%s', (_name, file) => {
    const theirs = buildkite.get(file);
    expect(theirs).toBeDefined();
    const read = (): unknown => loadYaml(readFileSync(file, 'utf8'), file, {}, { repeatedKeysReplace: true }).documents[0]?.value ?? null;
    if (theirs?.ok) expect(canonical(read())).toEqual(canonical(JSON.parse(theirs.value)));
    else expect(read).toThrow(InputError);
  });
});
