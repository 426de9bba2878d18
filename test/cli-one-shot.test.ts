// The one-shot CLI (`check` and `check-agent` only, bundled as dist/kiteguard-check.cjs) answers as the full CLI does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/one-shot.js';
import { ROOT, runCli, type CliRun } from './helpers.js';

const PIPELINES = join(ROOT, 'fixtures/pipelines');

async function runOneShot(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => '', cwd: ROOT, env: {}, stdoutIsTTY: false });
  return { code, stdout, stderr };
}

// `check` stamps the time of the run into its reports.
const untimed = (r: CliRun): CliRun => ({ ...r, stdout: r.stdout.replace(/"generatedAt": ?"[^"]*"/g, '"generatedAt":"-"') });
// The built binary carries the package's version, the sources a development one.
const unversioned = (r: CliRun): CliRun => ({ ...r, stdout: r.stdout.replace(/("name": "kiteguard",\s*"version": )"[^"]*"/, '$1"-"') });

const CASES: string[][] = [
  ['check', join(PIPELINES, 'insecure.yml')],
  ['check', join(PIPELINES, 'exemplary.yml'), join(PIPELINES, 'insecure.yml'), '--format', 'json'],
  ['check', PIPELINES, '--format', 'sarif', '--fail-on', 'critical'],
  ['check', join(PIPELINES, 'missing.yml')],
  ['check', '--no-such-flag'],
  ['check', '--help'],
  ['check-agent', join(ROOT, 'fixtures/agent/config'), '--format', 'json'],
  ['check-agent', '--help'],
];

// A pipeline file above the one-shot size (256 KiB), in a folder of its own: checked with V8's default compilers.
function largePipeline(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kiteguard-one-shot-')), 'pipeline.yml');
  const steps = Array.from({ length: 1200 }, (_, i) => `  - label: "step ${i} ${'x'.repeat(180)}"\n    command: make test SHARD=${i}\n`);
  writeFileSync(file, `steps:\n${steps.join('')}`);
  return file;
}

describe('the one-shot CLI', () => {
  it.each(CASES)('%s %s … answers as the full CLI', async (...args) => {
    expect(untimed(await runOneShot(args))).toEqual(untimed(await runCli(args)));
  });

  it.each([
    ['one named file (baseline Wasm compiler)', [join(PIPELINES, 'insecure.yml')]],
    ['a folder (optimizing compiler)', [PIPELINES]],
    ['one large named file (optimizing compiler)', [largePipeline()]],
  ])('through the built binary on %s: the same report as in-process', async (_name, paths) => {
    const args = ['check', ...paths, '--format', 'json'];
    const bin = spawnSync(process.execPath, [join(ROOT, 'bin/kiteguard.js'), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20 });
    const inProcess = unversioned(untimed(await runCli(args)));
    expect(unversioned(untimed({ code: bin.status ?? -1, stdout: bin.stdout, stderr: bin.stderr }))).toEqual(inProcess);
  });
});
