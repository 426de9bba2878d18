// kiteguard as a Buildkite plugin: plugin.yml declares its options with a schema the README example meets, and
// hooks/command runs `kiteguard check` on the step's files, annotates through `buildkite-agent` (a stub here)
// and fails the step the way `check` exits.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import AjvModule from 'ajv';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const Ajv = AjvModule.default ?? AjvModule;

const STUB_AGENT = `#!/bin/sh
: > "$STUB_OUT/args"
for a in "$@"; do printf '%s\\n' "$a" >> "$STUB_OUT/args"; done
cat > "$STUB_OUT/stdin"
`;

let out = '';
let path = '';

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'kiteguard-plugin-'));
  out = join(dir, 'out');
  mkdirSync(out);
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin', 'buildkite-agent'), STUB_AGENT);
  chmodSync(join(dir, 'bin', 'buildkite-agent'), 0o755);
  path = [join(dir, 'bin'), process.env.PATH ?? ''].join(delimiter);
});

function hook(options: Record<string, string>): { status: number | null; stdout: string } {
  const env: Record<string, string> = { PATH: path, HOME: process.env.HOME ?? '/tmp', BUILDKITE: 'true', STUB_OUT: out };
  for (const [k, v] of Object.entries(options)) env[`BUILDKITE_PLUGIN_KITEGUARD_${k}`] = v;
  const r = spawnSync('bash', [join(ROOT, 'hooks/command')], { cwd: ROOT, env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
}

describe('plugin.yml', () => {
  const plugin = load(readFileSync(join(ROOT, 'plugin.yml'), 'utf8')) as { name: string; configuration: object };

  it('declares its options with a schema that accepts the README example and rejects unknown options', () => {
    expect(plugin.name).toBe('kiteguard');
    const validate = new Ajv({ strict: false }).compile(plugin.configuration);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = /```yaml\n(steps:\n[^`]*?kiteguard#[^`]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const step = (load(example!) as { steps: Array<{ plugins: Array<Record<string, unknown>> }> }).steps[0]!;
    const options = Object.entries(step.plugins[0]!).find(([name]) => name.includes('kiteguard'))?.[1];
    expect(validate(options)).toBe(true);
    expect(validate({ 'fail-on': 'severe' })).toBe(false);
    expect(validate({ pathz: 'x' })).toBe(false);
  });
});

describe('hooks/command', () => {
  it('annotates the findings as an error and fails the step', () => {
    const r = hook({ PATHS_0: 'fixtures/pipelines/insecure.yml', FAIL_ON: 'high' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('--- :shield: kiteguard check fixtures/pipelines/insecure.yml --format buildkite --fail-on high');
    expect(readFileSync(join(out, 'args'), 'utf8')).toBe('annotate\n--style\nerror\n--context\nkiteguard\n');
    expect(readFileSync(join(out, 'stdin'), 'utf8')).toContain('pipeline/privileged_container');
  });

  it('passes a clean pipeline and reads a single path given as a string', () => {
    const r = hook({ PATHS: 'fixtures/pipelines/exemplary.yml' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('check fixtures/pipelines/exemplary.yml --format buildkite');
  });

  it('prints text instead of annotating when annotate is false, and passes fail-on and fail-on-unknown', () => {
    const r = hook({ PATHS_0: 'fixtures/pipelines/exemplary.yml', PATHS_1: 'fixtures/pipelines/insecure.yml', ANNOTATE: 'false', FAIL_ON: 'critical', FAIL_ON_UNKNOWN: 'true' });
    expect(r.stdout).toContain('check fixtures/pipelines/exemplary.yml fixtures/pipelines/insecure.yml --format text --fail-on critical --fail-on-unknown');
    expect(r.stdout).toMatch(/fixtures\/pipelines\/insecure\.yml:\d+:\d+ +critical/);
    expect(r.status).toBe(1);
  });
});

describe('hooks/command without a built kiteguard in the plugin checkout', () => {
  it("runs the plugin's own version of the package with npx", () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiteguard-plugin-npx-'));
    mkdirSync(join(dir, 'plugin/hooks'), { recursive: true });
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(ROOT, 'hooks/command'), join(dir, 'plugin/hooks/command'));
    copyFileSync(join(ROOT, 'package.json'), join(dir, 'plugin/package.json'));
    writeFileSync(join(dir, 'bin/npx'), '#!/bin/sh\nprintf "npx %s\\n" "$*"\n');
    chmodSync(join(dir, 'bin/npx'), 0o755);
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const env = { PATH: [join(dir, 'bin'), process.env.PATH ?? ''].join(delimiter), BUILDKITE_PLUGIN_KITEGUARD_PATHS: 'p.yml' };
    const r = spawnSync('bash', [join(dir, 'plugin/hooks/command')], { cwd: dir, env, encoding: 'utf8' });
    expect(r.stdout).toContain(`npx --yes kiteguard@${version} check p.yml --format buildkite`);
    const pinned = spawnSync('bash', [join(dir, 'plugin/hooks/command')], { cwd: dir, env: { ...env, BUILDKITE_PLUGIN_KITEGUARD_VERSION: '9.9.9', BUILDKITE_PLUGIN_KITEGUARD_PACKAGE: '@acme/kiteguard' }, encoding: 'utf8' });
    expect(pinned.stdout).toContain('npx --yes @acme/kiteguard@9.9.9 check p.yml');
  });
});
