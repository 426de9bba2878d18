// `.kiteguard.yml`: finding it, reading it, and the errors that name the line.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, test } from 'vitest';
import { engineData, findConfig, loadConfig, rulesConfigForEngine } from '../src/config/load.js';
import { InputError } from '../src/errors.js';
import type { RuleInfo } from '../src/model/report.js';

function rule(id: string, knobs: RuleInfo['knobs'] = {}): RuleInfo {
  return {
    id,
    title: id,
    description: '',
    severity: 'medium',
    area: 8,
    target: 'pipeline',
    remediation: '',
    related: [],
    knobs,
    package: id.replace('/', '.'),
  };
}

const CATALOG: RuleInfo[] = [
  rule('pipeline/plugin_not_pinned', {
    require_sha: { default: false, description: '' },
    branch_names: { default: ['main'], description: '' },
  }),
  rule('pipeline/step_timeout_missing'),
  { ...rule('buildkite/audit_log_not_streamed'), target: 'organization', area: 9, attestable: true },
  rule('pipeline/step_timeout_excessive', {
    max_minutes: { default: 120, description: '' },
    exempt: { default: {}, description: '' },
    pattern: { default: 'x', description: '' },
  }),
];

describe('loadConfig', () => {
  const file = join(import.meta.dirname, 'fixtures/config/full.kiteguard.yml');
  const config = loadConfig(readFileSync(file, 'utf8'), 'full.kiteguard.yml', CATALOG);

  it('reads fail_on, rules and knobs', () => {
    expect(config.failOn).toBe('high');
    expect(config.rules).toEqual({
      'pipeline/plugin_not_pinned': { enabled: true, severity: 'critical', knobs: { require_sha: true, branch_names: ['main', 'master'] } },
      'pipeline/step_timeout_missing': { enabled: false, knobs: {} },
      'pipeline/step_timeout_excessive': { enabled: true, knobs: {} },
    });
  });

  it('reads waivers with where they are written; path defaults to every file', () => {
    expect(config.waivers).toEqual([
      {
        rule: 'pipeline/step_timeout_missing',
        path: '.buildkite/legacy/**',
        reason: 'legacy pipeline, replaced in Q1',
        owner: 'platform-security@example.com',
        expires: '2027-03-31',
        source: { file: 'full.kiteguard.yml', line: 11, column: 5 },
      },
      {
        rule: 'pipeline/plugin_not_pinned',
        path: '**',
        reason: 'everywhere',
        owner: 'a@example.com',
        expires: '2026-01-01',
        source: { file: 'full.kiteguard.yml', line: 16, column: 5 },
      },
    ]);
  });

  it('gives the engine only knob values', () => {
    expect(rulesConfigForEngine(config)).toEqual({ 'pipeline/plugin_not_pinned': { require_sha: true, branch_names: ['main', 'master'] } });
  });

  test.each([
    ['an empty file', ''],
    ['comments only', '# nothing yet\n'],
    ['empty sections', 'rules:\nwaivers:\n'],
  ])('accepts %s', (_name, text) => {
    expect(loadConfig(text, 'c.yml', CATALOG)).toEqual({ rules: {}, waivers: [], attestations: [] });
  });
});

