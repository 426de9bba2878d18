// Organization rules end to end through the real OPA: scaffolded, tested, built into a bundle signed by
// `opa build --signing-key` (ES256 and RS256), verified and reported by `check`; bad bundles exit 2.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BATCH_ENTRYPOINTS from '../src/engine/batch-entrypoints.json' with { type: 'json' };
import { PolicyEngine } from '../src/engine/policy.js';
import { loadPipeline } from '../src/pipeline/load.js';
import { OPA, ROOT, runCli } from './helpers.js';

const EXAMPLE = join(ROOT, 'examples/org-policy');
const work = mkdtempSync(join(tmpdir(), 'kiteguard-policy-'));
const rules = join(work, 'rules');
const keys = {
  ec: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  rsa: generateKeyPairSync('rsa', { modulusLength: 2048 }),
  other: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
};
const pem = (name: string, text: string | Buffer): string => {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
};
const KEY = {
  ecPrivate: pem('ec.pem', keys.ec.privateKey.export({ type: 'pkcs8', format: 'pem' })),
  ecPublic: pem('ec.pub', keys.ec.publicKey.export({ type: 'spki', format: 'pem' })),
  rsaPrivate: pem('rsa.pem', keys.rsa.privateKey.export({ type: 'pkcs8', format: 'pem' })),
  rsaPublic: pem('rsa.pub', keys.rsa.publicKey.export({ type: 'spki', format: 'pem' })),
  otherPublic: pem('other.pub', keys.other.publicKey.export({ type: 'spki', format: 'pem' })),
};
const PIPELINE = pem(
  'pipeline.yml',
  readFileSync(join(EXAMPLE, 'example-pipeline.yml'), 'utf8') + '  - label: install\n    command: sudo make install\n    agents: {queue: builders}\n    timeout_in_minutes: 5\n',
);
const ES = join(work, 'org.es256.tar.gz');
const RS = join(work, 'org.rs256.tar.gz');
const UNSIGNED = join(work, 'org.unsigned.tar.gz');

interface JsonFinding {
  ruleId: string;
  message: string;
  location: { file: string; line: number; column: number };
}

async function checkWith(bundle: string, key: string): Promise<{ code: number; findings: JsonFinding[]; stderr: string }> {
  const r = await runCli(['check', PIPELINE, '--format', 'json', '--bundle', bundle, '--verification-key', key], { cwd: work });
  return { code: r.code, stderr: r.stderr, findings: r.code === 2 ? [] : (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings };
}

/** The ES256 bundle extracted into a folder, to change it. */
function extracted(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir);
  execFileSync('tar', ['-xzf', ES, '-C', dir]);
  return dir;
}

