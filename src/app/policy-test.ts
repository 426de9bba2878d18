// `kiteguard policy test`: `opa test` over an organization's rules and their tests, with kiteguard's Rego
// library (`lib/`, including its test builders) beside them.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyRego } from '../../scripts/lib/compile-policies.mjs';
import { UsageError } from '../errors.js';
import type { Output } from './output.js';
import { kiteguardPolicies } from './policy-sources.js';

/** What one test run needs. */
export interface PolicyTestRequest {
  opa: string;
  dir: string;
  /** How the folder is named in the printed results (as the user gave it). */
  label?: string;
  verbose?: boolean;
  coverage?: boolean;
}

/** Runs the tests, printing opa's report; returns whether every test passed. */
export function testPolicies(req: PolicyTestRequest, output: Output): boolean {
  if (!existsSync(req.dir) || !statSync(req.dir).isDirectory()) throw new UsageError(`${req.dir} is not a folder of Rego rules`);
  const work = mkdtempSync(join(tmpdir(), 'kiteguard-test-'));
  try {
    const lib = join(kiteguardPolicies(), 'lib');
    copyRego(lib, join(work, 'lib'), false);
    // The test builders (`lib.testing`, `lib.github_testing`) hold no tests of their own.
    for (const name of readdirSync(lib).filter((n) => n.endsWith('testing_test.rego'))) cpSync(join(lib, name), join(work, 'lib', name));
    copyRego(req.dir, join(work, 'org'), true);
    const args = ['test', '.', ...(req.verbose ? ['-v'] : []), ...(req.coverage ? ['--coverage', '--format', 'json'] : [])];
    const r = spawnSync(req.opa, args, { cwd: work, maxBuffer: 256 << 20 });
    if (r.error) throw new UsageError(`cannot run ${req.opa}: ${r.error.message}`);
    const text = (r.stdout.toString() + r.stderr.toString()).replaceAll(`${work}/`, '').replace(/(^|[\s"])(\.\/)?org\//gm, `$1${req.label ?? req.dir}/`);
    output.stdout(text.endsWith('\n') || !text ? text : `${text}\n`);
    return r.status === 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