describe('config errors', () => {
  const W = '  - rule: pipeline/step_timeout_missing\n    reason: r\n    owner: o\n';
  test.each([
    ['unknown top-level key', 'fail_on: high\nwaiver: []\n', 'c.yml:2:1: unknown key "waiver" in the config; did you mean "waivers"?; expected fail_on, rules, waivers, attestations, bundle, verification_key, verification_keys, bundle_scope, bundle_issuer, local_waivers'],
    ['not a mapping', '- rules\n', 'c.yml:1:1: expected the config to be a mapping, got a list'],
    ['bad fail_on', 'fail_on: severe\n', 'c.yml:1:10: expected fail_on to be one of low, medium, high, critical, got a string ("severe")'],
    ['unknown rule id', 'rules:\n  pipeline/plugin_not_pined: {enabled: false}\n', 'c.yml:2:3: unknown rule "pipeline/plugin_not_pined"; did you mean "pipeline/plugin_not_pinned"?'],
    ['rules not a mapping', 'rules: [a]\n', 'c.yml:1:8: expected rules to be a mapping, got a list'],
    [
      'unknown knob',
      'rules:\n  pipeline/plugin_not_pinned:\n    require_shaa: true\n',
      'c.yml:3:5: unknown knob "require_shaa" for rule pipeline/plugin_not_pinned; valid knobs: require_sha, branch_names (besides enabled and severity)',
    ],
    [
      'an inherited name as a knob',
      'rules:\n  pipeline/plugin_not_pinned:\n    constructor: 1\n',
      'c.yml:3:5: unknown knob "constructor" for rule pipeline/plugin_not_pinned; valid knobs: require_sha, branch_names (besides enabled and severity)',
    ],
    [
      'knob on a rule without knobs',
      'rules:\n  pipeline/step_timeout_missing:\n    max: 3\n',
      'c.yml:3:5: unknown knob "max" for rule pipeline/step_timeout_missing; this rule has no knobs (besides enabled and severity)',
    ],
    [
      'boolean knob given a string',
      'rules:\n  pipeline/plugin_not_pinned:\n    require_sha: "yes"\n',
      'c.yml:3:18: knob "require_sha" of pipeline/plugin_not_pinned expects a boolean (like its default false), got a string ("yes")',
    ],
    [
      'array knob given a string',
      'rules:\n  pipeline/plugin_not_pinned:\n    branch_names: main\n',
      'c.yml:3:19: knob "branch_names" of pipeline/plugin_not_pinned expects an array (like its default ["main"]), got a string ("main")',
    ],
    [
      'number knob given a string',
      'rules:\n  pipeline/step_timeout_excessive:\n    max_minutes: "60"\n',
      'c.yml:3:18: knob "max_minutes" of pipeline/step_timeout_excessive expects a number (like its default 120), got a string ("60")',
    ],
    [
      'object knob given a list',
      'rules:\n  pipeline/step_timeout_excessive:\n    exempt: [a]\n',
      'c.yml:3:13: knob "exempt" of pipeline/step_timeout_excessive expects an object (like its default {}), got a list',
    ],
    [
      'string knob given a number',
      'rules:\n  pipeline/step_timeout_excessive:\n    pattern: 3\n',
      'c.yml:3:14: knob "pattern" of pipeline/step_timeout_excessive expects a string (like its default "x"), got a number (3)',
    ],
    ['bad severity', 'rules:\n  pipeline/step_timeout_missing:\n    severity: urgent\n', 'c.yml:3:15: expected severity to be one of low, medium, high, critical, got a string ("urgent")'],
    ['bad enabled', 'rules:\n  pipeline/step_timeout_missing:\n    enabled: "no"\n', 'c.yml:3:14: expected enabled to be true or false, got a string ("no")'],
    ['waivers not a list', 'waivers: {}\n', 'c.yml:1:10: expected waivers to be a list, got a mapping'],
    ['waiver missing reason', 'waivers:\n  - rule: pipeline/step_timeout_missing\n    owner: o\n    expires: 2027-01-01\n', 'c.yml:2:5: waiver is missing reason; every waiver needs rule, reason, owner and expires'],
    ['waiver missing owner', 'waivers:\n  - rule: pipeline/step_timeout_missing\n    reason: r\n    expires: 2027-01-01\n', 'c.yml:2:5: waiver is missing owner; every waiver needs rule, reason, owner and expires'],
    ['waiver missing expires', `waivers:\n${W}`, 'c.yml:2:5: waiver is missing expires; every waiver needs rule, reason, owner and expires'],
    ['waiver with a bad date', `waivers:\n${W}    expires: 2027-02-30\n`, 'c.yml:5:14: expected expires to be a date YYYY-MM-DD, got "2027-02-30"'],
    ['waiver with a non-date', `waivers:\n${W}    expires: next year\n`, 'c.yml:5:14: expected expires to be a date YYYY-MM-DD, got "next year"'],
    ['waiver with an unknown key', `waivers:\n${W}    expires: 2027-01-01\n    ticket: SEC-1\n`, 'c.yml:6:5: unknown key "ticket" in a waiver; expected rule, path, reason, owner, expires'],
    ['waiver for an unknown rule', 'waivers:\n  - rule: pipeline/nope\n    reason: r\n    owner: o\n    expires: 2027-01-01\n', 'c.yml:2:11: unknown rule "pipeline/nope" in waiver; did you mean "pipeline/plugin_not_pinned"?'],
    ['waiver with a non-string path', `waivers:\n${W}    expires: 2027-01-01\n    path: [a]\n`, "c.yml:6:11: expected the waiver's path to be a string, got a list"],
    ['a waiver that is not a mapping', 'waivers:\n  - just a string\n', 'c.yml:2:5: expected a waiver to be a mapping, got a string ("just a string")'],
    ['several documents', 'rules: {}\n---\nwaivers: []\n', 'c.yml:3:1: expected one YAML document in the config, found several'],
    ['invalid YAML', 'rules:\n  a: [\n', 'c.yml:2:6: unclosed flow sequence; expected a closing `]`'],
    ['a duplicated key', 'rules: {}\nrules: {}\n', 'c.yml:2:1: duplicated mapping key; expected each key to appear once in a mapping'],
  ])('%s', (_name, text, message) => {
    let caught: unknown;
    try {
      loadConfig(text, 'c.yml', CATALOG);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as Error).message).toBe(message);
  });
});

