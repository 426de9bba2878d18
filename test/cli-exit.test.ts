// The one exit-code module: every command's result maps to its code in one place.
import { describe, expect, it } from 'vitest';
import { EXIT, exitCode, type CommandResult } from '../src/cli/exit.js';
import type { Drift, Report } from '../src/model/report.js';
import { CLEAN, MIXED } from './fixtures/report/reports.js';

const withUnknown: Report = {
  ...CLEAN,
  outcomes: [...CLEAN.outcomes, { ruleId: 'pipeline/x', target: 'a.yml', outcome: 'unknown', findings: [], reason: 'not visible' }],
};
const noDrift: Drift = { baselineGeneratedAt: '2026-01-01T00:00:00Z', newFailures: [], resolvedFailures: [], newlyUnknown: [], expiredWaivers: [], settingChanges: [] };

const CASES: Array<[string, CommandResult, number]> = [
  ['a clean report', { kind: 'report', report: CLEAN, failOnUnknown: false }, EXIT.ok],
  ['blocking findings', { kind: 'report', report: MIXED, failOnUnknown: false }, EXIT.findings],
  ['an unknown outcome without --fail-on-unknown', { kind: 'report', report: withUnknown, failOnUnknown: false }, EXIT.ok],
  ['an unknown outcome with --fail-on-unknown', { kind: 'report', report: withUnknown, failOnUnknown: true }, EXIT.findings],
  ['inputs that could not be read', { kind: 'report', report: CLEAN, failOnUnknown: false, unreadableInputs: 1 }, EXIT.usage],
  ['a complete collection', { kind: 'collection', incomplete: [] }, EXIT.ok],
  ['an incomplete collection', { kind: 'collection', incomplete: ['github.teams'] }, EXIT.incomplete],
  ['no new failures', { kind: 'drift', drift: noDrift }, EXIT.ok],
  ['a blast radius that matched', { kind: 'blast-radius', matched: true }, EXIT.ok],
  ['a blast radius that matched nothing', { kind: 'blast-radius', matched: false }, EXIT.findings],
  ['an error', { kind: 'error' }, EXIT.usage],
];

describe('exitCode', () => {
  it.each(CASES)('%s', (_name, result, code) => {
    expect(exitCode(result)).toBe(code);
  });
});
