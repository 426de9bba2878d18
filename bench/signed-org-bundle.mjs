// For the benchmarks that run `check` through an organization's bundle: builds examples/org-policy with
// `kiteguard policy build` (the real opa) into a bundle signed with a fresh ES256 key.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** Builds the signed bundle in `work`; returns its path and the public key's (PEM) that verifies it. */
export function signedOrgBundle(work, opa) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const key = join(work, 'k.pem');
  const pub = join(work, 'k.pub');
  writeFileSync(key, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  const bundle = join(work, 'org.tar.gz');
  execFileSync(process.execPath, [join(root, 'bin/kiteguard.js'), 'policy', 'build', join(root, 'examples/org-policy'), '-o', bundle, '--signing-key', key, '--opa', opa]);
  return { bundle, pub };
}