describe('findConfig', () => {
  const root = mkdtempSync(join(tmpdir(), 'kg-config-'));
  const deep = join(root, 'a', 'b', 'c');
  mkdirSync(deep, { recursive: true });
  writeFileSync(join(root, '.kiteguard.yaml'), '');
  writeFileSync(join(root, 'a', '.kiteguard.yml'), '');

  test.each([
    ['the nearest one upward', deep, join(root, 'a', '.kiteguard.yml')],
    ['the .yaml spelling', root, join(root, '.kiteguard.yaml')],
  ])('finds %s', (_name, start, want) => {
    expect(findConfig(start)).toBe(want);
  });

  it('returns undefined when there is none up to the filesystem root', () => {
    const lone = mkdtempSync(join(tmpdir(), 'kg-none-'));
    const found = findConfig(lone);
    expect(found === undefined || !found.startsWith(lone)).toBe(true);
  });
});

describe('attestations', () => {
  const base = 'attestations:\n  - rule: buildkite/audit_log_not_streamed\n    evidence: https://siem.example.com/buildkite\n    attested_by: sec@example.com\n    expires: 2027-03-31\n';

  it('reads an attestation with its source line and hands it to the policies by rule id', () => {
    const config = loadConfig(`${base}    scope: buildkite:acme\n`, 'c.yml', CATALOG);
    expect(config.attestations).toEqual([
      {
        rule: 'buildkite/audit_log_not_streamed',
        evidence: 'https://siem.example.com/buildkite',
        attested_by: 'sec@example.com',
        expires: '2027-03-31',
        scope: 'buildkite:acme',
        source: { file: 'c.yml', line: 2, column: 5 },
      },
    ]);
    expect(engineData(config).config.attestations).toEqual({
      'buildkite/audit_log_not_streamed': [
        { evidence: 'https://siem.example.com/buildkite', attested_by: 'sec@example.com', expires: '2027-03-31', scope: 'buildkite:acme' },
      ],
    });
  });

  test.each([
    ['a rule decided from data', base.replace('buildkite/audit_log_not_streamed', 'pipeline/step_timeout_missing'), 'c.yml:2:11: rule "pipeline/step_timeout_missing" is decided from collected data and takes no attestation'],
    ['an unknown rule', base.replace('buildkite/audit_log_not_streamed', 'buildkite/audit_log_not_stream'), 'c.yml:2:11: unknown rule "buildkite/audit_log_not_stream" in attestation; did you mean "buildkite/audit_log_not_streamed"?'],
    ['no evidence', base.replace('    evidence: https://siem.example.com/buildkite\n', ''), 'c.yml:2:5: attestation is missing evidence'],
    ['a bad date', base.replace('2027-03-31', '2027-02-30'), 'c.yml:5:14: expected expires to be a date YYYY-MM-DD, got "2027-02-30"'],
    ['a bad scope', `${base}    scope: acme\n`, 'c.yml:6:12: expected scope to be github:ORG or buildkite:SLUG, got "acme"'],
    ['an unknown key', `${base}    owner: me\n`, 'c.yml:6:5: unknown key "owner" in an attestation'],
    ['not a list', 'attestations: yes\n', 'c.yml:1:15: expected attestations to be a list'],
  ])('rejects %s at its line', (_name, text, message) => {
    expect(() => loadConfig(text, 'c.yml', CATALOG)).toThrow(InputError);
    expect(() => loadConfig(text, 'c.yml', CATALOG)).toThrow(message);
  });
});
