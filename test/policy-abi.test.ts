// A bundle's policy.wasm is used only when the SDK supports the OPA Wasm ABI it declares: a module whose
// `opa_wasm_abi_version` / `opa_wasm_abi_minor_version` globals were changed, then signed again with the real
// `opa sign`, is refused with exit 2; a changed module that was not signed again fails the signature first.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WASM_CAPABILITIES } from '../scripts/lib/compile-policies.mjs';
import { readAbiGlobals, SUPPORTED_ABI } from '../src/engine/wasm-abi.js';
import { dataPages } from '../src/engine/wasm-data.js';
import { ecKeyFiles, OPA, ROOT, runCli } from './helpers.js';

const { loadPolicySync } = createRequire(import.meta.url)('@open-policy-agent/opa-wasm') as { loadPolicySync: (wasm: Uint8Array, memory?: { initial: number }) => unknown };
const work = mkdtempSync(join(tmpdir(), 'kiteguard-abi-'));
const { key: KEY, pub: PUB } = ecKeyFiles(work);
const BUNDLE = join(work, 'org.tar.gz');
const PIPELINE = join(ROOT, 'examples/org-policy/example-pipeline.yml');

beforeAll(async () => {
  const r = await runCli(['policy', 'build', join(ROOT, 'examples/org-policy'), '-o', BUNDLE, '--signing-key', KEY, '--opa', OPA]);
  expect(r.code, r.stderr).toBe(0);
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The bundle extracted, its policy.wasm's ABI global `which` set to `value` (same encoded length), signed again unless told. */
function patched(name: string, which: 'version' | 'minor', value: number, resign = true): string {
  const dir = join(work, name);
  mkdirSync(dir);
  execFileSync('tar', ['-xzf', BUNDLE, '-C', dir]);
  const wasm = readFileSync(join(dir, 'policy.wasm'));
  const global = readAbiGlobals(wasm)[which];
  expect(global?.length).toBe(1);
  wasm[global!.offset] = value;
  writeFileSync(join(dir, 'policy.wasm'), wasm);
  if (resign) {
    rmSync(join(dir, '.signatures.json'));
    execFileSync(OPA, ['sign', '--signing-key', KEY, '--signing-alg', 'ES256', '--bundle', '.'], { cwd: dir });
  }
  return dir;
}

const check = (bundle: string) => runCli(['check', PIPELINE, '--bundle', bundle, '--verification-key', PUB]);

describe('the OPA Wasm ABI of a bundle', () => {
  it('reads the ABI the pinned OPA compiles to, which the SDK supports and the capabilities list', () => {
    const abi = readAbiGlobals(readFileSync(join(ROOT, 'dist/policy.wasm')));
    expect(SUPPORTED_ABI).toContainEqual({ version: abi.version?.value, minor_version: abi.minor?.value });
    expect(SUPPORTED_ABI).toEqual(expect.arrayContaining(WASM_CAPABILITIES.wasm_abi_versions));
  });

  it('refuses a re-signed module declaring ABI major version 2, which the SDK would not load either', async () => {
    const dir = patched('major', 'version', 2);
    const wasm = readFileSync(join(dir, 'policy.wasm'));
    // With the memory its data needs, as the engine gives it (wasm-data.ts), so only the ABI is refused.
    expect(() => loadPolicySync(wasm, { initial: Math.max(5, dataPages(wasm)) })).toThrow(/unsupported ABI version 2/);
    const r = await check(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${dir}: policy bundle rejected: policy.wasm uses OPA Wasm ABI 2\\.\\d+, which this kiteguard does not run \\(supported: 1\\.1, 1\\.2, 1\\.3\\)`));
  });

  it('refuses a re-signed module declaring an unknown minor version', async () => {
    const r = await check(patched('minor', 'minor', 9));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('policy.wasm uses OPA Wasm ABI 1.9, which this kiteguard does not run');
  });

  it('checks the signature before the ABI: a changed module that was not signed again is a signature failure', async () => {
    const r = await check(patched('unsigned', 'version', 2, false));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"policy.wasm" does not match its signed digest');
  });

  it('runs the untouched bundle', async () => {
    expect((await check(BUNDLE)).code).not.toBe(2);
  });
});
