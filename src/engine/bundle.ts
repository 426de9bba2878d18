// A signed policy bundle in place of the shipped policies: read, verified, its ABI checked, then its
// `policy.wasm` and rule catalog used by every later step of the command.
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { useAssets } from './assets.js';
import { readBundleFiles } from './bundle-archive.js';
import { readJwks, type VerificationKeys } from './bundle-keys.js';
import { readVerificationKey, verifyBundle, type ExpectedClaims } from './bundle-verify.js';
import { parseCatalog } from './catalog.js';
import { checkAbi } from './wasm-abi.js';
import ENTRYPOINTS from './entrypoints.json' with { type: 'json' };
import { CATALOG_DATA_KEY, ORG_DATA_KEY } from '../../scripts/lib/compile-policies.mjs';

/** Where the verification key is: a PEM public key file, or a JWKS file the signature's key id picks from. */
export type KeySource = { keyFile: string } | { keysFile: string };

/**
 * Reads and verifies the bundle at `path` with the given key(s) and claims, then makes it the policy in use;
 * refusals name `bundlePath` (the URL of a fetched bundle, else the path).
 */
export function activateBundle(path: string, keySource: KeySource, expected: ExpectedClaims = {}, bundlePath = path): { rules: number } {
  const file = 'keyFile' in keySource ? keySource.keyFile : keySource.keysFile;
  let keyText: Buffer;
  try {
    keyText = readFileSync(file);
  } catch {
    throw new InputError(`cannot read the verification ${'keyFile' in keySource ? 'key' : 'key set'}`, { file });
  }
  const keys: VerificationKeys = 'keyFile' in keySource ? { kind: 'key', key: readVerificationKey(keyText, file) } : readJwks(keyText.toString('utf8'), file);
  const files = readBundleFiles(path);
  verifyBundle(files, keys, bundlePath, expected);
  const fail = (reason: string): never => {
    throw new InputError(`policy bundle rejected: ${reason}`, { file: bundlePath });
  };
  const manifest = JSON.parse(files.get('.manifest')?.toString('utf8') ?? fail('it has no .manifest')) as { wasm?: { entrypoint: string; module: string }[] };
  const modules = new Set((manifest.wasm ?? []).map((w) => w.module.replace(/^\/+/, '')));
  if (modules.size !== 1 || !modules.has('policy.wasm')) fail('it must hold exactly one Wasm module, policy.wasm (build it with `kiteguard policy build`)');
  // Only a verified module is parsed: the signature first, then the ABI its signer built it for.
  checkAbi(files.get('policy.wasm') as Buffer, bundlePath);
  const entrypoints = new Set((manifest.wasm ?? []).map((w) => w.entrypoint));
  const missing = Object.values(ENTRYPOINTS).filter((e) => !entrypoints.has(e));
  if (missing.length) fail(`its policy.wasm lacks the entrypoints ${missing.join(', ')} (build it with \`kiteguard policy build\`)`);
  const data = JSON.parse(files.get('data.json')?.toString('utf8') ?? '{}') as Record<string, unknown>;
  const catalog = data[CATALOG_DATA_KEY];
  if (!catalog) fail('it carries no rule catalog (build it with `kiteguard policy build`)');
  const text = JSON.stringify(catalog);
  const rules = parseCatalog(text).length;
  const org = data[ORG_DATA_KEY];
  useAssets({
    'policy.wasm': files.get('policy.wasm') as Buffer,
    'catalog.json': Buffer.from(text),
    // The organization's settings (`policy build --config`), covered by the signature like the rest of data.json.
    ...(org ? { 'org-config.json': Buffer.from(JSON.stringify(org)) } : {}),
  });
  return { rules };
}
