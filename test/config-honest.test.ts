// Config mistakes that used to pass silently: invalid RE2 regexes in knobs, wrong shapes and non-finite numbers,
// several errors hiding behind the first, waivers tied to the current directory, stdin that could not be waived,
// and globs that backtrack or crash.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { loadCatalog } from '../src/engine/catalog.js';
import { InputError } from '../src/errors.js';
import { compileGlob, matchesGlob } from '../src/model/glob.js';
import { ROOT, runCli } from './helpers.js';

const CATALOG = loadCatalog();
const errorOf = (text: string): InputError => {
  try {
    loadConfig(text, '/repo/.kiteguard.yml', CATALOG);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected a config error');
};

describe('regex knobs are compiled with RE2, as the policies read them', () => {
  test.each([
    ['(unclosed', 'missing closing )'],
    ['[z-a]', 'invalid character class range'],
    ['\\\\1', 'invalid escape sequence'],
    ['(?=x)', 'invalid or unsupported Perl syntax'],
  ])('%s is a config error at its line and column', (pattern, why) => {
    const err = errorOf(`rules:\n  pipeline/hardcoded_secret:\n    name_patterns:\n      - TOKEN\n      - "${pattern}"\n`);
    expect(err.message).toMatch(/^\/repo\/\.kiteguard\.yml:5:9: knob "name_patterns" of pipeline\/hardcoded_secret: /);
    expect(err.message).toContain(why);
  });

  test('regexes inside a mapping of lists are checked too', () => {
    const err = errorOf('rules:\n  pipeline/tls_verification_disabled:\n    command_patterns:\n      curl: ["(bad"]\n');
    expect(err.message).toContain('.kiteguard.yml:4:14: knob "command_patterns" of pipeline/tls_verification_disabled ("curl")');
  });

  test('valid RE2 with (?i) and \\b is accepted', () => {
    expect(() => loadConfig('rules:\n  pipeline/hardcoded_secret:\n    name_patterns: ["(?i)\\\\btoken\\\\b"]\n', 'c.yml', CATALOG)).not.toThrow();
  });
});

describe('knob shapes and numbers', () => {
  test.each([
    ['.nan', 'expects a finite number, got NaN'],
    ['.inf', 'expects a finite number, got Infinity'],
    ['-5', 'expects a number of 0 or more'],
    ['90.5', 'expects a whole number'],
  ])('max_minutes: %s is rejected', (value, why) => {
    const err = errorOf(`rules:\n  pipeline/step_timeout_excessive:\n    max_minutes: ${value}\n`);
    expect(err.message).toContain('.kiteguard.yml:3:18:');
    expect(err.message).toContain(why);
  });

  test('a list of the wrong items names the item', () => {
    const err = errorOf('rules:\n  pipeline/plugin_not_pinned:\n    branch_names: [main, 7]\n');
    expect(err.message).toContain('.kiteguard.yml:3:26: knob "branch_names" of pipeline/plugin_not_pinned expects a list of strings, got a number (7) at item 2');
  });
});

test('every config error is reported at once, each at its line', () => {
  const err = errorOf(
    'fail_on: severe\nrulez: {}\nrules:\n  pipeline/nope: {}\n  pipeline/step_timeout_excessive:\n    max_minutes: .nan\nwaivers:\n  - rule: pipeline/step_timeout_missing\n    path: "[z-a]"\n    reason: r\n    owner: o\n    expires: 2030-01-01\n',
  );
  const lines = err.message.split('\n');
  expect(lines).toHaveLength(5);
  expect(lines.map((l) => l.split(': ')[0])).toEqual([
    '/repo/.kiteguard.yml:2:1',
    '/repo/.kiteguard.yml:1:10',
    '/repo/.kiteguard.yml:4:3',
    '/repo/.kiteguard.yml:6:18',
    '/repo/.kiteguard.yml:9:11',
  ]);
});

describe('waivers', () => {
  const repo = mkdtempSync(join(tmpdir(), 'kg-waive-'));
  mkdirSync(join(repo, '.buildkite'));
  mkdirSync(join(repo, 'sub'));
  const insecure = readFileSync(join(ROOT, 'fixtures/pipelines/insecure.yml'), 'utf8');
  writeFileSync(join(repo, '.buildkite', 'pipeline.yml'), insecure);
  writeFileSync(
    join(repo, '.kiteguard.yml'),
    'waivers:\n  - rule: pipeline/hardcoded_secret\n    path: ".buildkite/*.yml"\n    reason: rotating\n    owner: sec\n    expires: 2099-01-01\n',
  );

  test('paths are relative to the config file folder, so they apply when run from a subfolder', async () => {
    const top = await runCli(['check', '.buildkite/pipeline.yml', '-f', 'json'], { cwd: repo });
    const sub = await runCli(['check', '../.buildkite/pipeline.yml', '-f', 'json'], { cwd: join(repo, 'sub') });
    const waived = (out: string): number => JSON.parse(out).summary.findings.waived;
    expect(waived(top.stdout)).toBeGreaterThan(0);
    expect(waived(sub.stdout)).toBe(waived(top.stdout));
  });

  test('--stdin-filename names stdin for locations and waivers', async () => {
    const r = await runCli(['check', '-', '--stdin-filename', '.buildkite/pipeline.yml', '-f', 'json'], { cwd: repo, stdin: insecure });
    const doc = JSON.parse(r.stdout);
    expect(doc.targets).toEqual(['.buildkite/pipeline.yml']);
    expect(doc.summary.findings.waived).toBeGreaterThan(0);
    expect(doc.findings.every((f: { location: { file: string } }) => f.location.file === '.buildkite/pipeline.yml')).toBe(true);
  });

  test('an invalid glob is a config error at its line, not an internal error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-glob-'));
    writeFileSync(join(dir, 'p.yml'), 'steps:\n  - command: make\n');
    writeFileSync(join(dir, '.kiteguard.yml'), 'waivers:\n  - rule: pipeline/step_timeout_missing\n    path: "[z-a]*.yml"\n    reason: r\n    owner: o\n    expires: 2099-01-01\n');
    const r = await runCli(['check', 'p.yml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.kiteguard.yml:3:11: invalid glob "[z-a]*.yml": invalid character class range');
    expect(r.stderr).not.toContain('internal error');
  });
});

describe('globs match in linear time', () => {
  test('13 stars against a 40-character path that does not match takes milliseconds', () => {
    const glob = `${'*'.repeat(13)}x`;
    const started = Date.now();
    expect(matchesGlob('a'.repeat(40), glob)).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
  });

  test('alternatives, classes and ** still match as before', () => {
    const m = compileGlob('{ci,.buildkite}/**/[!_]*.y?ml');
    expect(m('.buildkite/a/b/deploy.yaml')).toBe(true);
    expect(m('ci/p.yaml')).toBe(true);
    expect(m('ci/p.yml')).toBe(false);
    expect(m('ci/_p.yaml')).toBe(false);
    expect(m('other/p.yaml')).toBe(false);
  });
});
