// Verifies a signed OPA bundle with node:crypto before anything of it is used: exactly one JWS from
// `.signatures.json`, an allowed algorithm, the key's signature, and every file listed with a matching digest.
import { createHash, createPublicKey, verify, constants, type KeyObject } from 'node:crypto';
import { InputError } from '../errors.js';
import type { BundleFiles } from './bundle-archive.js';
import { selectKey, type VerificationKeys } from './bundle-keys.js';
import { canonicalJson } from './bundle-canonical.js';

/** The signature algorithms kiteguard accepts (asymmetric only: a verification key is a public key). */
export const SIGNING_ALGORITHMS = ['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] as const;

const DIGESTS: Record<string, string> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
const SIGNATURES = '.signatures.json';

/** Reads a PEM public key (a private key gives its public half); a bad key is an InputError naming the file. */
export function readVerificationKey(pem: string | Buffer, file: string): KeyObject {
  try {
    return createPublicKey(pem);
  } catch {
    throw new InputError('the verification key is not a PEM public key', { file });
  }
}

/** Claims the signed payload must carry: OPA's `scope` (`opa build --scope` or a claims file) and `iss`. */
export interface ExpectedClaims {
  scope?: string;
  issuer?: string;
}

/** Checks the bundle's signature, its claims and every file's digest; throws an InputError (exit 2) with the reason. */
export function verifyBundle(files: BundleFiles, keys: VerificationKeys, source: string, expected: ExpectedClaims = {}): void {
  const fail = (reason: string): never => {
    throw new InputError(`policy bundle rejected: ${reason}`, { file: source });
  };
  const raw = files.get(SIGNATURES);
  if (!raw) fail(`it is not signed (no ${SIGNATURES}) but a verification key is configured`);
  const signatures = parseJson(raw as Buffer, SIGNATURES, fail) as { signatures?: unknown };
  const list = Array.isArray(signatures.signatures) ? signatures.signatures : [];
  if (list.length !== 1 || typeof list[0] !== 'string') fail(`${SIGNATURES} must hold exactly one signature, it holds ${list.length}`);
  const [h, p, s, ...rest] = (list[0] as string).split('.');
  if (!h || !p || !s || rest.length) fail('the signature is not a compact JWS');
  const header = parseJson(Buffer.from(h as string, 'base64url'), 'the JWS header', fail) as { alg?: unknown; kid?: unknown };
  const alg = String(header.alg);
  if (!(SIGNING_ALGORITHMS as readonly string[]).includes(alg)) fail(`signature algorithm "${alg}" is not allowed (allowed: ${SIGNING_ALGORITHMS.join(', ')})`);
  // Read before the signature is checked only to pick the key; nothing else of it is trusted until then.
  const payload = parseJson(Buffer.from(p as string, 'base64url'), 'the JWS payload', fail) as { files?: unknown; keyid?: unknown; scope?: unknown; iss?: unknown };
  const kid = typeof header.kid === 'string' ? header.kid : typeof payload.keyid === 'string' ? payload.keyid : undefined;
  const key = selectKey(keys, kid, alg, fail);
  const which = keys.kind === 'set' ? `key "${kid}"` : 'the verification key';
  if (!signatureValid(alg, key, Buffer.from(`${h}.${p}`), Buffer.from(s as string, 'base64url'))) fail(`the signature does not verify with ${which} (${alg})`);
  checkClaim('scope', payload.scope, expected.scope, fail);
  checkClaim('issuer (iss)', payload.iss, expected.issuer, fail);
  if (!Array.isArray(payload.files)) fail('the signed payload lists no files');
  const listed = new Map<string, { hash: string; algorithm: string }>();
  for (const entry of payload.files as { name?: unknown; hash?: unknown; algorithm?: unknown }[]) {
    const name = String(entry.name).replace(/^\/+/, '');
    if (listed.has(name)) fail(`the signature lists "${name}" twice`);
    listed.set(name, { hash: String(entry.hash), algorithm: String(entry.algorithm) });
  }
  for (const name of files.keys()) if (name !== SIGNATURES && !listed.has(name)) fail(`"${name}" is in the bundle but not covered by the signature`);
  for (const [name, want] of listed) {
    const bytes = files.get(name);
    if (!bytes) fail(`"${name}" is signed but missing from the bundle`);
    const digest = DIGESTS[want.algorithm];
    if (!digest) fail(`"${name}" is hashed with ${want.algorithm}, which is not allowed`);
    if (fileDigest(name, bytes as Buffer, digest as string, fail) !== want.hash) fail(`"${name}" does not match its signed digest (the file was changed after signing)`);
  }
}

function checkClaim(name: string, actual: unknown, expected: string | undefined, fail: (reason: string) => never): void {
  if (expected === undefined || actual === expected) return;
  if (actual === undefined) fail(`the signature carries no ${name}, and "${expected}" is required`);
  fail(`the signature's ${name} is ${JSON.stringify(actual)}, not the required "${expected}"`);
}

function signatureValid(alg: string, key: KeyObject, data: Buffer, signature: Buffer): boolean {
  const hash = `sha${alg.slice(2)}`;
  const type = key.asymmetricKeyType;
  try {
    if (alg.startsWith('ES')) return type === 'ec' && verify(hash, data, { key, dsaEncoding: 'ieee-p1363' }, signature);
    if (type !== 'rsa' && type !== 'rsa-pss') return false;
    if (alg.startsWith('RS')) return verify(hash, data, key, signature);
    return verify(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, signature);
  } catch {
    return false;
  }
}

/** A file's digest as OPA computes it: `.manifest` and `data.json` over their canonical JSON, others over their bytes. */
function fileDigest(name: string, bytes: Buffer, digest: string, fail: (reason: string) => never): string {
  const base = name.split('/').pop();
  if (base !== '.manifest' && base !== 'data.json') return createHash(digest).update(bytes).digest('hex');
  let canonical: string;
  try {
    canonical = canonicalJson(bytes.toString('utf8'));
  } catch {
    return fail(`"${name}" is not valid JSON`);
  }
  return createHash(digest).update(canonical).digest('hex');
}

function parseJson(bytes: Buffer, what: string, fail: (reason: string) => never): unknown {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    if (value && typeof value === 'object') return value;
  } catch {
    // reported below
  }
  return fail(`${what} is not a JSON object`);
}
