// `--bundle` and `--verification-key`: the commands that judge or list rules run with a signed policy bundle.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from './io.js';

/** The bundle flags, plus `--config` where the command has it. */
export interface BundleFlags {
  bundle?: string;
  verificationKey?: string;
  verificationKeys?: string;
  bundleScope?: string;
  bundleIssuer?: string;
  config?: string;
}

/** Adds `--bundle`, `--verification-key(s)`, `--bundle-scope` and `--bundle-issuer` to a command. */
export function addBundleOptions(command: Command): Command {
  return command
    .option('--bundle <path|url>', 'use this signed policy bundle (a folder, a .tar.gz from `kiteguard policy build`, or its https URL, cached) instead of the built-in rules')
    .option('--verification-key <file>', 'PEM public key the bundle must be signed with')
    .option('--verification-keys <jwks>', 'JWKS file of public keys; the signature\'s key id (kid) picks the one it must verify with')
    .option('--bundle-scope <scope>', 'the scope the bundle\'s signature must carry (`opa build --scope` or a claims file)')
    .option('--bundle-issuer <iss>', 'the issuer (iss claim) the bundle\'s signature must carry');
}

/** Verifies and activates the bundle the flags or .kiteguard.yml name; returns whether one is in use. */
export async function useBundle(io: CliIo, flags: BundleFlags): Promise<boolean> {
  const { usePolicyBundle } = await import('../app/policy-bundle.js');
  return usePolicyBundle({
    cwd: io.cwd,
    ...(flags.bundle ? { bundle: flags.bundle } : {}),
    ...(flags.verificationKey ? { verificationKey: flags.verificationKey } : {}),
    ...(flags.verificationKeys ? { verificationKeys: flags.verificationKeys } : {}),
    ...(flags.bundleScope ? { scope: flags.bundleScope } : {}),
    ...(flags.bundleIssuer ? { issuer: flags.bundleIssuer } : {}),
    ...(flags.config ? { configPath: resolve(io.cwd, flags.config) } : {}),
    env: io.env,
    warn: (line) => io.stderr(line),
  });
}
