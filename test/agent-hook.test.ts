// The documented pre-command hook (docs/hooks/pre-command) in a stub agent environment: a checkout,
// BUILDKITE_COMMAND as the agent sets it, and a `buildkite-agent` stub on PATH that records annotations.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const HOOK = join(ROOT, 'docs/hooks/pre-command');

/** A checkout with the given pipeline file (and `also`: more files, path → fixture) and a stub agent; runs the hook for one job command. */
function runHook(command: string, pipeline: string | undefined, file = '.buildkite/pipeline.yml', env: Record<string, string> = {}, also: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kiteguard-hook-'));
  const bin = join(dir, 'stub-bin');
  mkdirSync(bin);
  mkdirSync(join(dir, 'checkout', '.buildkite'), { recursive: true });
  for (const [path, fixture] of Object.entries({ ...(pipeline ? { [file]: pipeline } : {}), ...also })) {
    mkdirSync(dirname(join(dir, 'checkout', path)), { recursive: true });
    copyFileSync(join(ROOT, fixture), join(dir, 'checkout', path));
  }
  const annotations = join(dir, 'annotations.log');
  writeFileSync(join(bin, 'buildkite-agent'), `#!/bin/sh\necho "$@" >> '${annotations}'\ncat >> '${annotations}'\n`);
  chmodSync(join(bin, 'buildkite-agent'), 0o755);
  const r = spawnSync('bash', [HOOK], {
    cwd: join(dir, 'checkout'),
    env: { PATH: `${bin}:${process.env.PATH}`, BUILDKITE: 'true', BUILDKITE_COMMAND: command, KITEGUARD: `${process.execPath} ${join(ROOT, 'bin/kiteguard.js')}`, ...env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, annotations: existsSync(annotations) ? readFileSync(annotations, 'utf8') : '' };
}

describe('the kiteguard pre-command hook', () => {
  it('fails an upload of a pipeline with blocking findings and annotates the build', () => {
    const r = runHook('buildkite-agent pipeline upload', 'fixtures/pipelines/insecure.yml');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('kiteguard check .buildkite/pipeline.yml');
    expect(r.annotations).toContain('annotate');
    expect(r.annotations).toContain('--context kiteguard');
  });

  it('lets an upload of a clean pipeline run', () => {
    const r = runHook('buildkite-agent pipeline upload .buildkite/release.yml', 'fixtures/pipelines/exemplary.yml', '.buildkite/release.yml');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kiteguard check .buildkite/release.yml');
  });

  it('checks the file the agent uploads by default: buildkite.yml before .buildkite/pipeline.yml', () => {
    const r = runHook('buildkite-agent pipeline upload', 'fixtures/pipelines/exemplary.yml', '.buildkite/pipeline.yml', {}, { 'buildkite.yml': 'fixtures/pipelines/insecure.yml' });
    expect(r.stdout).toContain('kiteguard check buildkite.yml');
    expect(r.code).toBe(1);
  });

  it('checks buildkite/pipeline.yml, the last place the agent looks', () => {
    const r = runHook('buildkite-agent pipeline upload', 'fixtures/pipelines/insecure.yml', 'buildkite/pipeline.yml');
    expect(r.stdout).toContain('kiteguard check buildkite/pipeline.yml');
    expect(r.code).toBe(1);
  });

  it('leaves other jobs alone', () => {
    const r = runHook('make test', 'fixtures/pipelines/insecure.yml');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('says so and lets the job run when the pipeline is piped into the upload', () => {
    const r = runHook('./generate | buildkite-agent pipeline upload', 'fixtures/pipelines/insecure.yml');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('piped to the upload');
  });

  it('passes KITEGUARD_CONFIG as --config', () => {
    const r = runHook('buildkite-agent pipeline upload', 'fixtures/pipelines/exemplary.yml', '.buildkite/pipeline.yml', { KITEGUARD_CONFIG: '/nonexistent/kiteguard.yml' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/nonexistent/kiteguard.yml');
  });
});
