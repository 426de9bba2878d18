// Installation paths users take: the pre-commit framework's hook (built from source, and the mirror that needs
// only Node), and `npx kiteguard` from a tarball.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
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
    // npm's cache apart too: npm leaves the clone it builds a git dependency in (half a GB) in its cache's tmp folder.
    const env = { ...process.env, PRE_COMMIT_HOME: join(repo, '.pre-commit-home'), npm_config_cache: join(repo, '.npm-cache') };
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

let packed: string | undefined;

/** The kiteguard package as `npm pack` makes it for a release (packed once per run). */
function packedTarball(): string {
  if (packed === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'kg-pack-'));
    execFileSync('npm', ['pack', '--pack-destination', dir, '--ignore-scripts'], { cwd: ROOT, stdio: 'ignore' });
    packed = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))!);
  }
  return packed;
}

/** A PATH holding only pre-commit, Node, npm and git (and the system's /bin), so no Go from the build machine. */
function nodeOnlyPath(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const tool of ['pre-commit', 'node', 'npm', 'npx', 'git']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    if (found) symlinkSync(found, join(bin, tool));
  }
  return `${bin}:/bin`;
}

describe('pre-commit mirror', () => {
  it('pins the kiteguard version of this package', () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(readFileSync(join(ROOT, 'pre-commit-mirror/.pre-commit-hooks.yaml'), 'utf8')).toContain(`additional_dependencies: ['kiteguard@${version}']`);
  });

  it.skipIf(!hasPreCommit && !process.env.CI)('runs kiteguard check through the real pre-commit with only Node on PATH', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-mirror-'));
    const mirror = join(dir, 'mirror');
    mkdirSync(mirror);
    const hooks = readFileSync(join(ROOT, 'pre-commit-mirror/.pre-commit-hooks.yaml'), 'utf8');
    // The released package stands in for the registry: the same files `npm publish` would upload.
    writeFileSync(join(mirror, '.pre-commit-hooks.yaml'), hooks.replace(/'kiteguard@[^']+'/, `'${packedTarball()}'`));
    copyFileSync(join(ROOT, 'pre-commit-mirror/package.json'), join(mirror, 'package.json'));
    const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=k', '-c', 'user.email=k@example.com', ...args], { cwd, stdio: 'ignore' });
    git(mirror, 'init', '-q');
    git(mirror, 'add', '-A');
    git(mirror, 'commit', '-q', '-m', 'mirror');

    const repo = join(dir, 'repo');
    mkdirSync(join(repo, '.buildkite'), { recursive: true });
    copyFileSync(INSECURE, join(repo, '.buildkite/pipeline.yml'));
    git(repo, 'init', '-q');
    git(repo, 'add', '-A');
    // HOME apart from the tools: pre-commit uses the system Node only when node and npm live outside HOME.
    mkdirSync(join(dir, 'home'));
    const env = { HOME: join(dir, 'home'), PATH: nodeOnlyPath(dir), PRE_COMMIT_HOME: join(dir, '.pre-commit-home') };
    expect(spawnSync('sh', ['-c', 'command -v go'], { env }).status).not.toBe(0);
    const r = spawnSync('pre-commit', ['try-repo', mirror, 'kiteguard', '--files', '.buildkite/pipeline.yml'], { cwd: repo, env, encoding: 'utf8', timeout: 600_000 });
    expect(r.stdout).toContain('.buildkite/pipeline.yml:11:7');
    expect(r.status).toBe(1);
  }, 900_000);
});

describe('npm package', () => {
  it('works as `npx kiteguard` after installing the packed tarball', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-pack-'));
    const prefix = join(dir, 'install');
    execFileSync('npm', ['install', '--prefix', prefix, '--no-fund', '--no-audit', packedTarball()], { stdio: 'ignore' });
    const run = spawnSync('npx', ['--prefix', prefix, '--no-install', 'kiteguard', 'check', EXEMPLARY], { encoding: 'utf8', cwd: dir });
    expect(run.stdout).toContain('No problems found');
    expect(run.status).toBe(0);
  }, 300_000);
});