beforeAll(async () => {
  cpSync(EXAMPLE, rules, { recursive: true });
  const made = await runCli(['policy', 'new', 'acme/no_sudo', '--dir', rules]);
  expect(made.code, made.stderr).toBe(0);
  for (const [out, extra] of [
    [ES, ['--signing-key', KEY.ecPrivate]],
    [RS, ['--signing-key', KEY.rsaPrivate, '--signing-alg', 'RS256']],
    [UNSIGNED, []],
  ] as const) {
    const r = await runCli(['policy', 'build', rules, '-o', out, '--opa', OPA, ...extra]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('3 of yours: acme/deploy_queue, acme/no_sudo, acme/plugin_organizations');
  }
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('kiteguard policy new and test', () => {
  it('scaffolds a rule whose tests pass, and a failing test fails `policy test` with exit 1', async () => {
    const passing = await runCli(['policy', 'test', rules, '--opa', OPA]);
    expect(passing.code, passing.stdout).toBe(0);
    expect(passing.stdout).toMatch(/PASS: 13\/13/);
    const test = join(rules, 'pipeline/acme_no_sudo_test.rego');
    const before = readFileSync(test, 'utf8');
    appendFileSync(test, '\ntest_sudo_is_allowed if {\n\tcount(acme_no_sudo.deny) == 0 with input as testing.pipeline([testing.command_step({"commands": ["sudo ls"]})])\n}\n');
    try {
      const failing = await runCli(['policy', 'test', rules, '--opa', OPA]);
      expect(failing.code).toBe(1);
      expect(failing.stdout).toContain('test_sudo_is_allowed');
      expect(failing.stdout).toMatch(/FAIL: 1\/14/);
    } finally {
      writeFileSync(test, before);
    }
  });

  it('writes example and scaffolded rules that `opa fmt` and `opa check --strict` accept', () => {
    expect(execFileSync(OPA, ['fmt', '--list', rules]).toString()).toBe('');
    execFileSync(OPA, ['check', '--strict', rules, join(ROOT, 'policies/lib')]);
  });

  it('refuses an id in kiteguard\'s namespace and an existing rule', async () => {
    expect((await runCli(['policy', 'new', 'pipeline/mine', '--dir', rules])).stderr).toContain("kiteguard's namespace");
    const again = await runCli(['policy', 'new', 'acme/no_sudo', '--dir', rules]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });

  it('names the OPA version to install when no opa binary is found', async () => {
    const r = await runCli(['policy', 'build', rules, '-o', join(work, 'x.tar.gz')], { env: { PATH: work } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('go install github.com/open-policy-agent/opa@v1.22.3');
  });
});

describe('check through a signed bundle', () => {
  it.each([
    ['ES256', ES, KEY.ecPublic],
    ['RS256', RS, KEY.rsaPublic],
  ])('reports the organization rules at file:line (%s)', async (_alg, bundle, key) => {
    const { code, findings, stderr } = await checkWith(bundle, key);
    expect(code, stderr).toBe(1);
    const own = findings.filter((f) => f.ruleId.startsWith('acme/')).map((f) => `${f.ruleId} ${f.location.line}`);
    expect(own.sort()).toEqual(['acme/deploy_queue 14', 'acme/no_sudo 18', 'acme/plugin_organizations 9']);
    expect(findings.some((f) => f.ruleId.startsWith('pipeline/'))).toBe(true);
  });

  it('evaluates a pipeline large enough to be split into rule parts, the organization rules among them', async () => {
    // Above 256 KiB of input the policy is evaluated rule package by rule package, through the part entrypoints `policy build` compiles too.
    const step = (i: number) => `  - label: "step ${i} ${'x'.repeat(120)}"\n    command: sudo make install-${i}\n    agents: {queue: builders}\n    timeout_in_minutes: 5\n`;
    const big = pem('big.yml', `steps:\n${Array.from({ length: 1500 }, (_, i) => step(i)).join('')}`);
    const r = await runCli(['check', big, '--format', 'json', '--bundle', ES, '--verification-key', KEY.ecPublic], { cwd: work });
    expect(r.code, r.stderr).not.toBe(2);
    const rules = new Set((JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings.map((f) => f.ruleId));
    expect(rules.has('acme/no_sudo')).toBe(true);
    expect(rules.has('pipeline/dependency_scan_missing')).toBe(true);
  }, 120_000);

  it('lists, explains and describes in SARIF the organization rules like built-in ones', async () => {
    const flags = ['--bundle', ES, '--verification-key', KEY.ecPublic];
    expect((await runCli(['rules', ...flags])).stdout).toMatch(/acme\/deploy_queue\s+high\s+area\s+6\s+Deploy steps off the deploy queue/);
    expect((await runCli(['explain', 'acme/plugin_organizations', ...flags])).stdout).toContain('allowed_organizations');
    const sarif = JSON.parse((await runCli(['check', PIPELINE, '--format', 'sarif', ...flags], { cwd: work })).stdout) as {
      runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } } }[];
    };
    const rule = sarif.runs[0]?.tool.driver.rules.find((r) => r.id === 'acme/deploy_queue');
    expect(rule?.shortDescription.text).toBe('Deploy steps off the deploy queue');
    expect((await runCli(['rules'])).stdout).not.toContain('acme/');
  });

  it('reads `bundle:` and `verification_key:` from .kiteguard.yml', async () => {
    const dir = join(work, 'configured');
    mkdirSync(dir);
    writeFileSync(join(dir, '.kiteguard.yml'), `bundle: ${ES}\nverification_key: ${KEY.ecPublic}\nrules:\n  acme/deploy_queue:\n    deploy_queue: builders\n`);
    const r = await runCli(['check', PIPELINE, '--format', 'json'], { cwd: dir });
    const ids = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings.map((f) => f.ruleId);
    expect(ids).toContain('acme/no_sudo');
    expect(ids).not.toContain('acme/deploy_queue');
  });
});

describe('a built bundle', () => {
  it('has the batch entrypoints of the shipped bundle, which give the reports of one-by-one evaluation', async () => {
    const dir = join(work, 'entrypoints');
    mkdirSync(dir);
    execFileSync('tar', ['-xzf', UNSIGNED, '-C', dir]);
    const engine = PolicyEngine.load(readFileSync(join(dir, 'policy.wasm')));
    engine.setData({ config: { rules: {} } });
    const inputs = [readFileSync(PIPELINE, 'utf8'), 'steps:\n  - command: sudo make\n'].map((text) => ({ pipeline: loadPipeline(text, 'pipeline.yml').pipeline, context: {}, now: '2026-12-01T00:00:00Z' }));
    const batched = engine.evaluateBatch('pipeline', inputs);
    expect(batched).toEqual(inputs.map((input) => engine.evaluate('pipeline', input)));
    expect(batched.flatMap((r) => r.findings).some((f) => f.rule === 'acme/no_sudo')).toBe(true);
    expect(Object.keys((PolicyEngine.load(readFileSync(join(dir, 'policy.wasm'))) as unknown as { policy: { entrypoints: object } }).policy.entrypoints)).toEqual(
      expect.arrayContaining(Object.values(BATCH_ENTRYPOINTS)),
    );
  });
});

describe('evaluate through a signed bundle', () => {
  it('gives the built-in rules the same verdicts on a snapshot, and adds the organization rules', async () => {
    const snapshot = join(ROOT, 'fixtures/estate/snapshot.json');
    interface Outcome {
      target: string;
      ruleId: string;
      outcome: string;
      findings: number;
    }
    const outcomes = async (...flags: string[]) =>
      (JSON.parse((await runCli(['evaluate', snapshot, '--format', 'json', '--now', '2026-12-01T00:00:00Z', ...flags], { cwd: work })).stdout) as { outcomes: Outcome[] }).outcomes;
    const shipped = await outcomes();
    const bundled = await outcomes('--bundle', ES, '--verification-key', KEY.ecPublic);
    expect(bundled.filter((o) => !o.ruleId.startsWith('acme/'))).toEqual(shipped);
    expect(bundled.filter((o) => o.ruleId === 'acme/no_sudo').length).toBeGreaterThan(0);
  });
});

describe('a bundle that does not verify is refused with exit 2', () => {
  const refused = async (bundle: string, key: string, reason: string) => {
    const { code, stderr } = await checkWith(bundle, key);
    expect(code).toBe(2);
    expect(stderr).toContain(`${bundle}: policy bundle rejected: ${reason}`);
  };

  it('a wrong key', () => refused(ES, KEY.otherPublic, 'the signature does not verify with the verification key (ES256)'));
  it('an RS256 bundle checked with an EC key', () => refused(RS, KEY.ecPublic, 'the signature does not verify with the verification key (RS256)'));
  it('no signature while a key is configured', () => refused(UNSIGNED, KEY.ecPublic, 'it is not signed'));

  it('a changed policy.wasm', async () => {
    const dir = extracted('tampered');
    const wasm = readFileSync(join(dir, 'policy.wasm'));
    wasm.writeUInt8(wasm.readUInt8(wasm.length - 1) ^ 1, wasm.length - 1);
    writeFileSync(join(dir, 'policy.wasm'), wasm);
    await refused(dir, KEY.ecPublic, '"policy.wasm" does not match its signed digest');
  });

  it('a changed catalog in data.json', async () => {
    const dir = extracted('catalog');
    writeFileSync(join(dir, 'data.json'), readFileSync(join(dir, 'data.json'), 'utf8').replace('"severity":"high"', '"severity":"low"'));
    await refused(dir, KEY.ecPublic, '"data.json" does not match its signed digest');
  });

  it('an extra file', async () => {
    const dir = extracted('extra');
    writeFileSync(join(dir, 'extra.rego'), 'package extra\n');
    await refused(dir, KEY.ecPublic, '"extra.rego" is in the bundle but not covered by the signature');
  });

  it('a missing file', async () => {
    const dir = extracted('missing');
    rmSync(join(dir, 'org/pipeline/acme_no_sudo.rego'));
    await refused(dir, KEY.ecPublic, '"org/pipeline/acme_no_sudo.rego" is signed but missing from the bundle');
  });

  it('two signatures', async () => {
    const dir = extracted('two');
    const sigs = JSON.parse(readFileSync(join(dir, '.signatures.json'), 'utf8')) as { signatures: string[] };
    writeFileSync(join(dir, '.signatures.json'), JSON.stringify({ signatures: [...sigs.signatures, ...sigs.signatures] }));
    await refused(dir, KEY.ecPublic, '.signatures.json must hold exactly one signature, it holds 2');
  });

  it('a bundle without a verification key', async () => {
    const r = await runCli(['check', PIPELINE, '--bundle', ES], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('give --verification-key');
  });
});
