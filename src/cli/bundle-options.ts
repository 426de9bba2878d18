// `--bundle` and `--verification-key`: the commands that judge or list rules run with a signed policy bundle.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from './io.js';

/** The bundle flags, plus `--config` where the command has it. */
export interface BundleFlags {
  bundle?: string;
  verificationKey?: string;
  config?: string;
}

/** Adds `--bundle` and `--verification-key` to a command. */
export function addBundleOptions(command: Command): Command {
  return command
    .option('--bundle <path>', 'use this signed policy bundle (a folder or .tar.gz from `kiteguard policy build`) instead of the built-in rules')
    .option('--verification-key <file>', 'PEM public key the bundle must be signed with');
}

/** Verifies and activates the bundle the flags or .kiteguard.yml name; returns whether one is in use. */
export async function useBundle(io: CliIo, flags: BundleFlags): Promise<boolean> {
  const { usePolicyBundle } = await import('../app/policy-bundle.js');
  return usePolicyBundle({
    cwd: io.cwd,
    ...(flags.bundle ? { bundle: flags.bundle } : {}),
    ...(flags.verificationKey ? { verificationKey: flags.verificationKey } : {}),
    ...(flags.config ? { configPath: resolve(io.cwd, flags.config) } : {}),
  });
}
