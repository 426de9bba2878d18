// Installation paths users take: the pre-commit framework's hook, and `npx kiteguard` from a tarball.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
const INSECURE = join(ROOT, 'fixtures/pipelines/insecure.yml');
const EXEMPLARY = join(ROOT, 'fixtures/pipelines/exemplary.yml');

describe('pre-commit hook', () => {
  it.skipIf(!hasPreCommit && !process.env.CI)('runs kiteguard check on changed pipeline files through the real pre-commit', () => {
    const repo = mkdtempSync(join(tmpdir(), 'kg-precommit-'));
    mkdirSync(join(repo, '.buildkite'));
    copyFileSync(INSECURE, join(repo, '.buildkite/pipeline.yml'));
    copyFileSync(EXEMPLARY, join(repo, '.buildkite/release.yml'));
    execFileSync('git', ['init', '-q'], { cwd: repo });
    execFileSync('git', ['add', '-A'], { cwd: repo });
    const env = { ...process.env, PRE_COMMIT_HOME: join(repo, '.pre-commit-home') };
    const tryRepo = (file: string) =>
      spawnSync('pre-commit', ['try-repo', ROOT, 'kiteguard', '--files', file], { cwd: repo, env, encoding: 'utf8', timeout: 600_000 });

    const bad = tryRepo('.buildkite/pipeline.yml');
    expect(bad.stdout).toContain('.buildkite/pipeline.yml:11:7');
    expect(bad.status).toBe(1);
    const good = tryRepo('.buildkite/release.yml');
    expect(good.stdout).toMatch(/kiteguard check.*Passed/);
    expect(good.status).toBe(0);
  }, 900_000);
});

describe('npm package', () => {
  it('works as `npx kiteguard` after installing the packed tarball', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-pack-'));
    execFileSync('npm', ['pack', '--pack-destination', dir, '--ignore-scripts'], { cwd: ROOT, stdio: 'ignore' });
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    const prefix = join(dir, 'install');
    execFileSync('npm', ['install', '--prefix', prefix, '--no-fund', '--no-audit', join(dir, tarball)], { stdio: 'ignore' });
    const run = spawnSync('npx', ['--prefix', prefix, '--no-install', 'kiteguard', 'check', EXEMPLARY], { encoding: 'utf8', cwd: dir });
    expect(run.stdout).toContain('No problems found');
    expect(run.status).toBe(0);
  }, 300_000);
});
