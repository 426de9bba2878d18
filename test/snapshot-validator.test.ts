// The snapshot validator the build generates (ajv standalone) is current, and accepts and rejects
// what ajv compiling the schemas at run time does, with the same first problem.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotAjv, snapshotSchema, snapshotValidatorSource, VALIDATOR_FILE } from '../scripts/lib/snapshot-validator.mjs';
import { schemaProblem } from '../src/snapshot/schema-problem.js';
import { snapshotProblems } from '../src/snapshot/validate.js';
import { ROOT } from './helpers.js';

const estate = JSON.parse(readFileSync(join(ROOT, 'fixtures/estate/snapshot.json'), 'utf8')) as Record<string, unknown>;
const compiled = snapshotAjv().compile(snapshotSchema());

/** The problems ajv compiling the schemas now finds, as snapshotProblems reports them. */
function compiledProblems(value: unknown) {
  return compiled(value) ? [] : (compiled.errors ?? []).slice(0, 5).map(schemaProblem);
}

/** Every place in a document (paths of keys and indices), parents before children. */
function places(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [at];
  const children = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [at, ...children.flatMap(([key, child]) => places(child, [...at, key]))];
}

/** A copy of the document with the value at `path` replaced (undefined: removed). */
function changed(doc: unknown, path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, copy);
  const last = path[path.length - 1]!;
  if (value === undefined && Array.isArray(parent)) parent.splice(last as number, 1);
  else if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

describe('the generated snapshot validator', () => {
  it('is what the schemas generate now (run make after changing a schema)', () => {
    expect(readFileSync(VALIDATOR_FILE, 'utf8')).toBe(snapshotValidatorSource());
  });

  it('accepts the example estate', () => {
    expect(compiledProblems(estate)).toEqual([]);
    expect(snapshotProblems(estate)).toEqual([]);
  });

  it('finds the problems ajv compiling the schemas finds, for every value of the example estate removed, retyped or replaced', () => {
    const paths = places(estate).filter((p) => p.length > 0 && p[0] !== 'schemaVersion');
    let rejected = 0;
    paths.forEach((path, i) => {
      // Each place once: removed, a number, a string that is not a date, null, or an unexpected property beside it.
      const replacement = [undefined, 7, 'not-a-date', null, { unexpected: true }][i % 5];
      const doc = changed(estate, path, replacement);
      const problems = snapshotProblems(doc);
      expect(problems, path.join('/')).toEqual(compiledProblems(doc));
      if (problems.length > 0) rejected++;
    });
    expect(paths.length).toBeGreaterThan(500);
    expect(rejected).toBeGreaterThan(paths.length / 4);
  });
});
