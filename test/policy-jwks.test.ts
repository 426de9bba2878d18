// `--verification-keys JWKS`: the signature's key id picks the key (from the JWS header, or the payload's `keyid`
// when OPA signs with a claims file), an unknown key id or a key of another algorithm is refused; `--bundle-scope`
// and `--bundle-issuer` require the signed `scope` and `iss`. Bundles are signed by the real `opa build`.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPA, ROOT, runCli } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'kiteguard-jwks-'));
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const file = (name: string, text: string): string => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};
const jwk = (key: KeyObject, extra: Record<string, string>) => ({ ...key.export({ format: 'jwk' }), ...extra });
const JWKS = file('keys.json', JSON.stringify({ keys: [jwk(ec.publicKey, { kid: 'ci-2026', alg: 'ES256', use: 'sig' }), jwk(rsa.publicKey, { kid: 'ci-2025' })] }));
const EC_KEY = file('ec.pem', ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
const RSA_KEY = file('rsa.pem', rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
const PIPELINE = join(ROOT, 'examples/org-policy/example-pipeline.yml');
const B = { kid: join(work, 'kid.tar.gz'), claims: join(work, 'claims.tar.gz'), plain: join(work, 'plain.tar.gz') };

beforeAll(async () => {
  for (const [out, flags] of [
    [B.kid, ['--signing-key', EC_KEY, '--key-id', 'ci-2026']],
    [B.claims, ['--signing-key', RSA_KEY, '--signing-alg', 'RS256', '--key-id', 'ci-2025', '--scope', 'acme-ci', '--issuer', 'https://ci.acme.example']],
    [B.plain, ['--signing-key', EC_KEY]],
  ] as const) {
    const r = await runCli(['policy', 'build', join(ROOT, 'examples/org-policy'), '-o', out, '--opa', OPA, ...flags]);
    expect(r.code, r.stderr).toBe(0);
  }
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const check = (bundle: string, ...flags: string[]) => runCli(['check', PIPELINE, '--bundle', bundle, ...flags], { cwd: work });
const refused = async (bundle: string, flags: string[], reason: string) => {
  const r = await check(bundle, ...flags);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(reason);
};

describe('a bundle verified with a JWKS', () => {
  it('picks the key by the JWS header kid (ES256) and by the payload keyid of a claims-signed bundle (RS256)', async () => {
    for (const bundle of [B.kid, B.claims]) {
      const r = await check(bundle, '--verification-keys', JWKS, '--format', 'json');
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toContain('acme/deploy_queue');
    }
  });

  it('refuses a key id that is not in the set', () =>
    refused(B.plain, ['--verification-keys', JWKS], `the signature's key id "default" is not in the verification key set ${JWKS} (it has "ci-2026", "ci-2025")`));

  it('refuses a set key whose alg differs from the signature', async () => {
    const set = file('wrong-alg.json', JSON.stringify({ keys: [jwk(rsa.publicKey, { kid: 'ci-2025', alg: 'PS256' })] }));
    await refused(B.claims, ['--verification-keys', set], 'key "ci-2025" is for PS256, but the bundle is signed with RS256');
  });

  it('refuses a signature that the key of its kid does not verify', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const set = file('other.json', JSON.stringify({ keys: [jwk(other.publicKey, { kid: 'ci-2026' })] }));
    await refused(B.kid, ['--verification-keys', set], 'the signature does not verify with key "ci-2026" (ES256)');
  });

  it.each([
    ['private key material', { keys: [jwk(ec.privateKey, { kid: 'k' })] }, 'key "k" is secret or private key material'],
    ['a key without kid', { keys: [jwk(ec.publicKey, {})] }, 'key 1 has no "kid"'],
    ['not a JWKS', [1, 2], 'expected a JWKS'],
  ])('refuses a set holding %s, naming the file', async (_what, doc, reason) => {
    const set = file('bad.json', JSON.stringify(doc));
    await refused(B.kid, ['--verification-keys', set], `${set}: the verification key set is not usable: ${reason}`);
  });

  it('takes one of --verification-key and --verification-keys', async () => {
    const r = await check(B.kid, '--verification-keys', JWKS, '--verification-key', EC_KEY);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not both');
  });
});

describe('the scope and issuer a signature must carry', () => {
  it('accepts the signed scope and issuer', async () => {
    const r = await check(B.claims, '--verification-keys', JWKS, '--bundle-scope', 'acme-ci', '--bundle-issuer', 'https://ci.acme.example');
    expect(r.code, r.stderr).toBe(1);
  });

  it('refuses another scope, another issuer, and a bundle signed without a scope', async () => {
    await refused(B.claims, ['--verification-keys', JWKS, '--bundle-scope', 'acme-prod'], `the signature's scope is "acme-ci", not the required "acme-prod"`);
    await refused(B.claims, ['--verification-keys', JWKS, '--bundle-issuer', 'https://evil.example'], `the signature's issuer (iss) is "https://ci.acme.example", not the required "https://evil.example"`);
    await refused(B.kid, ['--verification-keys', JWKS, '--bundle-scope', 'acme-ci'], 'the signature carries no scope, and "acme-ci" is required');
  });

  it('reads verification_keys, bundle_scope and bundle_issuer from .kiteguard.yml', async () => {
    const dir = join(work, 'configured');
    mkdirSync(dir);
    writeFileSync(join(dir, '.kiteguard.yml'), `bundle: ${B.claims}\nverification_keys: ${JWKS}\nbundle_scope: acme-prod\nbundle_issuer: https://ci.acme.example\n`);
    const r = await runCli(['check', PIPELINE], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the signature's scope is "acme-ci", not the required "acme-prod"`);
  });
});
