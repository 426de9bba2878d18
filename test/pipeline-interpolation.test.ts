// Upload-time interpolation in typed fields: `buildkite-agent pipeline upload` substitutes variables
// before Buildkite reads a field's type, so `${VAR}` is accepted wherever a number or boolean goes.
import { describe, expect, test } from 'vitest';
import { InputError } from '../src/errors.js';
import { hasVariable } from '../src/pipeline/interpolation.js';
import { loadPipeline } from '../src/pipeline/load.js';
import { runCli } from './helpers.js';

const step0 = (fields: string): unknown => loadPipeline(`steps:\n  - command: make\n${fields}`, 'p.yml').pipeline.steps[0];

describe('typed fields written as upload-time variables', () => {
  test.each([
    ['timeout `${VAR?}`', '    timeout_in_minutes: ${TIMEOUT?}\n', { timeout_in_minutes: null, interpolated: { timeout_in_minutes: '${TIMEOUT?}' }, extra: {} }],
    ['timeout `$VAR`', '    timeout_in_minutes: $TIMEOUT\n', { timeout_in_minutes: null, interpolated: { timeout_in_minutes: '$TIMEOUT' } }],
    ['timeout with a default', '    timeout_in_minutes: ${TIMEOUT:-30}\n', { timeout_in_minutes: 30, interpolated: {} }],
    ['timeout with a default for unset only', '    timeout_in_minutes: "${TIMEOUT-45}"\n', { timeout_in_minutes: 45, interpolated: {} }],
    ['soft_fail `${VAR?}`', '    soft_fail: ${ALLOW_FAIL?}\n', { soft_fail: false, interpolated: { soft_fail: '${ALLOW_FAIL?}' } }],
    ['soft_fail with a default', '    soft_fail: ${ALLOW_FAIL:-true}\n', { soft_fail: true, interpolated: {} }],
    ['parallelism `${VAR}`', '    parallelism: ${N}\n', { interpolated: { parallelism: '${N}' }, extra: { parallelism: '${N}' } }],
    ['parallelism with a default', '    parallelism: ${N:-4}\n', { interpolated: {}, extra: { parallelism: 4 } }],
    ['a boolean with a default', '    cancel_on_build_failing: ${CANCEL:-false}\n', { extra: { cancel_on_build_failing: false } }],
    ['a default that is itself a variable', '    timeout_in_minutes: ${A:-$B}\n', { timeout_in_minutes: null, interpolated: { timeout_in_minutes: '${A:-$B}' } }],
    ['a string field is no typed field', '    label: ${LABEL}\n', { label: '${LABEL}', interpolated: {} }],
  ])('%s', (_name, fields, want) => {
    expect(step0(fields)).toMatchObject(want);
  });

  test('an escaped dollar is no variable: the field is still checked', () => {
    expect(() => step0('    soft_fail: $$ALLOW\n')).toThrow(InputError);
    expect(hasVariable('$$ALLOW')).toBe(false);
    expect(hasVariable('a$$b ${C}')).toBe(true);
  });

  test('a finding on an interpolated field is located at the field', () => {
    const loaded = loadPipeline('steps:\n  - command: make\n    timeout_in_minutes: ${T}\n', 'p.yml');
    expect(loaded.locate(['steps', 0, 'interpolated', 'timeout_in_minutes'])).toEqual({ line: 3, column: 5 });
  });

  test('check: a timeout set at upload time is unknown, not missing', async () => {
    const stdin = 'steps:\n  - command: make\n    timeout_in_minutes: ${TIMEOUT?}\n    soft_fail: ${ALLOW_FAIL?}\n';
    const r = await runCli(['check', '-', '--format', 'json'], { stdin });
    const doc = JSON.parse(r.stdout) as { outcomes: Array<{ ruleId: string; outcome: string }> };
    expect(doc.outcomes.find((o) => o.ruleId === 'pipeline/step_timeout_missing')?.outcome).toBe('unknown');
  });
});
