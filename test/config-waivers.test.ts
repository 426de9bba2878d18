// Waiver matching (rule id, path glob, expiry) and the glob it uses.
import { describe, expect, it, test } from 'vitest';
import { matchesGlob } from '../src/model/glob.js';
import { applyWaivers } from '../src/engine/waivers.js';
import type { Finding, Waiver } from '../src/model/report.js';

function finding(ruleId: string, file: string): Finding {
  return { ruleId, severity: 'high', message: 'm', path: ['steps', 0], evidence: null, location: { file, line: 1, column: 1 } };
}

function waiver(rule: string, path: string, expires: string): Waiver {
  return { rule, path, reason: 'r', owner: 'o', expires, source: { file: '.kiteguard.yml', line: 3, column: 5 } };
}

describe('applyWaivers', () => {
  const TODAY = '2026-11-26';
  test.each([
    ['rule and path match', waiver('pipeline/a', '.buildkite/**', '2027-01-01'), finding('pipeline/a', '.buildkite/pipeline.yml'), true],
    ['expires today still applies', waiver('pipeline/a', '**', TODAY), finding('pipeline/a', 'x.yml'), true],
    ['expired yesterday does not apply', waiver('pipeline/a', '**', '2026-11-25'), finding('pipeline/a', 'x.yml'), false],
    ['another rule', waiver('pipeline/b', '**', '2027-01-01'), finding('pipeline/a', 'x.yml'), false],
    ['path outside the glob', waiver('pipeline/a', '.buildkite/legacy/**', '2027-01-01'), finding('pipeline/a', '.buildkite/pipeline.yml'), false],
    ['nested path under **', waiver('pipeline/a', '.buildkite/legacy/**', '2027-01-01'), finding('pipeline/a', '.buildkite/legacy/a/b.yml'), true],
    ['Windows separators and ./ in the file', waiver('pipeline/a', '.buildkite/*.yml', '2027-01-01'), finding('pipeline/a', '.\\.buildkite\\p.yml'), true],
    ['./ in the glob', waiver('pipeline/a', './ci/*.yml', '2027-01-01'), finding('pipeline/a', 'ci/p.yml'), true],
  ])('%s', (_name, w, f, waived) => {
    const result = applyWaivers([f], [w], TODAY);
    expect(result.findings[0]?.waiver).toEqual(waived ? w : undefined);
  });

  it('reports expired waivers and keeps findings otherwise untouched', () => {
    const old = waiver('pipeline/a', '**', '2020-01-01');
    const live = waiver('pipeline/b', '**', '2030-01-01');
    const f = [finding('pipeline/a', 'p.yml'), finding('pipeline/b', 'p.yml')];
    const result = applyWaivers(f, [old, live], TODAY);
    expect(result.expired).toEqual([old]);
    expect(result.findings[0]).toBe(f[0]);
    expect(result.findings[1]).toEqual({ ...f[1], waiver: live });
    expect(result.findings[1]?.location).toBe(f[1]?.location);
  });

  it('uses the first matching waiver', () => {
    const a = waiver('pipeline/a', '**', '2030-01-01');
    const b = waiver('pipeline/a', '*.yml', '2030-01-01');
    expect(applyWaivers([finding('pipeline/a', 'p.yml')], [a, b], TODAY).findings[0]?.waiver).toBe(a);
  });
});

describe('glob', () => {
  test.each([
    ['p.yml', '*.yml', true],
    ['a/p.yml', '*.yml', false],
    ['a/p.yml', '**/*.yml', true],
    ['p.yml', '**/*.yml', true],
    ['a/b/c/p.yml', 'a/**/p.yml', true],
    ['a/p.yml', 'a/**/p.yml', true],
    ['a/p.yml', 'a/p.y?ml', false],
    ['a/p.yaml', 'a/p.ya?l', true],
    ['a/x/p.yml', 'a/?/p.yml', true],
    ['a/xy/p.yml', 'a/?/p.yml', false],
    ['p.yml', 'p.{yml,yaml}', true],
    ['p.yaml', 'p.{yml,yaml}', true],
    ['p1.yml', 'p[0-9].yml', true],
    ['pa.yml', 'p[!0-9].yml', true],
    ['p+(x).yml', 'p+(x).yml', true],
    ['pxyml', 'p.yml', false],
    ['.buildkite/a.yml', '.buildkite/**', true],
    ['.buildkite', '.buildkite/**', false],
  ])('%s ~ %s → %s', (path, glob, want) => {
    expect(matchesGlob(path, glob)).toBe(want);
  });
});
