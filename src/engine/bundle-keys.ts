// The keys a bundle may be signed with: one PEM public key, or a JWKS (JSON Web Key Set) from which the
// signature's key id (`kid` in the JWS header, else `keyid` in its payload, as OPA writes it) picks one.
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { InputError } from '../errors.js';

/** Verification keys: a single key, or a set indexed by key id. */
export type VerificationKeys =
  | { kind: 'key'; key: KeyObject }
  | { kind: 'set'; file: string; keys: ReadonlyMap<string, { key: KeyObject; alg?: string }> };

/** Reads a JWKS file's text: `{"keys": [...]}` of public keys, each with a unique `kid`; an InputError naming the file otherwise. */
export function readJwks(text: string, file: string): VerificationKeys {
  const fail = (reason: string): never => {
    throw new InputError(`the verification key set is not usable: ${reason}`, { file });
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    fail('expected a JWKS, a JSON object {"keys": [...]}');
  }
  const list = (doc as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list) || list.length === 0) fail('expected a JWKS, a JSON object {"keys": [...]} with at least one key');
  const keys = new Map<string, { key: KeyObject; alg?: string }>();
  (list as Record<string, unknown>[]).forEach((jwk, i) => {
    const kid = jwk?.['kid'];
    if (typeof kid !== 'string' || !kid) fail(`key ${i + 1} has no "kid"; every key of the set needs one`);
    if (keys.has(kid as string)) fail(`the key id "${kid}" is used twice`);
    if ('d' in jwk || jwk['kty'] === 'oct') fail(`key "${kid}" is secret or private key material; the set must hold public keys only`);
    if (jwk['use'] !== undefined && jwk['use'] !== 'sig') fail(`key "${kid}" is for "use": "${String(jwk['use'])}", not "sig"`);
    let key: KeyObject;
    try {
      key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    } catch {
      return fail(`key "${kid}" is not a valid EC or RSA public JWK`);
    }
    keys.set(kid as string, typeof jwk['alg'] === 'string' ? { key, alg: jwk['alg'] } : { key });
  });
  return { kind: 'set', file, keys };
}

/**
 * The key to check a signature with: the single key, or the set's key named by `kid` (an unknown or missing kid
 * is refused, as is a key whose JWK `alg` differs from the signature's); `fail` throws the refusal.
 */
export function selectKey(keys: VerificationKeys, kid: string | undefined, alg: string, fail: (reason: string) => never): KeyObject {
  if (keys.kind === 'key') return keys.key;
  if (!kid) return fail(`the signature names no key id (kid), so no key of the set ${keys.file} can be chosen; sign with \`opa build --verification-key-id ID\``);
  const entry = keys.keys.get(kid);
  if (!entry) return fail(`the signature's key id "${kid}" is not in the verification key set ${keys.file} (it has ${[...keys.keys.keys()].map((k) => `"${k}"`).join(', ')})`);
  if (entry.alg && entry.alg !== alg) return fail(`key "${kid}" is for ${entry.alg}, but the bundle is signed with ${alg}`);
  return entry.key;
}
